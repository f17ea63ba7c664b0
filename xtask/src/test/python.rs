//! Steps for the generated Python package: a venv in `target/` with the pinned test tools, a
//! wheel built from a copy of generated/python and installed, formatting and `mypy --strict` of
//! the package, its example and the packages generated from the fixture catalogs, a consumer
//! project outside the repository (completed with `handled.py`, its exhaustive handling of the
//! catalog's codes, written here from the catalog; run again on the package of
//! [`super::CONSUMER_FIXTURE`]), a plain `pip install` in a fresh venv, and
//! the pytest behaviour tests (every conformance vector through the parser, and a loopback
//! server through requests, httpx and aiohttp). The conformance client
//! (`tests/conformance/clients/python/client.py`) runs later, with the venv made here.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Context, Fixture, Step};

/// The test venv, `target/python-venv`.
fn venv(root: &Path) -> PathBuf {
    root.join("target").join("python-venv")
}

/// The test venv's Python.
pub(crate) fn python(root: &Path) -> PathBuf {
    venv(root).join("bin").join("python")
}

/// mypy's cache, shared by every run.
pub(crate) fn mypy_cache(root: &Path) -> PathBuf {
    root.join("target").join("python-mypy-cache")
}

/// The steps that make the test venv and install the pinned test tools in it.
pub(crate) fn tools(root: &Path) -> Vec<Step> {
    let venv = venv(root);
    let mut create = Command::new(system_python());
    create.arg("-m").arg("venv").arg(&venv);
    vec![
        Step::new("Python: a venv in target/python-venv", create),
        Step::new(
            "Python: pinned test tools (tests/python/requirements.txt)",
            python_command(
                &python(root),
                &[
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                ],
                &[root.join("tests").join("python").join("requirements.txt")],
            ),
        ),
    ]
}

pub(crate) fn steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let mypy_cache = mypy_cache(root);
    let python = python(root);
    let catalog = root.join("catalog.toml");
    let model = super::load_catalog(&catalog)?;
    let package = codegen::names::python::package_name(&model.name);

    let mut steps = tools(root);

    // A copy of generated/python, so that building writes nothing into the repository.
    let copy = context.scratch_dir("python-package")?;
    copy_dir(&root.join("generated").join("python"), &copy)?;
    let dist = context.scratch_dir("python-dist")?;
    steps.push(Step::new(
        "Python: generated/python builds a wheel",
        python_command(
            &python,
            &[
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--no-build-isolation",
                "--wheel-dir",
            ],
            &[dist.clone(), copy.clone()],
        ),
    ));
    let mut install = python_command(
        &python,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--force-reinstall",
            "--no-index",
            "--find-links",
        ],
        &[dist],
    );
    install.arg(package.replace('_', "-"));
    steps.push(Step::new("Python: the wheel installs", install));

    // The packages generated from the valid fixtures, the escaping one above all.
    let mut formatted = vec![copy.clone()];
    formatted.extend(context.fixtures.iter().map(python_dir));
    steps.extend(ruff_steps(&python, &formatted));
    steps.push(mypy_step(
        "Python: mypy --strict on generated/python and its example".to_owned(),
        &python,
        &mypy_cache,
        &copy.join("src"),
        &[
            copy.join("src").join(&package),
            copy.join("examples").join("handle_errors.py"),
        ],
    ));
    steps.extend(fixture_mypy_steps(&python, &mypy_cache, &context.fixtures)?);

    // A project of "another repository" that uses the installed package; and the same project
    // on the package of the fixture whose codes, statuses and name differ from the seed's.
    let consumer = context.scratch_dir("python-consumer")?;
    steps.extend(consumer_steps(
        root,
        &python,
        &mypy_cache,
        &consumer,
        &model,
        None,
    )?);
    let fixture = super::consumer_fixture(context)?;
    steps.extend(consumer_steps(
        root,
        &python,
        &mypy_cache,
        &context.scratch_dir("python-consumer-fixture")?,
        &super::load_catalog(&fixture.catalog)?,
        Some((&fixture_src(fixture), &fixture.label)),
    )?);

    // `pip install generated/python` in a fresh venv, as the README says (pip fetches the build
    // backend from PyPI itself).
    let fresh = context.scratch.path().join("python-fresh-venv");
    let fresh_copy = context.scratch_dir("python-package-for-pip")?;
    copy_dir(&root.join("generated").join("python"), &fresh_copy)?;
    let mut fresh_venv = Command::new(system_python());
    fresh_venv.arg("-m").arg("venv").arg(&fresh);
    steps.push(Step::new("Python: a fresh venv", fresh_venv));
    let fresh_python = fresh.join("bin").join("python");
    steps.push(Step::new(
        "Python: pip install generated/python in the fresh venv",
        python_command(
            &fresh_python,
            &[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ],
            &[fresh_copy],
        ),
    ));
    let mut import = Command::new(&fresh_python);
    import
        .arg("-c")
        .arg(format!(
            "import {package}; assert {package}.ErrorCode; print({package}.__version__)"
        ))
        .current_dir(context.scratch.path());
    steps.push(Step::new(
        "Python: the package imports in the fresh venv",
        import,
    ));

    // The behaviour tests.
    let tests = context.scratch_dir("python-tests")?;
    copy_dir(&root.join("tests").join("python"), &tests)?;
    let mut pytest = Command::new(&python);
    pytest
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(&tests)
        .current_dir(context.scratch.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("CATALOG_TOML", &catalog)
        .env("README_FILE", root.join("README.md"))
        .env(
            "DOCS_FILE",
            root.join("generated").join("docs").join("errors.md"),
        )
        .env("VECTORS_FILE", super::conformance::expanded_vectors(root)?)
        .env("MYPY_CACHE", &mypy_cache)
        .env("PACKAGE_DIR", &copy)
        .env("CONSUMER_DIR", &consumer)
        .env(
            "EXAMPLE_FILE",
            copy.join("examples").join("handle_errors.py"),
        )
        .env("FIXTURE_PACKAGES", fixture_packages(&context.fixtures));
    steps.push(Step::new(
        "Python: pytest behaviour tests (conformance vectors; loopback server; requests, httpx sync/async/streaming, aiohttp; the wheel's and sdist's contents; what import loads)",
        pytest,
    ));
    Ok(steps)
}

