//! `cargo xtask breaking` and `cargo xtask explain`, run as the real binary on temporary copies
//! of `catalog.toml` (in a temporary git repository for `--against REV`): the scenarios of the
//! issue's "Done when". Expectations come from the catalog, loaded with `codegen`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    xtask::root()
}

fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("xtask runs")
}

fn output_text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

/// A git repository holding a copy of `catalog.toml`, committed and tagged `v1`.
fn repository() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = fs::read_to_string(root().join("catalog.toml")).expect("catalog.toml");
    let catalog = dir.path().join("catalog.toml");
    fs::write(&catalog, &text).expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "catalog.toml"]);
    git(dir.path(), &["commit", "-q", "-m", "v1"]);
    git(dir.path(), &["tag", "v1"]);
    (dir, catalog, text)
}

fn model(text: &str) -> codegen::Catalog {
    codegen::load("catalog.toml", text).expect("a valid catalog")
}

/// `version = "X.Y.Z"` of `[catalog]` bumped.
fn bump(text: &str, major: bool) -> String {
    let v = semver_of(text);
    let next = if major {
        format!("{}.0.0", v.0 + 1)
    } else {
        format!("{}.{}.0", v.0, v.1 + 1)
    };
    text.replacen(
        &format!("version = \"{}.{}.{}\"", v.0, v.1, v.2),
        &format!("version = \"{next}\""),
        1,
    )
}

fn semver_of(text: &str) -> (u64, u64, u64) {
    let version = model(text).version;
    let parts: Vec<u64> = version
        .split('.')
        .map(|p| p.parse().expect("number"))
        .collect();
    (parts[0], parts[1], parts[2])
}

/// The text of `[codes.NAME]` up to the next table.
fn code_table(text: &str, name: &str) -> (usize, usize) {
    let start = text
        .find(&format!("[codes.{name}]\n"))
        .expect("the code's table");
    let end = text[start + 1..]
        .find("\n[")
        .map_or(text.len(), |i| start + 1 + i + 1);
    (start, end)
}

fn run_breaking(dir: &Path, catalog: &Path, against: &str) -> (i32, String, String) {
    let catalog = catalog.to_string_lossy();
    let output = xtask(
        dir,
        &["breaking", "--catalog", &catalog, "--against", against],
    );
    let (stdout, stderr) = output_text(&output);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stdout, stderr)
}

#[test]
fn an_unchanged_catalog_passes_against_head() {
    let (dir, catalog, _) = repository();
    let (code, stdout, _) = run_breaking(dir.path(), &catalog, "HEAD");
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("no change"), "{stdout}");
}

#[test]
fn a_removed_code_fails_even_with_a_major_bump_and_retiring_it_passes() {
    let (dir, catalog, text) = repository();
    let last = model(&text).codes.last().expect("a code").clone();
    let (start, end) = code_table(&text, &last.wire);
    let removed = bump(&format!("{}{}", &text[..start], &text[end..]), true);
    fs::write(&catalog, &removed).expect("write");
    let (code, stdout, _) = run_breaking(dir.path(), &catalog, "HEAD");
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("CODE_REMOVED"), "{stdout}");
    assert!(stdout.contains(&format!("`{}`", last.wire)), "{stdout}");

    let version = model(&removed).version;
    let retired = format!(
        "{removed}\n[retired.{}]\nsince = \"{version}\"\nstatus = {}\nnote = \"No longer sent.\"\n",
        last.wire, last.status
    );
    fs::write(&catalog, &retired).expect("write");
    let (code, stdout, _) = run_breaking(dir.path(), &catalog, "v1");
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("CODE_RETIRED"), "{stdout}");
}

#[test]
fn an_added_code_needs_a_minor_bump() {
    let (dir, catalog, text) = repository();
    let first = model(&text).codes[0].clone();
    let (start, end) = code_table(&text, &first.wire);
    let name = format!("{}_AGAIN", first.wire);
    let copy = text[start..end].replacen(&first.wire, &name, 1);
    let added = format!("{}{copy}{}", &text[..end], &text[end..]);
    fs::write(&catalog, &added).expect("write");
    let (code, stdout, _) = run_breaking(dir.path(), &catalog, "HEAD");
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("VERSION_TOO_LOW"), "{stdout}");
    assert!(
        stdout.contains(&format!("CODE_ADDED] code `{name}`")),
        "{stdout}"
    );

    fs::write(&catalog, bump(&added, false)).expect("write");
    let (code, stdout, _) = run_breaking(dir.path(), &catalog, "HEAD");
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains(&format!("CODE_ADDED] code `{name}`")),
        "{stdout}"
    );
    // The location is the new code's table in the new file.
    let line = added[..added.find(&format!("[codes.{name}]")).expect("table")]
        .matches('\n')
        .count()
        + 1;
    assert!(stdout.contains(&format!(":{line}:")), "{stdout}");
}

