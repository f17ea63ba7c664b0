//! `cargo xtask test`: every test of the project, in the order CI runs them.
//!
//! Each step is an ordinary command, printed before it runs, so a failure can be reproduced by
//! copying one line. The steps install what they need (crates from the committed lockfile).
//! Each target's steps live in their own module; this one runs them and the workspace's own.

mod conformance;
mod docs;
mod python;
mod rust;
mod samples;
mod typescript;

pub use conformance::{CatalogUnderTest, run as run_conformance};

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use tempfile::TempDir;

/// One command to run.
pub(crate) struct Step {
    title: String,
    command: Command,
    /// Texts the command's output must hold (its output is then captured and printed).
    expect: Vec<String>,
    /// Whether a line of its output starting with `warning` fails the step (other than Cargo's
    /// `warning: aborting upload due to dry run`).
    forbid_warnings: bool,
    /// Whether the command must fail (exit non-zero) for the step to pass.
    expect_failure: bool,
}

impl Step {
    /// A step running `command` as it is.
    pub(crate) fn new(title: impl Into<String>, command: Command) -> Step {
        Step {
            title: title.into(),
            command,
            expect: Vec::new(),
            forbid_warnings: false,
            expect_failure: false,
        }
    }

    /// The same step, which also fails unless its output (stdout and stderr) holds every text
    /// of `expect`.
    pub(crate) fn expecting(mut self, expect: Vec<String>) -> Step {
        self.expect = expect;
        self
    }

    /// The same step, which also fails when its output has a warning.
    pub(crate) fn warning_free(mut self) -> Step {
        self.forbid_warnings = true;
        self
    }

    /// The same step, which passes only when the command fails (and its output holds every
    /// text of [`Step::expecting`]).
    pub(crate) fn failing(mut self) -> Step {
        self.expect_failure = true;
        self
    }

    /// A step running `cargo args…` in `dir` with extra environment variables.
    pub(crate) fn cargo(
        title: impl Into<String>,
        dir: &Path,
        args: &[&str],
        env: &[(&str, &OsStr)],
    ) -> Step {
        let mut command = cargo();
        command.current_dir(dir).args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        Step::new(title, command)
    }
}

/// What every target's steps share.
pub(crate) struct Context {
    /// The repository root.
    pub root: PathBuf,
    /// `CARGO_TARGET_DIR` for crates outside the workspace (generated, fixture and consumer
    /// crates), so they share one build cache without touching the workspace's.
    pub packages_target: PathBuf,
    /// A scratch directory removed when the run ends: fixture outputs, consumer copies.
    pub scratch: TempDir,
    /// The valid fixture catalogs, each generated once for every target's steps.
    pub fixtures: Vec<Fixture>,
}

/// A valid fixture catalog (`tests/fixtures/valid/NAME.toml`), or a sample catalog of the
/// property tests, and what it generates.
pub(crate) struct Fixture {
    /// `minimal` for `tests/fixtures/valid/minimal.toml`.
    pub name: String,
    /// The catalog file.
    pub catalog: PathBuf,
    /// The catalog file as step titles name it, relative to the repository root:
    /// `tests/fixtures/valid/minimal.toml`.
    pub label: String,
    /// Every target generated from it, laid out like `generated/` (`out/rust`, `out/docs`, …)
    /// in the scratch directory. Steps read it and copy what they build elsewhere.
    pub out: PathBuf,
}

impl Context {
    /// A fresh directory `name` inside the scratch directory.
    pub fn scratch_dir(&self, name: &str) -> Result<PathBuf, String> {
        let dir = self.scratch.path().join(name);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(dir)
    }
}

/// The valid fixture the consumer projects (`tests/consumers/`) also run on, besides
/// `catalog.toml`: its package name, codes and statuses' retryability all differ from the
/// seed's, so a consumer that names anything of `catalog.toml` fails on it.
pub(crate) const CONSUMER_FIXTURE: &str = "retryability";

/// The generated fixture [`CONSUMER_FIXTURE`].
pub(crate) fn consumer_fixture(context: &Context) -> Result<&Fixture, String> {
    context
        .fixtures
        .iter()
        .find(|fixture| fixture.name == CONSUMER_FIXTURE)
        .ok_or_else(|| {
            format!("the consumers run on tests/fixtures/valid/{CONSUMER_FIXTURE}.toml, which is missing")
        })
}

