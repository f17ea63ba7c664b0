//! Steps for the reference docs, for `catalog.toml` and every valid fixture:
//!
//! - the envelopes the generated Rust crate really produces, for every code, validated against
//!   the generated JSON Schema and OpenAPI document by a real JSON Schema validator
//!   (`tests/consumers/schema`);
//! - every `openapi.json` through the tools API authors use, pinned: swagger-parser, Redocly's
//!   linter and openapi-typescript (`tests/docs/check-openapi.mjs`, npm packages from
//!   `tests/docs/package-lock.json`), and Python's openapi-spec-validator (pinned in
//!   `tests/python/requirements.txt`, in the venv the python group uses).
//!
//! The Markdown and the schemas themselves are checked by the workspace tests (`tests/docs.rs`).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::copy_consumer;
use super::{Context, Step};

pub(crate) fn steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let target_env: &[(&str, &OsStr)] =
        &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())];
    let consumer = root.join("tests").join("consumers").join("schema");

    let mut targets = vec![(
        "catalog.toml".to_owned(),
        root.join("catalog.toml"),
        root.join("generated"),
    )];
    for fixture in &context.fixtures {
        targets.push((
            fixture.label.clone(),
            fixture.catalog.clone(),
            fixture.out.clone(),
        ));
    }

    let mut steps = Vec::new();
    let mut expectations = Vec::new();
    for (_, catalog, generated) in &targets {
        let document = generated.join("docs").join("openapi.json");
        expectations.push(openapi_expectation(catalog, &document)?);
    }
    steps.extend(openapi_tool_steps(context, expectations)?);
    for (i, (source, _, generated)) in targets.into_iter().enumerate() {
        let dir = context.scratch_dir(&format!("schema-consumer-{i}"))?;
        copy_consumer(&consumer, &dir, &generated.join("rust"))?;
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

/// The files of `tests/docs` the OpenAPI check needs (its `node_modules` is installed in a copy).
const TOOL_FILES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "check-openapi.mjs",
    "redocly.yaml",
];

/// What `check-openapi.mjs` expects of the OpenAPI document of a catalog, read from the catalog
/// itself: its license, and the codes of each status that has codes, by response name.
fn openapi_expectation(catalog: &Path, document: &Path) -> Result<serde_json::Value, String> {
    let catalog = super::load_catalog(catalog)?;
    let mut codes = serde_json::Map::new();
    for status in &catalog.statuses {
        let of_status: Vec<&str> = catalog
            .codes
            .iter()
            .filter(|c| c.status == status.code)
            .map(|c| c.wire.as_str())
            .collect();
        if !of_status.is_empty() {
            codes.insert(format!("Error{}", status.code), of_status.into());
        }
    }
    Ok(serde_json::json!({
        "document": document,
        "license": catalog.metadata.license,
        "codes": codes,
    }))
}

/// swagger-parser, Redocly and openapi-typescript (one node process for every document), then
/// openapi-spec-validator.
fn openapi_tool_steps(
    context: &Context,
    expectations: Vec<serde_json::Value>,
) -> Result<Vec<Step>, String> {
    let documents: Vec<PathBuf> = expectations
        .iter()
        .filter_map(|e| e["document"].as_str().map(PathBuf::from))
        .collect();
    let root = context.root.as_path();
    let work = context.scratch_dir("docs-tools")?;
    let expected = work.join("expectations.json");
    let json = serde_json::Value::Array(expectations).to_string();
    fs::write(&expected, json).map_err(|e| format!("cannot write {}: {e}", expected.display()))?;
    for name in TOOL_FILES {
        let (from, to) = (root.join("tests").join("docs").join(name), work.join(name));
        fs::copy(&from, &to)
            .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))?;
    }
    let mut steps = Vec::new();
    let mut npm = Command::new("npm");
    npm.current_dir(&work)
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"]);
    steps.push(Step::new(
        "docs: install the OpenAPI tools from tests/docs/package-lock.json",
        npm,
    ));
    let mut check = Command::new("node");
    check
        .current_dir(&work)
        .arg("check-openapi.mjs")
        .arg(&expected);
    steps.push(Step::new(
        "docs: every openapi.json passes swagger-parser and redocly lint with no warning, and keeps one type per status in openapi-typescript",
        check,
    ));

    // The venv of the python group, made here too when that group did not run first.
    let venv = root.join("target").join("python-venv");
    let python = venv.join("bin").join("python");
    let mut create = Command::new(super::python::system_python());
    create
        .arg("-c")
        .arg(
            "import os, sys, venv\n\
             if not os.path.exists(os.path.join(sys.argv[1], 'bin', 'python')):\n    \
             venv.create(sys.argv[1], with_pip=True)\n",
        )
        .arg(&venv);
    steps.push(Step::new(
        "docs: the Python venv of the test tools (target/python-venv), if the python group has not made it",
        create,
    ));
    let mut install = Command::new(&python);
    install
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(root.join("tests").join("python").join("requirements.txt"));
    steps.push(Step::new(
        "docs: pinned Python tools (tests/python/requirements.txt)",
        install,
    ));
    let mut validate = Command::new(&python);
    validate
        .args(["-m", "openapi_spec_validator"])
        .args(documents);
    steps.push(Step::new(
        "docs: every openapi.json passes openapi-spec-validator",
        validate,
    ));
    Ok(steps)
}
