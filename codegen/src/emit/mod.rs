//! Emitters: one module per target, each a pure function from the validated model to files.
//!
//! Adding a target means adding a module with a `generate(&Catalog) -> Result<Vec<GeneratedFile>,
//! EmitError>` function and a `NAMINGS` table, and listing it in [`TARGETS`]. Validation checks
//! every target's namings before any emitter runs, so emitters never see a code they cannot name.

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

/// A generation target.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Name, also the directory under the output directory (e.g. `rust`).
    pub name: &'static str,
    /// The emitter.
    pub generate: fn(&Catalog) -> Result<Vec<GeneratedFile>, EmitError>,
}

/// Every target, in the order `cargo xtask gen` reports them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "rust",
        generate: rust::generate,
    },
    Target {
        name: "typescript",
        generate: typescript::generate,
    },
    Target {
        name: "python",
        generate: python::generate,
    },
    Target {
        name: "docs",
        generate: docs::generate,
    },
];

/// Runs every target on a validated catalog. Files come back sorted by path.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = Vec::new();
    for target in TARGETS {
        files.extend((target.generate)(catalog)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