/// Loads and validates a catalog, for steps that need its names.
pub(crate) fn load_catalog(path: &Path) -> Result<codegen::Catalog, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    codegen::load(&path.display().to_string(), &text)
        .map_err(|diagnostics| diagnostics.render(false))
}

/// Every `tests/fixtures/valid/*.toml` (the same set the snapshot tests glob), sorted by name,
/// each generated into `scratch/fixtures/NAME`.
fn generate_fixtures(root: &Path, scratch: &Path) -> Result<Vec<Fixture>, String> {
    let dir = root.join("tests").join("fixtures").join("valid");
    generate_catalogs(root, &catalogs_in(&dir)?, &scratch.join("fixtures"))
}

/// The `*.toml` files of `dir`, sorted by name.
pub(crate) fn catalogs_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut catalogs = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            catalogs.push(path);
        }
    }
    catalogs.sort();
    Ok(catalogs)
}

/// Generates every target of each catalog into `out/NAME`, as `cargo xtask gen --catalog
/// CATALOG --out out/NAME` does.
pub(crate) fn generate_catalogs(
    root: &Path,
    catalogs: &[PathBuf],
    out: &Path,
) -> Result<Vec<Fixture>, String> {
    catalogs
        .iter()
        .map(|catalog| {
            let name = catalog
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            let label = catalog
                .strip_prefix(root)
                .unwrap_or(catalog)
                .display()
                .to_string();
            let out = out.join(&name);
            crate::generate::run(&crate::generate::Options {
                catalog_display: catalog.display().to_string(),
                catalog: catalog.clone(),
                out: out.clone(),
                check: false,
            })
            .map_err(|failure| failure.render(false))?;
            Ok(Fixture {
                name,
                catalog: catalog.clone(),
                label,
                out,
            })
        })
        .collect()
}

/// Copies a consumer crate (its manifest, the files of `src/` and `Cargo.lock` when it has one)
/// and points its dependency at a generated crate: its path, and its package name, which is the
/// catalog's (the dependency keeps its key, so the consumer's `use ai_api_errors::…` holds for
/// any catalog).
pub(crate) fn copy_consumer(from: &Path, to: &Path, generated_rust: &Path) -> Result<(), String> {
    let manifest = fs::read_to_string(from.join("Cargo.toml"))
        .map_err(|e| format!("cannot read the consumer crate in {}: {e}", from.display()))?;
    let relative = "../../../generated/rust";
    let package = "package = \"ai-api-errors\"";
    for needed in [relative, package] {
        if !manifest.contains(needed) {
            return Err(format!(
                "the consumer's Cargo.toml in {} lacks `{needed}`",
                from.display()
            ));
        }
    }
    let absolute = generated_rust
        .canonicalize()
        .map_err(|e| format!("cannot find {}: {e}", generated_rust.display()))?;
    let crate_manifest = absolute.join("Cargo.toml");
    let name = fs::read_to_string(&crate_manifest)
        .map_err(|e| format!("cannot read {}: {e}", crate_manifest.display()))?
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| format!("{} names no package", crate_manifest.display()))?;
    let manifest = manifest
        .replace(relative, &absolute.to_string_lossy())
        .replace(package, &format!("package = \"{name}\""));
    let copy = |path: PathBuf, contents: &str| {
        fs::create_dir_all(path.parent().unwrap_or(to))
            .and_then(|()| fs::write(&path, contents))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    copy(to.join("Cargo.toml"), &manifest)?;
    let src = from.join("src");
    let entries = fs::read_dir(&src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", src.display()))?
            .path();
        if path.is_file() {
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            copy(
                to.join("src").join(path.file_name().unwrap_or_default()),
                &text,
            )?;
        }
    }
    match fs::read_to_string(from.join("Cargo.lock")) {
        Ok(lock) => copy(to.join("Cargo.lock"), &lock),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot read the consumer's Cargo.lock: {e}")),
    }
}

pub(crate) fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The workspace's own checks, which come first.
fn workspace_steps(root: &Path) -> Vec<Step> {
    vec![
        Step::cargo(
            "format of the workspace",
            root,
            &["fmt", "--all", "--check"],
            &[],
        ),
        Step::cargo(
            "lints of the workspace",
            root,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        ),
        Step::cargo(
            "tests of the workspace: unit, snapshot, diagnostics, CLI, freshness of generated/",
            root,
            &["test", "--workspace", "--locked"],
            &[],
        ),
        Step::cargo(
            "generated/ matches catalog.toml",
            root,
            &["xtask", "gen", "--check"],
            &[],
        ),
    ]
}

