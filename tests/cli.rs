//! `cargo xtask gen` end to end on temporary directories: what it writes, what it leaves alone,
//! and that a bad catalog writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use xtask::generate::{Failure, Options, run};

fn options(catalog: &Path, out: &Path, check: bool) -> Options {
    Options {
        catalog: catalog.to_path_buf(),
        catalog_display: "catalog.toml".to_owned(),
        out: out.to_path_buf(),
        check,
    }
}

/// Every file under `dir`, with its contents and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = fs::metadata(&path).expect("metadata");
                out.push((
                    path.clone(),
                    fs::read(&path).expect("read"),
                    meta.modified().expect("mtime"),
                ));
            }
        }
    }
    out.sort();
    out
}

fn main_catalog() -> PathBuf {
    catalog_tests::root().join("catalog.toml")
}

/// `catalog.toml`, loaded: tests take their expectations from it.
fn main_model() -> codegen::Catalog {
    let text = fs::read_to_string(main_catalog()).expect("catalog.toml is readable");
    codegen::load("catalog.toml", &text).expect("catalog.toml is valid")
}

#[test]
fn gen_writes_the_same_layout_as_generated() {
    let out = tempfile::tempdir().expect("tempdir");
    let report = run(&options(&main_catalog(), out.path(), false)).expect("gen succeeds");
    let rust = report
        .targets
        .iter()
        .find(|t| t.target == "rust")
        .expect("rust target");
    assert!(rust.files >= 3, "{rust:?}");
    assert_eq!(rust.changed.len(), rust.files);
    for file in &rust.changed {
        let written = fs::read(out.path().join(file)).expect("written");
        let committed =
            fs::read(catalog_tests::root().join("generated").join(file)).expect("committed");
        assert!(
            written == committed,
            "{file} differs from the committed copy"
        );
    }
    assert!(out.path().join("rust/Cargo.toml").is_file());
    assert!(out.path().join("rust/src/lib.rs").is_file());
}

#[test]
fn regenerating_an_up_to_date_tree_touches_nothing() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("first run");
    let before = snapshot(out.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = run(&options(&main_catalog(), out.path(), false)).expect("second run");
    assert!(
        report.targets.iter().all(|t| t.changed.is_empty()),
        "{report:?}"
    );
    assert_eq!(
        snapshot(out.path()),
        before,
        "an unchanged file was rewritten"
    );
    assert!(
        report
            .lines("generated", false)
            .contains("rust        generated/rust: up to date")
    );
}

#[test]
fn only_changed_files_are_rewritten() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("first run");
    let lib = out.path().join("rust/src/lib.rs");
    fs::write(&lib, "// edited by hand\n").expect("edit");
    let before = snapshot(out.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = run(&options(&main_catalog(), out.path(), false)).expect("second run");
    let changed: Vec<&String> = report.targets.iter().flat_map(|t| &t.changed).collect();
    assert_eq!(changed, ["rust/src/lib.rs"]);
    let after = snapshot(out.path());
    for ((path, _, mtime_before), (_, _, mtime_after)) in before.iter().zip(&after) {
        if *path == lib {
            assert_ne!(mtime_before, mtime_after);
        } else {
            assert_eq!(
                mtime_before,
                mtime_after,
                "{} was rewritten",
                path.display()
            );
        }
    }
    assert_ne!(
        fs::read_to_string(&lib).expect("read"),
        "// edited by hand\n"
    );
}

#[test]
fn check_names_stale_and_missing_files_and_writes_nothing() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    let cargo_toml = out.path().join("rust/Cargo.toml");
    let version = format!("version = \"{}\"", main_model().version);
    let generated = fs::read_to_string(&cargo_toml).expect("read");
    let edited = generated.replace(&version, "version = \"0.0.0-edited\"");
    assert_ne!(
        edited, generated,
        "the manifest states the catalog's version"
    );
    fs::write(&cargo_toml, &edited).expect("edit");
    fs::remove_file(out.path().join("rust/src/lib.rs")).expect("remove");
    let before = snapshot(out.path());
    let Err(Failure::Stale(stale)) = run(&options(&main_catalog(), out.path(), true)) else {
        panic!("--check should fail on a stale tree");
    };
    assert_eq!(snapshot(out.path()), before, "--check wrote something");
    let rendered = Failure::Stale(stale).render(false);
    assert!(
        rendered.contains(&format!("stale: {}", cargo_toml.display())),
        "{rendered}"
    );
    assert!(
        rendered.contains("-version = \"0.0.0-edited\"")
            && rendered.contains(&format!("+{version}")),
        "{rendered}"
    );
    assert!(rendered.contains("missing: "), "{rendered}");
    assert!(rendered.contains("run `cargo xtask gen`"), "{rendered}");
}

#[test]
fn check_passes_on_a_fresh_tree() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    run(&options(&main_catalog(), out.path(), true)).expect("check passes");
}

