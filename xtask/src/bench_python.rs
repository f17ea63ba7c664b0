//! The Python part of `cargo xtask bench`: what `import <package>` costs, measured by
//! `python -X importtime` as a user's program pays it (issue targets: under 15 ms for
//! `catalog.toml`, under 150 ms at 10,000 codes; `BENCHMARKS.md` records the figures).
//!
//! Each run is a fresh interpreter of a clean venv in `target/bench-python-venv` (no `.pth` of
//! other packages preloading modules), with the package on `PYTHONPATH` and its bytecode
//! cached under `target/` (never in `generated/`), as an installed package has it. The figure
//! is the cumulative time of the package's own line: its modules and every module they import
//! that the interpreter had not loaded at startup. The first run compiles the bytecode and is
//! not counted.
//!
//! A functional test (`tests/python/test_package.py`) holds what keeps the figure low: the
//! package imports neither `asyncio` nor the other modules it only needs on use.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// How many measured imports.
pub const RUNS: usize = 21;

/// The import times of `package` from `src` (a `python/src` directory): [`RUNS`] fresh
/// interpreters after one that writes the bytecode cache.
pub fn import_times(root: &Path, src: &Path, package: &str) -> Result<Vec<Duration>, String> {
    let target = root.join("target");
    let venv = target.join("bench-python-venv");
    let python = venv.join("bin").join("python");
    if !python.is_file() {
        let status = Command::new(system_python())
            .args(["-m", "venv", "--without-pip"])
            .arg(&venv)
            .status()
            .map_err(|e| format!("cannot run python3 to create {}: {e}", venv.display()))?;
        if !status.success() {
            return Err(format!("cannot create the venv {}", venv.display()));
        }
    }
    let mut samples = Vec::with_capacity(RUNS);
    for run in 0..=RUNS {
        let output = Command::new(&python)
            .args(["-s", "-X", "importtime", "-c"])
            .arg(format!("import {package}"))
            .env("PYTHONPATH", src)
            .env("PYTHONPYCACHEPREFIX", target.join("bench-python-pycache"))
            .env_remove("PYTHONDONTWRITEBYTECODE")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
        if !output.status.success() {
            return Err(format!(
                "import {package} failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let micros = package_line(&stderr, package)
            .ok_or_else(|| format!("python -X importtime printed no line for {package}"))?;
        if run > 0 {
            samples.push(Duration::from_micros(micros));
        }
    }
    Ok(samples)
}

/// The cumulative microseconds of the package's own line of `-X importtime` output
/// (`import time: self | cumulative | name`, the package's line unindented).
fn package_line(stderr: &str, package: &str) -> Option<u64> {
    stderr.lines().find_map(|line| {
        let mut cells = line.strip_prefix("import time:")?.split('|');
        let (_, cumulative, name) = (cells.next()?, cells.next()?, cells.next()?);
        (name.trim_end() == format!(" {package}"))
            .then(|| cumulative.trim().parse().ok())
            .flatten()
    })
}

/// `python3.11` when it is on PATH, else `python3`.
fn system_python() -> &'static str {
    let found = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| dir.join("python3.11").is_file())
    });
    if found { "python3.11" } else { "python3" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_line_is_the_unindented_one() {
        let stderr = "import time: self [us] | cumulative | imported package\n\
                      import time:       120 |        120 |   ai_api_errors.codes\n\
                      import time:       300 |       4521 | ai_api_errors\n";
        assert_eq!(package_line(stderr, "ai_api_errors"), Some(4521));
        assert_eq!(package_line(stderr, "other"), None);
    }
}