/// A generated package's directory (`pyproject.toml`, `src/`, `examples/`).
pub(crate) fn python_dir(fixture: &Fixture) -> PathBuf {
    fixture.out.join("python")
}

/// A generated package's source directory, where its import package is.
fn fixture_src(fixture: &Fixture) -> PathBuf {
    python_dir(fixture).join("src")
}

/// ruff's format check and lints on the packages in `dirs`.
pub(crate) fn ruff_steps(python: &Path, dirs: &[PathBuf]) -> Vec<Step> {
    vec![
        Step::new(
            "Python: generated packages are formatted as ruff formats them",
            python_command(
                python,
                &["-m", "ruff", "format", "--check", "--no-cache", "--diff"],
                dirs,
            ),
        ),
        Step::new(
            "Python: generated packages pass ruff's pyflakes, pycodestyle, bugbear and pyupgrade lints",
            python_command(
                python,
                &[
                    "-m",
                    "ruff",
                    "check",
                    "--no-cache",
                    "--select",
                    "F,E,W,B,UP",
                    // Long lines are catalog text in docstrings and literals, which ruff format
                    // leaves as they are.
                    "--ignore",
                    "E501",
                ],
                dirs,
            ),
        ),
    ]
}

/// `mypy --strict` on the package generated from each catalog and its example.
pub(crate) fn fixture_mypy_steps(
    python: &Path,
    mypy_cache: &Path,
    fixtures: &[Fixture],
) -> Result<Vec<Step>, String> {
    fixtures
        .iter()
        .map(|fixture| {
            let src = fixture_src(fixture);
            Ok(mypy_step(
                format!("Python: mypy --strict on the package of {}", fixture.label),
                python,
                mypy_cache,
                &src,
                &[
                    src.join(import_name(&fixture.catalog)?),
                    python_dir(fixture)
                        .join("examples")
                        .join("handle_errors.py"),
                ],
            ))
        })
        .collect()
}

/// `FIXTURE_PACKAGES` of the pytest tests: `CATALOG=SRC` of each package, `:`-separated.
pub(crate) fn fixture_packages(fixtures: &[Fixture]) -> OsString {
    let mut packages = OsString::new();
    for (i, fixture) in fixtures.iter().enumerate() {
        if i > 0 {
            packages.push(":");
        }
        packages.push(fixture.catalog.as_os_str());
        packages.push("=");
        packages.push(fixture_src(fixture).as_os_str());
    }
    packages
}

