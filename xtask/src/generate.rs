//! `cargo xtask gen`: the only code that reads the catalog from disk and writes `generated/`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use codegen::{Diagnostics, GeneratedFile};

/// What to generate, from where, to where.
#[derive(Clone, Debug)]
pub struct Options {
    /// The catalog file.
    pub catalog: PathBuf,
    /// How to name the catalog in diagnostics (the path as the user wrote it).
    pub catalog_display: String,
    /// The output directory (`generated/`).
    pub out: PathBuf,
    /// Compare only; write nothing.
    pub check: bool,
}

/// Why a run failed. Every variant means nothing was written.
#[derive(Debug)]
pub enum Failure {
    /// The catalog could not be read from disk.
    Read { path: PathBuf, error: io::Error },
    /// The catalog is invalid.
    Invalid(Diagnostics),
    /// An emitter failed (a bug in the generator).
    Emit(codegen::EmitError),
    /// Writing the output failed; files already written were left as they were before.
    Write { path: PathBuf, error: io::Error },
    /// `--check` found files that differ from what the catalog produces.
    Stale(Vec<Stale>),
}

/// A generated file that does not match the catalog.
#[derive(Debug)]
pub struct Stale {
    /// Path of the file on disk.
    pub path: PathBuf,
    /// A short unified diff from what is on disk to what the catalog produces; `None` when the
    /// file is missing.
    pub diff: Option<String>,
}

/// Outcome of one target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetReport {
    /// Target name (`rust`).
    pub target: String,
    /// Files the target produces.
    pub files: usize,
    /// Files written (or, with `--check`, that would be).
    pub changed: Vec<String>,
}

/// Outcome of a successful run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// One entry per target, in target order.
    pub targets: Vec<TargetReport>,
}

impl Report {
    /// One line per target; `out` is the output directory as the user named it.
    pub fn lines(&self, out: &str, check: bool) -> String {
        let mut text = String::new();
        for t in &self.targets {
            let dir = format!("{}/{}", out.trim_end_matches('/'), t.target);
            let files = plural(t.files, "file");
            let _ = if t.changed.is_empty() {
                writeln!(text, "{:<11} {}: up to date ({files})", t.target, dir)
            } else if check {
                writeln!(
                    text,
                    "{:<11} {}: {} stale of {files}",
                    t.target,
                    dir,
                    t.changed.len()
                )
            } else {
                writeln!(
                    text,
                    "{:<11} {}: wrote {} of {files}",
                    t.target,
                    dir,
                    t.changed.len()
                )
            };
        }
        text
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Loads, validates and renders the catalog in memory; then writes (or checks) `generated/`.
pub fn run(options: &Options) -> Result<Report, Failure> {
    let text = fs::read_to_string(&options.catalog).map_err(|error| Failure::Read {
        path: options.catalog.clone(),
        error,
    })?;
    let catalog = codegen::load(&options.catalog_display, &text).map_err(Failure::Invalid)?;
    let files = codegen::generate(&catalog).map_err(Failure::Emit)?;

    let mut by_target: BTreeMap<usize, TargetReport> = BTreeMap::new();
    for (i, target) in codegen::emit::TARGETS.iter().enumerate() {
        by_target.insert(
            i,
            TargetReport {
                target: target.name.to_owned(),
                files: 0,
                changed: Vec::new(),
            },
        );
    }
    let mut changed: Vec<&GeneratedFile> = Vec::new();
    let mut stale = Vec::new();
    for file in &files {
        let index = codegen::emit::TARGETS
            .iter()
            .position(|t| file.path.starts_with(&format!("{}/", t.name)))
            .unwrap_or(0);
        let path = out_path(&options.out, &file.path);
        let current = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(Failure::Write { path, error }),
        };
        if let Some(report) = by_target.get_mut(&index) {
            report.files += 1;
        }
        if current.as_deref() == Some(file.contents.as_bytes()) {
            continue;
        }
        if let Some(report) = by_target.get_mut(&index) {
            report.changed.push(file.path.clone());
        }
        changed.push(file);
        if options.check {
            let diff = current.map(|bytes| {
                short_diff(&String::from_utf8_lossy(&bytes), &file.contents, &file.path)
            });
            stale.push(Stale { path, diff });
        }
    }
    if options.check {
        if !stale.is_empty() {
            return Err(Failure::Stale(stale));
        }
    } else {
        write_all(&options.out, &changed)?;
    }
    Ok(Report {
        targets: by_target.into_values().collect(),
    })
}

fn out_path(out: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(out.to_path_buf(), |p, part| p.join(part))
}

/// Writes every changed file, or none: all contents go to temporary files beside their targets
/// first, and only when every one was written are they renamed into place.
fn write_all(out: &Path, files: &[&GeneratedFile]) -> Result<(), Failure> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for file in files {
            let path = out_path(out, &file.path);
            let parent = path.parent().unwrap_or(out);
            fs::create_dir_all(parent).map_err(|error| Failure::Write {
                path: parent.to_path_buf(),
                error,
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temp = parent.join(format!(".{name}.xtask-gen.tmp"));
            fs::write(&temp, &file.contents).map_err(|error| Failure::Write {
                path: temp.clone(),
                error,
            })?;
            staged.push((temp, path));
        }
        Ok(())
    })();
    if let Err(failure) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        return Err(failure);
    }
    for (i, (temp, path)) in staged.iter().enumerate() {
        if let Err(error) = fs::rename(temp, path) {
            for (temp, _) in &staged[i..] {
                let _ = fs::remove_file(temp);
            }
            return Err(Failure::Write {
                path: path.clone(),
                error,
            });
        }
    }
    Ok(())
}

/// A unified diff of at most `MAX_LINES` lines.
fn short_diff(old: &str, new: &str, name: &str) -> String {
    const MAX_LINES: usize = 24;
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("{name} (on disk)"),
            &format!("{name} (from the catalog)"),
        )
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= MAX_LINES {
        text
    } else {
        let mut short = lines[..MAX_LINES].join("\n");
        let _ = write!(short, "\n... {} more diff lines\n", lines.len() - MAX_LINES);
        short
    }
}

impl Failure {
    /// The message for the terminal; `styled` adds colour to diagnostics.
    pub fn render(&self, styled: bool) -> String {
        match self {
            Failure::Read { path, error } => format!(
                "error: cannot read the catalog `{}`: {error}\n  = help: pass the catalog with `--catalog PATH`, or run from the repository that has `catalog.toml`\n",
                path.display()
            ),
            Failure::Invalid(diagnostics) => diagnostics.render(styled),
            Failure::Emit(error) => format!("error: {error}\nnothing was written\n"),
            Failure::Write { path, error } => format!(
                "error: cannot write `{}`: {error}\nno generated file was changed\n",
                path.display()
            ),
            Failure::Stale(files) => {
                let mut text = String::new();
                for file in files {
                    match &file.diff {
                        Some(diff) => {
                            let _ = writeln!(text, "stale: {}", file.path.display());
                            for line in diff.lines() {
                                let _ = writeln!(text, "    {line}");
                            }
                        }
                        None => {
                            let _ = writeln!(text, "missing: {}", file.path.display());
                        }
                    }
                }
                let _ = writeln!(
                    text,
                    "error: {} generated {} not match the catalog\n  = help: run `cargo xtask gen` and commit the result",
                    plural(files.len(), "file"),
                    if files.len() == 1 { "does" } else { "do" }
                );
                text
            }
        }
    }
}
