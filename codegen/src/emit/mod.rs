//! Emitters: one module per target, each a pure function from the validated model to files.
//!
//! Every target has the same skeleton:
//!
//! - `emit/<target>.rs`, its entry: `generate(&Catalog) -> Result<Vec<GeneratedFile>,
//!   EmitError>`, the context of names it resolves once (through [`crate::names`]), and its
//!   `STATIC_FILES`;
//! - `emit/<target>/<file>.rs`, one module per generated output that holds catalog data (the
//!   Rust `code.rs`, the TypeScript `codes.js`, the Python `codes.py`, the docs' `errors.md`…),
//!   rendering per-code records by walking [`crate::model::CODE_ATTRIBUTES`];
//! - `codegen/static/<target>/`, the code that does not depend on the catalog, as real files of
//!   the target's language ([`StaticFile`]): copied verbatim after the generated-file header, and
//!   importing the generated modules for the catalog's data.
//!
//! What more than one target needs lives below them all, in [`shared`] (header, JSON, Markdown,
//! example picks and envelope), [`crate::names`] (every target's identifiers, which validation
//! checks before any emitter runs) and [`crate::rules`] (status families and default
//! retryability). No target imports another. Emitters trust the validated model: they never
//! check it again.
//!
//! Adding a target means adding its module, its namings in [`crate::names`], an entry in
//! [`TARGETS`], and its test steps in `xtask/src/test/` (which finds them by the target's name).

pub mod conformance;
pub mod docs;
pub mod python;
pub mod rust;
pub mod shared;
pub mod typescript;

use crate::model::Catalog;

/// One file of generated output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory, `/`-separated, starting with the target's
    /// directory (e.g. `rust/src/lib.rs`).
    pub path: String,
    /// Full contents: `\n` line ends, exactly one trailing newline.
    pub contents: String,
}

/// An emitter failed on a validated catalog: always a bug in the emitter, never in the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmitError {
    /// The target whose emitter failed.
    pub target: &'static str,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "internal error in the {} emitter: {} (this is a bug in the generator, not in the catalog)",
            self.target, self.message
        )
    }
}

impl std::error::Error for EmitError {}

/// A file of a package that does not depend on the catalog, kept as a real file of its
/// language under `codegen/static/` and copied verbatim after the generated-file header.
#[derive(Clone, Copy, Debug)]
pub struct StaticFile {
    /// Its path under `codegen/static/` (e.g. `python/retry.py`).
    pub source: &'static str,
    /// Its contents.
    pub contents: &'static str,
}

/// The [`StaticFile`] at `path` under `codegen/static/`, embedded at compile time.
macro_rules! static_file {
    ($path:literal) => {
        $crate::emit::StaticFile {
            source: $path,
            contents: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/", $path)),
        }
    };
}
pub(crate) use static_file;

/// A generation target.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Name, also the directory under the output directory (e.g. `rust`).
    pub name: &'static str,
    /// The emitter.
    pub generate: fn(&Catalog) -> Result<Vec<GeneratedFile>, EmitError>,
    /// Its files that do not depend on the catalog, each copied into one generated file.
    pub static_files: &'static [StaticFile],
}

/// Every target, in the order `cargo xtask gen` reports them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "rust",
        generate: rust::generate,
        static_files: rust::STATIC_FILES,
    },
    Target {
        name: "typescript",
        generate: typescript::generate,
        static_files: typescript::STATIC_FILES,
    },
    Target {
        name: "python",
        generate: python::generate,
        static_files: python::STATIC_FILES,
    },
    Target {
        name: "docs",
        generate: docs::generate,
        static_files: &[],
    },
    // Last: its test steps run the clients of every other target's package.
    Target {
        name: "conformance",
        generate: conformance::generate,
        static_files: &[],
    },
];

