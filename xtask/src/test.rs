//! `cargo xtask test`: every test of the project, in the order CI runs them.
//!
//! Each step is an ordinary command, printed before it runs, so a failure can be reproduced by
//! copying one line. The steps install what they need (crates from the committed lockfile).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One command to run.
struct Step {
    title: String,
    command: Command,
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn step(title: &str, dir: &Path, args: &[&str], env: &[(&str, &OsStr)]) -> Step {
    let mut command = cargo();
    command.current_dir(dir).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    Step {
        title: title.to_owned(),
        command,
    }
}

/// Runs every step, stopping at the first failure.
pub fn run_all(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    let generated_rust = root.join("generated").join("rust");
    let packages_target = root.join("target").join("packages");
    let packages_target = packages_target.as_os_str();
    let deny_docs: &OsStr = OsStr::new("-D warnings");
    let manifest = generated_rust.join("Cargo.toml");
    let manifest = manifest.to_string_lossy().into_owned();

    let mut steps = vec![
        step(
            "format of the workspace",
            root,
            &["fmt", "--all", "--check"],
            &[],
        ),
        step(
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
        step(
            "tests of the workspace: unit, snapshot, diagnostics, CLI, freshness of generated/",
            root,
            &["test", "--workspace", "--locked"],
            &[],
        ),
        step(
            "generated/ matches catalog.toml",
            root,
            &["xtask", "gen", "--check"],
            &[],
        ),
    ];
    for (title, features) in [
        ("generated Rust crate: tests, default features", &[][..]),
        (
            "generated Rust crate: tests, all features",
            &["--all-features"][..],
        ),
        (
            "generated Rust crate: tests, no default features",
            &["--no-default-features"][..],
        ),
    ] {
        let mut args = vec!["test", "--manifest-path", &manifest];
        args.extend_from_slice(features);
        steps.push(step(
            title,
            root,
            &args,
            &[("CARGO_TARGET_DIR", packages_target)],
        ));
    }
    for (title, features) in [
        (
            "generated Rust crate: clippy, all features",
            "--all-features",
        ),
        (
            "generated Rust crate: clippy, no default features",
            "--no-default-features",
        ),
    ] {
        steps.push(step(
            title,
            root,
            &[
                "clippy",
                "--manifest-path",
                &manifest,
                "--all-targets",
                features,
                "--",
                "-D",
                "warnings",
            ],
            &[("CARGO_TARGET_DIR", packages_target)],
        ));
    }
    steps.push(step(
        "generated Rust crate: docs build without warnings",
        root,
        &[
            "doc",
            "--manifest-path",
            &manifest,
            "--all-features",
            "--no-deps",
        ],
        &[
            ("CARGO_TARGET_DIR", packages_target),
            ("RUSTDOCFLAGS", deny_docs),
        ],
    ));

    // The crates generated from the valid fixtures (the escaping fixture above all) must build
    // and pass their own tests too, not only match their snapshots.
    let fixtures_out = tempfile::Builder::new()
        .prefix("fixture-crates-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    for name in ["minimal", "retryability", "fields_and_order", "escaping"] {
        let catalog = root
            .join("tests")
            .join("fixtures")
            .join("valid")
            .join(format!("{name}.toml"));
        let out = fixtures_out.path().join(name);
        crate::generate::run(&crate::generate::Options {
            catalog_display: catalog.display().to_string(),
            catalog,
            out: out.clone(),
            check: false,
        })
        .map_err(|failure| failure.render(false))?;
        let manifest = out
            .join("rust")
            .join("Cargo.toml")
            .to_string_lossy()
            .into_owned();
        steps.push(step(
            &format!("crate generated from tests/fixtures/valid/{name}.toml: tests"),
            root,
            &["test", "--quiet", "--manifest-path", &manifest],
            &[("CARGO_TARGET_DIR", packages_target)],
        ));
    }

    // A crate in a folder outside the repository that depends on generated/rust by path, as the
    // README shows.
    let consumer = tempfile::Builder::new()
        .prefix("rust-consumer-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    copy_consumer(
        &root.join("tests").join("consumers").join("rust"),
        consumer.path(),
        &generated_rust,
    )?;
    steps.push(step(
        "a crate outside the repository uses generated/rust by path",
        consumer.path(),
        &["run", "--quiet"],
        &[("CARGO_TARGET_DIR", packages_target)],
    ));

    let total = steps.len();
    for (i, mut s) in steps.into_iter().enumerate() {
        println!("\n==> [{}/{total}] {}", i + 1, s.title);
        println!("    $ {}", describe(&s.command));
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

/// Copies the consumer crate and points its dependency at this checkout's generated crate.
fn copy_consumer(from: &Path, to: &Path, generated_rust: &Path) -> Result<(), String> {
    let manifest = fs::read_to_string(from.join("Cargo.toml"))
        .map_err(|e| format!("cannot read the consumer crate in {}: {e}", from.display()))?;
    let relative = "../../../generated/rust";
    if !manifest.contains(relative) {
        return Err(format!(
            "the consumer's Cargo.toml does not depend on `{relative}`"
        ));
    }
    let absolute = generated_rust
        .canonicalize()
        .map_err(|e| format!("cannot find {}: {e}", generated_rust.display()))?;
    let manifest = manifest.replace(relative, &absolute.to_string_lossy());
    let copy = |path: PathBuf, contents: &str| {
        fs::create_dir_all(path.parent().unwrap_or(to))
            .and_then(|()| fs::write(&path, contents))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    copy(to.join("Cargo.toml"), &manifest)?;
    let main = fs::read_to_string(from.join("src").join("main.rs"))
        .map_err(|e| format!("cannot read the consumer's main.rs: {e}"))?;
    copy(to.join("src").join("main.rs"), &main)
}

fn describe(command: &Command) -> String {
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
    text.push_str("cargo");
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
