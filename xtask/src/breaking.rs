//! `cargo xtask breaking --against <git revision or file>`: compares the catalog with an earlier
//! one and reports every change with its rule and level (the rules are `codegen::breaking`'s; this
//! module only reads the two catalogs and prints).

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::breaking::{self, Report};

/// How to print the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One line per change, then the verdict.
    Text,
    /// A JSON object, for tools.
    Json,
    /// Release notes, for a CHANGELOG.
    Markdown,
}

impl Format {
    /// `text`, `json` or `markdown`.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// What to compare.
#[derive(Clone, Debug)]
pub struct Options {
    /// The current catalog.
    pub catalog: PathBuf,
    /// How to name it in locations.
    pub catalog_display: String,
    /// A file path, or else a git revision whose copy of the catalog is read.
    pub against: String,
    /// The output format.
    pub format: Format,
}

/// The printed report, and whether the check passed.
pub struct Outcome {
    /// The report in the requested format.
    pub output: String,
    /// False when a change fails the check (exit status 1).
    pub passed: bool,
}

/// Reads both catalogs and compares them. `Err` is a message for a comparison that could not be
/// made (an unreadable or invalid catalog, an unknown revision): nothing was compared.
pub fn run(options: &Options) -> Result<Outcome, String> {
    let new_text = std::fs::read_to_string(&options.catalog)
        .map_err(|e| format!("cannot read `{}`: {e}", options.catalog_display))?;
    let new = codegen::load(&options.catalog_display, &new_text).map_err(|d| {
        format!(
            "{}the current catalog is invalid: fix it before comparing",
            d.render(false)
        )
    })?;
    let (old_name, old_text) = old_catalog(&options.catalog, &options.against)?;
    let old = codegen::load(&old_name, &old_text).map_err(|d| {
        format!(
            "{}the catalog of `--against {}` is invalid, so it cannot be compared with",
            d.render(false),
            options.against
        )
    })?;
    let report: Report = breaking::compare(&old, &new, &new_text);
    let output = match options.format {
        Format::Text => breaking::render_text(&report, &options.catalog_display, &new_text),
        Format::Json => breaking::render_json(&report, &options.catalog_display, &new_text),
        Format::Markdown => breaking::render_markdown(&report, &new),
    };
    Ok(Outcome {
        output,
        passed: report.passed(),
    })
}

/// The earlier catalog: the file `against` if there is one, else `git show against:<path>` where
/// `<path>` is the catalog's path relative to the root of its git repository. Returns its name for
/// diagnostics and its text.
fn old_catalog(catalog: &Path, against: &str) -> Result<(String, String), String> {
    if against.is_empty() {
        return Err(
            "`--against` needs a git revision (like `HEAD~1` or `v1.0.0`) or a file".to_owned(),
        );
    }
    let as_file = Path::new(against);
    if as_file.is_file() {
        let text = std::fs::read_to_string(as_file)
            .map_err(|e| format!("cannot read `--against {against}`: {e}"))?;
        return Ok((against.to_owned(), text));
    }
    let catalog = catalog
        .canonicalize()
        .map_err(|e| format!("cannot find `{}`: {e}", catalog.display()))?;
    let dir = catalog.parent().unwrap_or(Path::new("."));
    let top = git(dir, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("`--against {against}` is neither a file nor a git revision: {e}"))?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']))
        .canonicalize()
        .map_err(|e| format!("cannot find the git repository's root: {e}"))?;
    let relative = catalog.strip_prefix(&top).map_err(|_| {
        format!(
            "`{}` is not inside the git repository at `{}`",
            catalog.display(),
            top.display()
        )
    })?;
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if against.starts_with('-') {
        return Err(format!(
            "`--against {against}` is not a git revision nor a file"
        ));
    }
    let spec = format!("{against}:{relative}");
    let text = git(&top, &["show", &spec]).map_err(|e| {
        format!(
            "cannot read `{relative}` at git revision `{against}` (nor is `{against}` a file): {e}"
        )
    })?;
    Ok((spec, text))
}

/// Runs git in `dir`; its standard output, or its first error line.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout)
            .map_err(|_| "git printed text that is not UTF-8".to_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git failed")
            .trim()
            .to_owned())
    }
}
