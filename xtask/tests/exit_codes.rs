//! The `xtask` binary as a shell or CI sees it: exit status and where output goes.
//! (The behaviour of `gen` itself is tested in-process in `tests/cli.rs`.)

use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("xtask runs")
}

fn fixture(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("root");
    root.join("tests")
        .join("fixtures")
        .join(path)
        .display()
        .to_string()
}

#[test]
fn an_invalid_catalog_exits_1_with_diagnostics_on_stderr() {
    let out = tempfile::tempdir().expect("tempdir");
    let catalog = fixture("invalid/unknown_key.toml");
    let output = xtask(&[
        "gen",
        "--catalog",
        &catalog,
        "--out",
        &out.path().display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("{catalog}:22:1: error: unknown key `retryabel`")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_dir(out.path()).expect("list").count(), 0);
}

#[test]
fn a_valid_catalog_exits_0_with_one_line_per_target() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().display().to_string();
    let output = xtask(&[
        "gen",
        "--catalog",
        &fixture("valid/minimal.toml"),
        "--out",
        &dir,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().count(),
        codegen::emit::TARGETS.len(),
        "{stdout}"
    );
    assert!(
        stdout.starts_with(&format!("rust        {dir}/rust: wrote ")),
        "{stdout}"
    );
    let check = xtask(&[
        "gen",
        "--check",
        "--catalog",
        &fixture("valid/minimal.toml"),
        "--out",
        &dir,
    ]);
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn a_stale_tree_fails_check_with_1() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().display().to_string();
    let output = xtask(&[
        "gen",
        "--check",
        "--catalog",
        &fixture("valid/minimal.toml"),
        "--out",
        &dir,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("missing: ") && stderr.contains("run `cargo xtask gen`"),
        "{stderr}"
    );
}

#[test]
fn bad_usage_exits_2_with_the_usage() {
    for args in [
        &["gen", "--bogus"][..],
        &["frobnicate"][..],
        &["gen", "--catalog"][..],
    ] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("error: ") && stderr.contains("usage: cargo xtask"),
            "{stderr}"
        );
    }
}

#[test]
fn error_formats_json_and_github_locate_every_problem() {
    let out = tempfile::tempdir().expect("tempdir");
    let catalog = fixture("invalid/many_problems.toml");
    let dir = out.path().display().to_string();
    let json = xtask(&[
        "gen",
        "--catalog",
        &catalog,
        "--out",
        &dir,
        "--error-format",
        "json",
    ]);
    assert_eq!(json.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&json.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{stderr}");
    for line in &lines {
        assert!(
            line.starts_with(&format!("{{\"file\":{:?},\"line\":", catalog))
                && line.contains("\"severity\":\"error\"")
                && line.contains("\"message\":")
                && line.contains("\"help\":"),
            "{line}"
        );
    }
    let github = xtask(&[
        "gen",
        "--catalog",
        &catalog,
        "--out",
        &dir,
        "--error-format",
        "github",
    ]);
    assert_eq!(github.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&github.stderr);
    let commands: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("::error file="))
        .collect();
    assert_eq!(commands.len(), 6, "{stderr}");
    assert!(
        commands
            .iter()
            .all(|c| c.contains(",line=") && c.contains(",col=")),
        "{stderr}"
    );
    let bad = xtask(&["gen", "--error-format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
}
