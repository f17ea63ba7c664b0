//! Steps for the reference docs: the envelopes the generated Rust crate really produces, for
//! every code, validated against the generated JSON Schema and OpenAPI document by a real JSON
//! Schema validator (`tests/consumers/schema`), for `catalog.toml` and every valid fixture.
//! The Markdown and the schemas themselves are checked by the workspace tests (`tests/docs.rs`).

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use super::copy_consumer;
use super::{Context, Step};

pub(crate) fn steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let target_env: &[(&str, &OsStr)] =
        &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())];
    let consumer = root.join("tests").join("consumers").join("schema");

    let mut targets = vec![("catalog.toml".to_owned(), root.join("generated"))];
    for fixture in &context.fixtures {
        targets.push((fixture.label.clone(), fixture.out.clone()));
    }

    let mut steps = Vec::new();
    for (i, (source, generated)) in targets.into_iter().enumerate() {
        let dir = context.scratch_dir(&format!("schema-consumer-{i}"))?;
        copy_consumer(&consumer, &dir, &generated.join("rust"))?;
        rename_dependency(&dir, &generated.join("rust"))?;
        let docs = generated.join("docs");
        let mut command = super::cargo();
        command
            .current_dir(&dir)
            .args(["run", "--quiet", "--"])
            .arg(&docs);
        for (key, value) in target_env {
            command.env(key, value);
        }
        steps.push(Step::new(
            format!(
                "docs from {source}: the schemas accept every envelope the generated crate builds"
            ),
            command,
        ));
    }
    Ok(steps)
}

/// Points the consumer's dependency at the package name of the generated crate it uses (the
/// fixture catalogs have other names than `ai-api-errors`).
fn rename_dependency(consumer: &Path, generated_rust: &Path) -> Result<(), String> {
    let crate_manifest = generated_rust.join("Cargo.toml");
    let text = fs::read_to_string(&crate_manifest)
        .map_err(|e| format!("cannot read {}: {e}", crate_manifest.display()))?;
    let name = text
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .ok_or_else(|| format!("{} names no package", crate_manifest.display()))?;
    let manifest = consumer.join("Cargo.toml");
    let text = fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let from = "package = \"ai-api-errors\"";
    if !text.contains(from) {
        return Err(format!("{} lacks `{from}`", manifest.display()));
    }
    fs::write(
        &manifest,
        text.replace(from, &format!("package = \"{name}\"")),
    )
    .map_err(|e| format!("cannot write {}: {e}", manifest.display()))
}