#[test]
fn a_bad_catalog_writes_nothing_and_leaves_an_existing_tree_alone() {
    for fixture in [
        "syntax_error.toml",
        "unknown_key.toml",
        "duplicate_code.toml",
    ] {
        let empty = tempfile::tempdir().expect("tempdir");
        let result = run(&options(
            &catalog_tests::fixture("invalid", fixture),
            empty.path(),
            false,
        ));
        let Err(Failure::Invalid(diagnostics)) = result else {
            panic!("{fixture} should be rejected");
        };
        assert!(
            diagnostics.render(false).starts_with("catalog.toml:"),
            "{fixture}: diagnostics are not located"
        );
        assert!(
            snapshot(empty.path()).is_empty(),
            "{fixture}: something was written"
        );

        let existing = tempfile::tempdir().expect("tempdir");
        run(&options(&main_catalog(), existing.path(), false)).expect("gen");
        let before = snapshot(existing.path());
        assert!(
            run(&options(
                &catalog_tests::fixture("invalid", fixture),
                existing.path(),
                false
            ))
            .is_err()
        );
        assert_eq!(
            snapshot(existing.path()),
            before,
            "{fixture}: the existing tree changed"
        );
    }
}

#[test]
fn a_missing_catalog_is_a_clear_error() {
    let out = tempfile::tempdir().expect("tempdir");
    let missing = out.path().join("nope.toml");
    let Err(failure) = run(&options(&missing, out.path(), false)) else {
        panic!("a missing catalog should fail");
    };
    let rendered = failure.render(false);
    assert!(
        rendered.starts_with("error: cannot read the catalog"),
        "{rendered}"
    );
    assert!(rendered.contains("--catalog PATH"), "{rendered}");
}

#[test]
fn a_failed_write_leaves_no_file_behind() {
    // The output directory is a file: nothing can be written under it.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    fs::write(&out, "not a directory").expect("write");
    let Err(Failure::Write { .. }) = run(&options(&main_catalog(), &out, false)) else {
        panic!("writing under a file should fail");
    };
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["out"]);
    assert_eq!(fs::read_to_string(&out).expect("read"), "not a directory");
}

#[test]
fn a_file_no_longer_generated_is_flagged_by_check_and_removed_by_gen() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    // A file an earlier version generated (it has the header), and files that are not ours.
    let old = out.path().join("rust/src/old_module.rs");
    fs::write(
        &old,
        codegen::emit::shared::header::comment(
            &main_model(),
            codegen::emit::shared::header::Comment::Slashes,
        ),
    )
    .expect("write");
    let mine = out.path().join("rust/src/notes.txt");
    fs::write(&mine, "not generated\n").expect("write");
    let build = out.path().join("rust/target/debug/out.rs");
    fs::create_dir_all(build.parent().expect("parent")).expect("mkdir");
    fs::write(
        &build,
        "// @generated by `cargo xtask gen` (a copy in a build directory)\n",
    )
    .expect("write");

    let Err(Failure::Stale(stale)) = run(&options(&main_catalog(), out.path(), true)) else {
        panic!("--check should flag the leftover");
    };
    let rendered = Failure::Stale(stale).render(false);
    assert!(
        rendered.contains(&format!("leftover: {}", old.display())),
        "{rendered}"
    );
    assert!(
        !rendered.contains("notes.txt") && !rendered.contains("target"),
        "{rendered}"
    );
    assert!(old.exists(), "--check removed a file");

    let report = run(&options(&main_catalog(), out.path(), false)).expect("gen");
    let removed: Vec<&String> = report.targets.iter().flat_map(|t| &t.removed).collect();
    assert_eq!(removed, ["rust/src/old_module.rs"]);
    assert!(
        report
            .lines("out", false)
            .contains("removed 1 no longer generated")
    );
    assert!(!old.exists() && mine.exists() && build.exists());
    run(&options(&main_catalog(), out.path(), true)).expect("fresh after gen");
}

#[test]
fn a_rename_failing_midway_restores_the_files_already_replaced() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    // Cargo.toml is replaced first (files go in path order); the last file cannot be, because a
    // directory now stands where it goes.
    let cargo_toml = out.path().join("rust/Cargo.toml");
    fs::write(&cargo_toml, "# edited by hand\n").expect("edit");
    let last = out.path().join("rust/tests/catalog.rs");
    fs::remove_file(&last).expect("remove");
    fs::create_dir_all(last.join("blocker")).expect("mkdir");
    let before = snapshot(out.path());

    let Err(Failure::Write { path, .. }) = run(&options(&main_catalog(), out.path(), false)) else {
        panic!("renaming onto a directory should fail");
    };
    assert_eq!(path, last);
    assert_eq!(
        fs::read_to_string(&cargo_toml).expect("read"),
        "# edited by hand\n"
    );
    let after: Vec<PathBuf> = snapshot(out.path())
        .into_iter()
        .map(|(p, _, _)| p)
        .collect();
    let before: Vec<PathBuf> = before.into_iter().map(|(p, _, _)| p).collect();
    assert_eq!(after, before, "files were added or left behind");
}

