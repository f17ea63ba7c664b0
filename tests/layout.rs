//! The shape of `codegen` that its docs promise (`emit/mod.rs`): stages in one direction and
//! targets that do not import each other.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The files of one target: `emit/<name>.rs` and everything under `emit/<name>/`.
fn target_files(src: &Path, name: &str) -> Vec<PathBuf> {
    let mut files = rust_files(&src.join("emit").join(name));
    files.push(src.join("emit").join(format!("{name}.rs")));
    files
}

#[test]
fn no_target_imports_another_target() {
    let src = catalog_tests::root().join("codegen/src");
    let names: Vec<&str> = codegen::emit::TARGETS.iter().map(|t| t.name).collect();
    for name in &names {
        for file in target_files(&src, name) {
            let text = fs::read_to_string(&file).expect("readable");
            for other in names.iter().filter(|other| *other != name) {
                for pattern in [format!("emit::{other}"), format!("super::super::{other}")] {
                    assert!(
                        !text.contains(&pattern),
                        "{} uses `{pattern}`: move what both targets need to emit/shared, names or rules",
                        file.display()
                    );
                }
            }
        }
    }
}

#[test]
fn the_stages_below_the_emitters_do_not_import_them() {
    let src = catalog_tests::root().join("codegen/src");
    let mut files = rust_files(&src.join("catalog"));
    files.extend(rust_files(&src.join("names")));
    files.extend(["model.rs", "rules.rs", "names.rs", "diagnostics.rs"].map(|f| src.join(f)));
    for file in files {
        let text = fs::read_to_string(&file).expect("readable");
        assert!(
            !text.contains("crate::emit") && !text.contains("super::emit"),
            "{} imports the emitters",
            file.display()
        );
    }
}
