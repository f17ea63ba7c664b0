//! The generated crate's docs state the oldest Rust of each feature (`FEATURE_MSRV`): no
//! dependency Cargo resolves for a feature may declare a newer `rust-version` than the docs
//! say, and the manifest's `rust-version` is that of the default features.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use codegen::emit::rust::{FEATURE_MSRV, RUST_VERSION};
use serde_json::Value;

fn version(text: &str) -> Vec<u32> {
    text.split('.')
        .map(|n| n.parse().expect("a number"))
        .collect()
}

/// `(newest rust-version, the package declaring it)` over the normal dependencies, direct and
/// indirect, of the crate with exactly `features` enabled.
fn newest_dependency(features: &[&str]) -> Option<(Vec<u32>, String)> {
    let manifest = catalog_tests::root().join("generated/rust/Cargo.toml");
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["metadata", "--format-version", "1", "--no-default-features"])
        .arg("--manifest-path")
        .arg(&manifest);
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    let output = command.output().expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let root = metadata["resolve"]["root"].as_str().unwrap();
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            if normal {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    seen.remove(root);
    seen.iter()
        .filter_map(|id| {
            let package = packages[id];
            let rust = package["rust_version"].as_str()?;
            Some((version(rust), package["name"].as_str()?.to_owned()))
        })
        .max()
}

#[test]
fn no_feature_needs_a_newer_rust_than_the_docs_say() {
    for row in FEATURE_MSRV {
        if let Some((newest, package)) = newest_dependency(row.features) {
            assert!(
                newest <= version(row.rust),
                "features {:?}: `{package}` needs Rust {newest:?}, the docs say {}",
                row.features,
                row.rust
            );
        }
    }
}

#[test]
fn the_manifest_states_the_msrv_of_the_default_features() {
    let manifest =
        std::fs::read_to_string(catalog_tests::root().join("generated/rust/Cargo.toml")).unwrap();
    assert!(manifest.contains(&format!("rust-version = \"{RUST_VERSION}\"")));
    let (newest, _) =
        newest_dependency(&["serde", "json"]).expect("default features have dependencies");
    assert!(newest <= version(RUST_VERSION));
}