/// What makes the steps of one target.
type StepsFn = fn(&Context) -> Result<Vec<Step>, String>;

/// The test steps of one target of `codegen::emit::TARGETS`, by its name.
fn target_steps(name: &str) -> Option<StepsFn> {
    Some(match name {
        "rust" => rust::steps,
        "typescript" => typescript::steps,
        "python" => python::steps,
        "docs" => docs::steps,
        "conformance" => conformance::steps,
        _ => return None,
    })
}

/// Runs every step (or those of the groups named in `only`: `workspace`, a target or `samples`),
/// stopping at the first failure. Every target of `codegen::emit::TARGETS` must have steps.
pub fn run_all(root: &Path, only: &[String]) -> Result<(), String> {
    let known = |name: &str| {
        name == "workspace"
            || name == samples::GROUP
            || codegen::emit::TARGETS.iter().any(|t| t.name == name)
    };
    if let Some(name) = only.iter().find(|name| !known(name)) {
        return Err(format!(
            "`--only {name}`: no such step group (`workspace`, a target name or `{}`)",
            samples::GROUP
        ));
    }
    let selected = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let started = Instant::now();
    let scratch = tempfile::Builder::new()
        .prefix("xtask-test-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let context = Context {
        root: root.to_path_buf(),
        packages_target: root.join("target").join("packages"),
        fixtures: generate_fixtures(root, scratch.path())?,
        scratch,
    };

    let mut steps = Vec::new();
    if selected("workspace") {
        steps.extend(workspace_steps(root));
    }
    for target in codegen::emit::TARGETS {
        let steps_of = target_steps(target.name)
            .ok_or_else(|| format!("the `{}` target has no test steps in xtask", target.name))?;
        if selected(target.name) {
            steps.extend(steps_of(&context)?);
        }
    }
    // Last, as they use the tools the language groups install.
    if selected(samples::GROUP) {
        steps.extend(samples::steps(
            &context,
            selected("typescript"),
            selected("python"),
        )?);
    }

    let total = steps.len();
    for (i, mut s) in steps.into_iter().enumerate() {
        println!("\n==> [{}/{total}] {}", i + 1, s.title);
        println!("    $ {}", describe(&s.command));
        if !s.expect.is_empty() || s.forbid_warnings || s.expect_failure {
            let output = s
                .command
                .output()
                .map_err(|e| format!("cannot run `{}`: {e}", describe(&s.command)))?;
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            print!("{text}");
            let missing: Vec<&String> = s.expect.iter().filter(|e| !text.contains(*e)).collect();
            let warnings: Vec<&str> = text
                .lines()
                .filter(|line| {
                    s.forbid_warnings
                        && line.trim_start().starts_with("warning")
                        && line.trim() != "warning: aborting upload due to dry run"
                })
                .collect();
            if output.status.success() == s.expect_failure
                || !missing.is_empty()
                || !warnings.is_empty()
            {
                return Err(format!(
                    "step {}/{total} failed: {} ({}{}; missing from its output: {missing:?}; \
                     warnings: {warnings:?})",
                    i + 1,
                    s.title,
                    output.status,
                    if s.expect_failure {
                        ", expected to fail"
                    } else {
                        ""
                    },
                ));
            }
            continue;
        }
        let status = s
            .command
            .status()
            .map_err(|e| format!("cannot run `{}`: {e}", describe(&s.command)))?;
        if !status.success() {
            return Err(format!(
                "step {}/{total} failed: {} ({status})",
                i + 1,
                s.title
            ));
        }
    }
    println!(
        "\nall {total} test steps passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub(crate) fn describe(command: &Command) -> String {
    let mut text = String::new();
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            text.push_str(&format!(
                "{}={} ",
                key.to_string_lossy(),
                quote(&value.to_string_lossy())
            ));
        }
    }
    let program = command.get_program().to_string_lossy();
    // `cargo` is spelled as the user would type it, whatever `CARGO` points at.
    let program = if std::env::var_os("CARGO").is_some_and(|cargo| cargo == command.get_program()) {
        "cargo".into()
    } else {
        program
    };
    text.push_str(&program);
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&quote(&arg.to_string_lossy()));
    }
    if let Some(dir) = command.get_current_dir() {
        text.push_str(&format!("    (in {})", dir.display()));
    }
    text
}

fn quote(s: &str) -> String {
    if s.contains(' ') {
        format!("'{s}'")
    } else {
        s.to_owned()
    }
}