#[test]
fn a_flipped_retryability_fails_with_only_a_minor_bump() {
    let (dir, catalog, text) = repository();
    let first = model(&text).codes[0].clone();
    let header = format!("[codes.{}]\n", first.wire);
    let flipped = text.replacen(
        &header,
        &format!("{header}retryable = {}\n", !first.retryable),
        1,
    );
    let flipped = bump(&flipped, false);
    assert_eq!(model(&flipped).codes[0].retryable, !first.retryable);
    fs::write(&catalog, &flipped).expect("write");
    let (code, stdout, _) = run_breaking(dir.path(), &catalog, "HEAD");
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(&format!("CODE_RETRYABLE_CHANGED] code `{}`", first.wire)),
        "{stdout}"
    );
}

#[test]
fn a_bad_against_is_a_clear_error() {
    let (dir, catalog, _) = repository();
    for against in ["no-such-revision", "HEAD~5", "missing/old.toml"] {
        let (code, stdout, stderr) = run_breaking(dir.path(), &catalog, against);
        assert_eq!(code, 2, "{against}: {stdout}{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(against), "{stderr}");
    }
    let invalid = dir.path().join("old.toml");
    fs::write(&invalid, "format = 1\n[catalog]\nname = 3\n").expect("write");
    let (code, _, stderr) = run_breaking(dir.path(), &catalog, &invalid.to_string_lossy());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is invalid"), "{stderr}");
    // Outside a git repository, a revision cannot be read.
    let outside = tempfile::tempdir().expect("temp dir");
    let copy = outside.path().join("catalog.toml");
    fs::copy(&catalog, &copy).expect("copy");
    let (code, _, stderr) = run_breaking(outside.path(), &copy, "HEAD");
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn reusing_a_retired_name_fails_gen_with_a_located_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = fs::read_to_string(root().join("catalog.toml")).expect("catalog.toml");
    let first = model(&text).codes[0].clone();
    let version = model(&text).version;
    let reused = format!(
        "{text}\n[retired.{}]\nsince = \"{version}\"\nstatus = {}\nnote = \"Old meaning.\"\n",
        first.wire, first.status
    );
    let catalog = dir.path().join("catalog.toml");
    fs::write(&catalog, &reused).expect("write");
    let out = dir.path().join("out");
    let output = xtask(
        dir.path(),
        &[
            "gen",
            "--catalog",
            "catalog.toml",
            "--out",
            &out.to_string_lossy(),
        ],
    );
    let (_, stderr) = output_text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let line = reused[..reused
        .find(&format!("[codes.{}]", first.wire))
        .expect("table")]
        .matches('\n')
        .count()
        + 1;
    let expected = format!(
        "catalog.toml:{line}:8: error: code `{}` reuses the name of a retired code",
        first.wire
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn explain_prints_current_deprecated_and_retired_codes_and_suggests_for_typos() {
    let text = fs::read_to_string(root().join("catalog.toml")).expect("catalog.toml");
    let catalog = model(&text);
    let code = &catalog.codes[0];
    let output = xtask(&root(), &["explain", &code.wire.to_lowercase()]);
    let (stdout, _) = text_of(&output);
    assert!(output.status.success());
    assert!(
        stdout.starts_with(&format!("{}: {}\n", code.wire, code.message)),
        "{stdout}"
    );
    assert!(stdout.contains(&code.status.to_string()), "{stdout}");

    let typo = format!("{}X", &code.wire[..code.wire.len() - 1]);
    let output = xtask(&root(), &["explain", &typo]);
    let (_, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains(&format!("did you mean `{}`", code.wire)),
        "{stderr}"
    );

    // Deprecated and retired codes, from the fixture that has both.
    let fixture = root().join("tests/fixtures/valid/evolution.toml");
    let evolution = model(&fs::read_to_string(&fixture).expect("fixture"));
    let fixture = fixture.to_string_lossy();
    let deprecated = evolution
        .codes
        .iter()
        .find(|c| {
            c.deprecated
                .as_ref()
                .is_some_and(|d| d.replaced_by.is_some())
        })
        .expect("a deprecated code with a replacement");
    let output = xtask(
        &root(),
        &["explain", &deprecated.wire, "--catalog", &fixture],
    );
    let (stdout, _) = text_of(&output);
    let deprecation = deprecated.deprecated.as_ref().expect("deprecated");
    assert!(
        stdout.contains(&format!("Deprecated:  since {}", deprecation.since)),
        "{stdout}"
    );
    assert!(
        stdout.contains(deprecation.replaced_by.as_deref().unwrap_or_default()),
        "{stdout}"
    );
    let retired = &evolution.retired[0];
    let output = xtask(&root(), &["explain", &retired.wire, "--catalog", &fixture]);
    let (stdout, _) = text_of(&output);
    assert!(output.status.success());
    assert!(
        stdout.starts_with(&format!("{}: retired in {}", retired.wire, retired.since)),
        "{stdout}"
    );
    assert!(stdout.contains(&retired.note), "{stdout}");
}

fn text_of(output: &Output) -> (String, String) {
    output_text(output)
}