/// `tests/consumers/python` copied to `consumer`, completed for `catalog` (its import of the
/// package renamed to the catalog's, and its `handled.py`), then checked with `mypy --strict`
/// and run: with the installed package, or with a fixture's package from its source directory
/// (`Some((src, label))`).
fn consumer_steps(
    root: &Path,
    python: &Path,
    mypy_cache: &Path,
    consumer: &Path,
    catalog: &codegen::Catalog,
    fixture: Option<(&Path, &str)>,
) -> Result<Vec<Step>, String> {
    copy_dir(
        &root.join("tests").join("consumers").join("python"),
        consumer,
    )?;
    // It imports the package by the seed catalog's name; the package has its catalog's.
    let package = codegen::names::python::package_name(&catalog.name);
    let script = consumer.join("consumer.py");
    let text = fs::read_to_string(&script)
        .map_err(|e| format!("cannot read {}: {e}", script.display()))?;
    let import = "from ai_api_errors import (";
    if !text.contains(import) {
        return Err(format!("{} lacks `{import}`", script.display()));
    }
    fs::write(
        &script,
        text.replace(import, &format!("from {package} import (")),
    )
    .map_err(|e| format!("cannot write {}: {e}", script.display()))?;
    let handled = consumer.join("handled.py");
    fs::write(&handled, handled_module(catalog))
        .map_err(|e| format!("cannot write {}: {e}", handled.display()))?;
    let mut check = python_command(
        python,
        &["-m", "mypy", "--strict", "--cache-dir"],
        &[mypy_cache.to_path_buf()],
    );
    check.arg("consumer.py").current_dir(consumer);
    let mut run = Command::new(python);
    run.arg("consumer.py")
        .current_dir(consumer)
        .env("PYTHONDONTWRITEBYTECODE", "1");
    let on = match fixture {
        Some((src, label)) => {
            check.env("MYPYPATH", src);
            run.env("PYTHONPATH", src);
            format!(" on the package generated from {label}")
        }
        None => String::new(),
    };
    Ok(vec![
        Step::new(
            format!("Python: a consumer project outside the repository passes mypy --strict{on}"),
            check,
        ),
        Step::new(format!("Python: the consumer project runs{on}"), run),
    ])
}

/// The consumer's `handled.py`: what it does about each code of the catalog, written as its
/// developer would by hand (one `case` and one handler per code), so that `mypy --strict` fails
/// when the catalog gains a code it lacks. Each case returns the code's wire string, which
/// `consumer.py` checks.
fn handled_module(catalog: &codegen::Catalog) -> String {
    use codegen::names::python::{member_name, package_name};
    let mut cases = String::new();
    let mut handlers = String::new();
    for code in &catalog.codes {
        let wire = &code.wire;
        let member = member_name(wire);
        cases.push_str(&format!(
            "        case ErrorCode.{member}:\n            return \"{wire}\"\n"
        ));
        handlers.push_str(&format!("    \"{wire}\": _handle,\n"));
    }
    format!(
        "\"\"\"What the consumer does about each error code (written from the catalog by `cargo xtask test`).\"\"\"\n\
         \n\
         from __future__ import annotations\n\
         \n\
         from typing import assert_never\n\
         \n\
         from {package} import APIError, ErrorCode, ErrorHandlers, ErrorHandlersWithDefault\n\
         \n\
         \n\
         def action(error: APIError) -> str:\n    \
         \"\"\"What this service does about an error: every code is handled.\"\"\"\n    \
         code = error.code\n    \
         match code:\n\
         {cases}        \
         case None:\n            \
         return f\"report unknown code {{error.raw_code}}\"\n        \
         case _:\n            \
         assert_never(code)\n\
         \n\
         \n\
         def _handle(error: APIError) -> str:\n    \
         return f\"handled {{error.raw_code}}\"\n\
         \n\
         \n\
         def _unknown(error: APIError) -> str:\n    \
         return \"unknown\"\n\
         \n\
         \n\
         HANDLERS: ErrorHandlers[str] = {{\n\
         {handlers}    \
         \"unknown\": _unknown,\n\
         }}\n\
         \n\
         SOME_HANDLERS: ErrorHandlersWithDefault[str] = {{\n    \
         \"{first}\": _handle,\n    \
         \"default\": _unknown,\n\
         }}\n",
        first = catalog.codes[0].wire,
        package = package_name(&catalog.name),
    )
}

/// `mypy --strict` on `targets`, with `mypy_path` on MYPYPATH so an example finds its package.
fn mypy_step(
    title: String,
    python: &Path,
    cache: &Path,
    mypy_path: &Path,
    targets: &[PathBuf],
) -> Step {
    let mut command = python_command(
        python,
        &["-m", "mypy", "--strict", "--cache-dir"],
        &[cache.to_path_buf()],
    );
    command.args(targets).env("MYPYPATH", mypy_path);
    Step::new(title, command)
}

pub(crate) fn python_command(python: &Path, args: &[&str], paths: &[PathBuf]) -> Command {
    let mut command = Command::new(python);
    command.args(args).args(paths);
    command
}

/// `python3.11` when it is on PATH, else `python3`.
pub(crate) fn system_python() -> &'static OsStr {
    let found = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| dir.join("python3.11").is_file())
    });
    OsStr::new(if found { "python3.11" } else { "python3" })
}

/// The import name of the package a catalog generates (loads the catalog: once per catalog).
fn import_name(catalog: &Path) -> Result<String, String> {
    Ok(codegen::names::python::package_name(
        &super::load_catalog(catalog)?.name,
    ))
}

/// Copies a directory tree, skipping caches a previous run may have left.
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let name = entry.file_name();
        if name == "__pycache__" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let target = to.join(&name);
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|e| {
                format!(
                    "cannot copy {} to {}: {e}",
                    path.display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}