/// Runs every target on a validated catalog, each on a thread of its own (targets share
/// nothing but the catalog). Files come back sorted by path, the same whatever the scheduling;
/// of several failures, the first target's in [`TARGETS`] order is reported.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let results: Vec<Result<Vec<GeneratedFile>, EmitError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = TARGETS
            .iter()
            .map(|target| scope.spawn(move || (target.generate)(catalog)))
            .collect();
        handles
            .into_iter()
            .zip(TARGETS)
            .map(|(handle, target)| {
                handle.join().unwrap_or_else(|_| {
                    Err(EmitError {
                        target: target.name,
                        message: "the emitter panicked".to_owned(),
                    })
                })
            })
            .collect()
    });
    let mut files = Vec::new();
    for result in results {
        files.extend(result?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::shared::header;
    use super::shared::sample;
    use super::*;

    #[test]
    fn every_target_generates_these_files_from_the_sample() {
        let catalog = sample::catalog();
        for target in TARGETS {
            let mut expected: Vec<String> = match target.name {
                "rust" => ["Cargo.toml", "README.md", "src/category.rs", "src/code.rs"]
                    .into_iter()
                    .chain(["src/envelope_docs.rs", "src/evolution.rs", "src/lib.rs"])
                    .chain(["src/status.rs"])
                    .chain(["tests/catalog.rs", "tests/catalog/catalog.json"])
                    .map(str::to_owned)
                    .collect(),
                "typescript" => ["codes", "constants", "families", "family-table"]
                    .iter()
                    .flat_map(|m| [format!("{m}.d.ts"), format!("{m}.js")])
                    .chain(
                        ["examples/handle-errors.ts", "package.json", "README.md"]
                            .map(str::to_owned),
                    )
                    .collect(),
                "python" => [
                    "__init__.py",
                    "__init__.pyi",
                    "codes.py",
                    "envelope.py",
                    "errors.py",
                    "errors.pyi",
                    "handlers.py",
                    "handlers.pyi",
                    "py.typed",
                ]
                .iter()
                .map(|m| format!("src/sample_errors/{m}"))
                .chain(
                    ["README.md", "examples/handle_errors.py", "pyproject.toml"].map(str::to_owned),
                )
                .collect(),
                "docs" => ["error-envelope.schema.json", "errors.md", "openapi.json"]
                    .map(str::to_owned)
                    .to_vec(),
                "conformance" => vec!["vectors.json".to_owned()],
                other => panic!("no expectation for the `{other}` target"),
            };
            let mut expected: Vec<String> = expected
                .drain(..)
                .map(|path| format!("{}/{path}", target.name))
                .collect();
            // Every static file lands once in its target (tests/generated_files.rs checks where).
            let files = (target.generate)(&catalog).expect("generates the sample");
            let mut paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
            assert_eq!(
                paths.len(),
                expected.len() + target.static_files.len(),
                "{}",
                target.name
            );
            paths.retain(|path| expected.contains(path));
            paths.sort();
            expected.sort();
            assert_eq!(paths, expected, "{}", target.name);
        }
    }

    #[test]
    fn every_target_writes_under_its_directory_files_with_the_header_and_clean_lines() {
        let catalog = sample::catalog();
        let [first, second] = header::lines(&catalog);
        for target in TARGETS {
            let files = (target.generate)(&catalog).expect("generates the sample");
            assert!(!files.is_empty(), "{}", target.name);
            for file in &files {
                let path = &file.path;
                assert!(path.starts_with(&format!("{}/", target.name)), "{path}");
                let head: Vec<&str> = file.contents.lines().take(4).collect();
                assert!(
                    head.iter().any(|l| l.contains(&first))
                        && head.iter().any(|l| l.contains(&second)),
                    "{path} lacks the header: {head:?}"
                );
                assert!(
                    file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"),
                    "{path} does not end with exactly one newline"
                );
                assert!(!file.contents.contains('\r'), "{path} has a CR");
                // Python separates top-level definitions by two blank lines; nothing needs three.
                assert!(
                    !file.contents.contains("\n\n\n\n"),
                    "{path} has three blank lines"
                );
                assert!(
                    file.contents.lines().all(|l| l == l.trim_end()),
                    "{path} has trailing white space"
                );
            }
        }
    }
}
