//! Steps for a sample of the property tests' arbitrary valid catalogs: the tests crate writes a
//! few (`write_sample_catalogs` in `tests/properties.rs`, drawn by proptest's deterministic
//! runner, so the same ones every run) to `target/property-samples/`, every target is generated
//! from each, and each package goes through the checks the valid fixtures' packages go
//! through: the Rust crate's tests, clippy `--all-targets -D warnings` and rustdoc `-D warnings`;
//! the TypeScript package's `tsc --strict` and metadata tests; the Python package's ruff,
//! `mypy --strict`, and its import and metadata through pytest. The step group runs after the
//! language groups and reuses their tools, installing them itself when run alone.

use std::path::{Path, PathBuf};

use super::{Context, Fixture, Step, python, rust, typescript};

/// The name of the step group (`cargo xtask test --only samples`).
pub(crate) const GROUP: &str = "samples";

/// The steps. `with_typescript` and `with_python` say whether this run also runs those groups,
/// whose tools these steps use.
pub(crate) fn steps(
    context: &Context,
    with_typescript: bool,
    with_python: bool,
) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let samples = write_samples(root, context.scratch.path())?;
    let mut steps = Vec::new();

    for sample in &samples {
        steps.push(rust::fixture_tests(context, sample));
        steps.extend(rust::fixture_lints(context, sample));
    }

    let (work, install) = typescript::tools(context)?;
    if !with_typescript {
        steps.push(install);
    }
    steps.extend(typescript::fixture_steps(&work, &samples)?);

    if !with_python {
        steps.extend(python::tools(root));
    }
    let python_bin = python::python(root);
    let dirs: Vec<PathBuf> = samples.iter().map(python::python_dir).collect();
    steps.extend(python::ruff_steps(&python_bin, &dirs));
    steps.extend(python::fixture_mypy_steps(
        &python_bin,
        &python::mypy_cache(root),
        &samples,
    )?);
    let tests = context.scratch_dir("python-sample-tests")?;
    python::copy_dir(&root.join("tests").join("python"), &tests)?;
    let mut pytest = python::python_command(
        &python_bin,
        &["-m", "pytest", "-q", "-p", "no:cacheprovider", "-k"],
        &[],
    );
    pytest
        .arg("property_sample")
        .arg(tests.join("test_catalog_metadata.py"))
        .current_dir(context.scratch.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("FIXTURE_PACKAGES", python::fixture_packages(&samples));
    steps.push(Step::new(
        "Python: the sample packages import and hold their catalogs' metadata",
        pytest,
    ));
    Ok(steps)
}

/// Runs the tests crate's `write_sample_catalogs` (printed, as a step is), then generates every
/// target of each sample catalog into `scratch/samples/NAME`.
fn write_samples(root: &Path, scratch: &Path) -> Result<Vec<Fixture>, String> {
    let dir = root.join("target").join("property-samples");
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot remove {}: {e}", dir.display())),
    }
    // `--workspace`, as the workspace's tests are built, so both share one build.
    let mut command = super::cargo();
    command
        .current_dir(root)
        .args([
            "test",
            "--workspace",
            "--locked",
            "--quiet",
            "--test",
            "properties",
            "--",
            "--ignored",
            "--exact",
            "write_sample_catalogs",
        ])
        .env("SAMPLE_CATALOGS", &dir);
    println!("\n==> {GROUP}: the property tests write their sample catalogs");
    println!("    $ {}", super::describe(&command));
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{}`: {e}", super::describe(&command)))?;
    if !status.success() {
        return Err(format!(
            "the property tests could not write their sample catalogs ({status})"
        ));
    }
    let catalogs = super::catalogs_in(&dir)?;
    if catalogs.is_empty() {
        return Err(format!("no sample catalog in {}", dir.display()));
    }
    let samples = super::generate_catalogs(root, &catalogs, &scratch.join("samples"))?;
    println!(
        "    sample catalogs (to reproduce a failure: cargo xtask gen --catalog FILE --out DIR):"
    );
    for sample in &samples {
        println!("      {}", sample.catalog.display());
    }
    Ok(samples)
}