#[test]
fn check_flags_a_hand_edited_docs_file_and_gen_restores_it() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    let errors_md = out.path().join("docs/errors.md");
    let schema = out.path().join("docs/error-envelope.schema.json");
    let generated = fs::read_to_string(&errors_md).expect("docs/errors.md is generated");
    assert!(schema.is_file(), "the schema is generated");
    // The first table row that links to a code of the catalog, edited by hand.
    let wire = &main_model().codes[0].wire;
    let row = generated
        .lines()
        .find(|line| line.starts_with('|') && line.contains(&format!("[`{wire}`]")))
        .unwrap_or_else(|| panic!("errors.md has a table row for {wire}"))
        .to_owned();
    let edited = generated.replacen(&row, &format!("{row} edited |"), 1);
    assert_ne!(edited, generated, "the edit changes the page");
    fs::write(&errors_md, &edited).expect("edit");
    fs::remove_file(&schema).expect("remove");
    let Err(Failure::Stale(stale)) = run(&options(&main_catalog(), out.path(), true)) else {
        panic!("--check should fail when a docs file was edited by hand");
    };
    let rendered = Failure::Stale(stale).render(false);
    assert!(
        rendered.contains(&format!("stale: {}", errors_md.display())),
        "{rendered}"
    );
    assert!(rendered.contains(&format!("-{row} edited |")), "{rendered}");
    assert!(rendered.contains(&format!("+{row}")), "{rendered}");
    assert!(
        rendered.contains(&format!("missing: {}", schema.display())),
        "{rendered}"
    );
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    assert_eq!(fs::read_to_string(&errors_md).expect("read"), generated);
    run(&options(&main_catalog(), out.path(), true)).expect("check passes again");
}

#[test]
fn a_hand_written_file_that_quotes_the_header_is_not_removed() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    let notes = out.path().join("docs/notes.md");
    let text =
        "# Notes\n\nEvery file here says `@generated by `cargo xtask gen` from `catalog.toml``.\n";
    fs::write(&notes, text).expect("write");
    let near = out.path().join("rust/src/near.rs");
    // The header's first line alone, or with other words, is not the header.
    fs::write(
        &near,
        "// @generated by `cargo xtask gen` from `catalog.toml`. Do not edit.\nfn main() {}\n",
    )
    .expect("write");
    run(&options(&main_catalog(), out.path(), true)).expect("--check: nothing stale");
    let report = run(&options(&main_catalog(), out.path(), false)).expect("gen");
    assert!(report.targets.iter().all(|t| t.removed.is_empty()));
    assert_eq!(fs::read_to_string(&notes).expect("kept"), text);
    assert!(near.exists());
}

#[test]
fn temporary_files_of_an_interrupted_run_are_flagged_and_removed() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    let temp = out.path().join("typescript/.codes.js.xtask-gen.tmp");
    let backup = out.path().join("python/src/.x.py.xtask-gen.old");
    fs::create_dir_all(backup.parent().expect("parent")).expect("mkdir");
    fs::write(&temp, "half a fi").expect("write");
    fs::write(&backup, "old").expect("write");
    let Err(failure) = run(&options(&main_catalog(), out.path(), true)) else {
        panic!("--check should flag temporary files");
    };
    let rendered = failure.render(false);
    assert!(
        rendered.contains(&format!("temporary: {}", temp.display()))
            && rendered.contains(&format!("temporary: {}", backup.display())),
        "{rendered}"
    );
    run(&options(&main_catalog(), out.path(), false)).expect("gen");
    assert!(!temp.exists() && !backup.exists());
    run(&options(&main_catalog(), out.path(), true)).expect("fresh");
}

#[test]
fn the_catalog_file_name_cannot_inject_text_into_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = fs::read_to_string(main_catalog()).expect("catalog");
    let catalog = codegen::load("dir/evil\nimport os -->`*.toml", &text).expect("valid catalog");
    assert_eq!(catalog.source_name, "evil_import_os_-____.toml");
    for file in codegen::generate(&catalog).expect("generates") {
        assert!(
            codegen::emit::shared::header::is_header_of_file(&file.contents)
                || !file.contents.contains("@generated"),
            "{}",
            file.path
        );
        assert!(!file.contents.contains("evil\n"), "{}", file.path);
    }
    drop(dir);
}

#[test]
fn every_generated_file_starts_with_the_exact_header() {
    for file in codegen::generate(&main_model()).expect("generates") {
        assert!(
            codegen::emit::shared::header::is_header_of_file(&file.contents),
            "{} does not start with the header",
            file.path
        );
    }
}
