//! `cargo xtask bench [--codes N]`: every speed figure of the project in one unattended run.
//!
//! Builds synthetic catalogs of N (default 10,000) and 10 x N codes, then prints min / median /
//! max over several runs (and peak memory where `/usr/bin/time` reports it), with the machine's
//! load average beside each section, and each baseline measured in the same run:
//! - in process: loading, all targets, each target;
//! - whole `cargo xtask gen` processes as users run them (through the alias, dev profile) for
//!   the seed catalog, N and 10 x N codes: into an empty directory, no-op, `--check`; the
//!   xtask binary alone; the release build of the same tool (the baseline of the dev profile);
//! - the first `cargo xtask gen` with an empty target directory (the registry downloaded);
//! - the size of the output at N codes;
//! - Python and Node imports of the generated packages (seed and N), and N responses classified
//!   by the TypeScript package;
//! - cold release builds of the generated crate and of a strum enum of the same codes, each with
//!   one call site, and `from_str` through both (at N and at 29 codes).
//!
//! `BENCHMARKS.md` records the figures with this command.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Words the synthetic codes are made of, so names look like real ones and share prefixes.
const WORDS: &[&str] = &[
    "INVALID",
    "MISSING",
    "EXPIRED",
    "UNSUPPORTED",
    "DUPLICATE",
    "FORBIDDEN",
    "UNKNOWN",
    "STALE",
    "TOO_LARGE",
    "NOT_FOUND",
    "LIMIT",
    "QUOTA",
    "MODEL",
    "FILE",
    "FIELD",
    "TOKEN",
    "IMAGE",
    "PROMPT",
    "ACCOUNT",
    "REGION",
];

/// A catalog of `n` codes spread over 10 categories and 6 statuses.
pub fn synthetic_catalog(n: usize) -> String {
    let mut text = String::from(
        "format = 1\n\n[catalog]\nname = \"bench-errors\"\nversion = \"1.0.0\"\ntitle = \"Benchmark errors\"\ndescription = \"A synthetic catalog.\"\n\n[statuses]\n400 = { title = \"Bad Request\" }\n401 = { title = \"Unauthorized\" }\n403 = { title = \"Forbidden\" }\n404 = { title = \"Not Found\" }\n429 = { title = \"Too Many Requests\" }\n500 = { title = \"Internal Server Error\" }\n\n",
    );
    for c in 0..10 {
        let _ = write!(
            text,
            "[categories.group_{c}]\ntitle = \"Group {c}\"\ndescription = \"Codes of group {c}.\"\n\n"
        );
    }
    let statuses = [400, 401, 403, 404, 429, 500];
    for i in 0..n {
        let a = WORDS[i % WORDS.len()];
        let b = WORDS[(i / WORDS.len()) % WORDS.len()];
        let _ = write!(
            text,
            "[codes.{a}_{b}_{i}]\nstatus = {}\ncategory = \"group_{}\"\nmessage = \"Message of code {i}\"\ndescription = \"What code {i} means, in a sentence of realistic length.\"\n\n",
            statuses[i % statuses.len()],
            i % 10
        );
    }
    text.push_str(
        "[envelope]\ndescription = \"d\"\nrequest_id_example = \"req_1\"\ntimestamp_example = \"2024-01-01T00:00:00Z\"\n\n[envelope.fields]\nsuccess = \"s\"\nerror = \"e\"\ncode = \"c\"\nmessage = \"m\"\ndetails = \"d\"\nfield = \"f\"\nissue = \"i\"\nmeta = \"m\"\nrequest_id = \"r\"\ntimestamp = \"t\"\n",
    );
    text
}

/// Runs of each timed figure: min, median and max are printed.
const RUNS: usize = 5;

/// One measured run: wall time and, where `/usr/bin/time` reports it, peak memory.
#[derive(Clone, Copy, Debug)]
struct Sample {
    wall: Duration,
    rss_kib: Option<u64>,
}

/// Min, median and max of samples, as one line.
fn stats(samples: &[Sample]) -> String {
    let mut walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
    walls.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut line = if walls.len() == 1 {
        format!("{:.1} ms (1 run)", ms(walls[0]))
    } else {
        format!(
            "min {:.1} / median {:.1} / max {:.1} ms ({} runs)",
            ms(walls[0]),
            ms(walls[walls.len() / 2]),
            ms(walls[walls.len() - 1]),
            walls.len()
        )
    };
    let mut rss: Vec<u64> = samples.iter().filter_map(|s| s.rss_kib).collect();
    if !rss.is_empty() {
        rss.sort_unstable();
        let _ = write!(
            line,
            ", peak RSS median {:.0} MiB",
            rss[rss.len() / 2] as f64 / 1024.0
        );
    }
    line
}

/// The load average of the machine (Linux), printed with each section: figures taken under load
/// are slower than on a quiet machine.
fn load() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .map_or_else(
            || "load average unknown".to_owned(),
            |l| format!("load average {l}"),
        )
}

/// Runs `command` to completion, timing it; with `/usr/bin/time` present, reads its peak RSS.
fn timed(command: &mut Command, what: &str) -> Result<Sample, String> {
    let time_file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let gnu_time = Path::new("/usr/bin/time");
    let mut wrapped;
    let command = if gnu_time.exists() {
        wrapped = Command::new(gnu_time);
        wrapped
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(time_file.path())
            .arg(command.get_program())
            .args(command.get_args());
        if let Some(dir) = command.get_current_dir() {
            wrapped.current_dir(dir);
        }
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => wrapped.env(key, value),
                None => wrapped.env_remove(key),
            };
        }
        &mut wrapped
    } else {
        command
    };
    let start = Instant::now();
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    let wall = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "{what} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let rss_kib = fs::read_to_string(time_file.path())
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()));
    Ok(Sample { wall, rss_kib })
}

fn repeat(
    runs: usize,
    mut run: impl FnMut() -> Result<Sample, String>,
) -> Result<Vec<Sample>, String> {
    (0..runs).map(|_| run()).collect()
}

/// Runs the benchmark and prints its figures.
pub fn run(root: &Path, codes: usize) -> Result<(), String> {
    let started = Instant::now();
    println!("# cargo xtask bench --codes {codes}");
    println!("machine: {} cores, {}", cores(), load());
    let dir = tempfile::Builder::new()
        .prefix("xtask-bench-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let scratch = dir.path();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let xtask = std::env::current_exe().map_err(|e| format!("cannot find xtask: {e}"))?;

    // The catalogs: the synthetic one at N codes and at 10 x N, and catalog.toml (the seed).
    let catalog = scratch.join("bench.toml");
    let text = synthetic_catalog(codes);
    fs::write(&catalog, &text).map_err(|e| e.to_string())?;
    let big_codes = codes * 10;
    let big = scratch.join("bench-big.toml");
    fs::write(&big, synthetic_catalog(big_codes)).map_err(|e| e.to_string())?;
    let seed = root.join("catalog.toml");
    println!(
        "synthetic catalog: {codes} codes, {} KiB",
        text.len() / 1024
    );

    // In process: load and every target, to see where the time goes.
    println!("\n## In process (this binary's profile)");
    let loaded = codegen::load("bench.toml", &text).map_err(|d| d.render(false))?;
    let mut load_samples = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        codegen::load("bench.toml", &text).map_err(|d| d.render(false))?;
        load_samples.push(Sample {
            wall: start.elapsed(),
            rss_kib: None,
        });
    }
    println!("load + validate: {}", stats(&load_samples));
    let all = repeat(RUNS, || {
        let start = Instant::now();
        codegen::generate(&loaded).map_err(|e| e.to_string())?;
        Ok(Sample {
            wall: start.elapsed(),
            rss_kib: None,
        })
    })?;
    println!("generate all targets (in parallel): {}", stats(&all));
    for target in codegen::emit::TARGETS {
        let mut files = Vec::new();
        let samples = repeat(RUNS, || {
            let start = Instant::now();
            files = (target.generate)(&loaded).map_err(|e| e.to_string())?;
            Ok(Sample {
                wall: start.elapsed(),
                rss_kib: None,
            })
        })?;
        let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
        println!(
            "  {}: {}, {} files, {:.1} MiB",
            target.name,
            stats(&samples),
            files.len(),
            bytes as f64 / 1048576.0
        );
    }

    // Whole processes, as users run them.
    println!("\n## cargo xtask gen, whole process ({})", load());
    let out = |name: &str| scratch.join(name);
    let gen_cmd = |catalog: &Path, out: &Path| {
        let mut command = Command::new(&cargo);
        command
            .args(["xtask", "gen", "--catalog"])
            .arg(catalog)
            .arg("--out")
            .arg(out)
            .current_dir(root);
        command
    };
    let bin_cmd = |bin: &Path, catalog: &Path, out: &Path| {
        let mut command = Command::new(bin);
        command
            .args(["gen", "--catalog"])
            .arg(catalog)
            .arg("--out")
            .arg(out);
        command
    };
    let fresh = |name: &str| -> Result<PathBuf, String> {
        let path = out(name);
        if path.exists() {
            fs::remove_dir_all(&path).map_err(|e| e.to_string())?;
        }
        Ok(path)
    };
    // Warm the alias once (cargo checks that xtask is up to date).
    timed(&mut gen_cmd(&seed, &fresh("warm")?), "cargo xtask gen")?;
    // 10 x N gets 3 runs of each and no `--check` (as long as a no-op): the bench stays under
    // ten minutes while generation at 100,000 codes takes tens of seconds.
    for (label, catalog_path, name, runs) in [
        ("seed catalog (catalog.toml)", seed.as_path(), "seed", RUNS),
        (&*format!("{codes} codes"), catalog.as_path(), "n", RUNS),
        (&*format!("{big_codes} codes"), big.as_path(), "big", 3),
    ] {
        let samples = repeat(runs, || {
            let path = fresh(name)?;
            timed(&mut gen_cmd(catalog_path, &path), "cargo xtask gen")
        })?;
        println!(
            "cargo xtask gen, {label}, into an empty directory: {}",
            stats(&samples)
        );
        let samples = repeat(runs, || {
            timed(&mut gen_cmd(catalog_path, &out(name)), "cargo xtask gen")
        })?;
        println!(
            "cargo xtask gen, {label}, no-op (nothing changed): {}",
            stats(&samples)
        );
        if name == "big" {
            continue;
        }
        let samples = repeat(RUNS, || {
            let mut command = gen_cmd(catalog_path, &out(name));
            command.arg("--check");
            timed(&mut command, "cargo xtask gen --check")
        })?;
        println!("cargo xtask gen --check, {label}: {}", stats(&samples));
    }
    let samples = repeat(RUNS, || {
        let path = fresh("n")?;
        timed(&mut bin_cmd(&xtask, &catalog, &path), "xtask gen")
    })?;
    println!(
        "the xtask binary alone (no cargo), {codes} codes: {}",
        stats(&samples)
    );

    // The release build of the same tool, in a target directory of its own.
    let release_target = root.join("target").join("bench-release");
    let build = timed(
        Command::new(&cargo)
            .args(["build", "--quiet", "--release", "--package", "xtask"])
            .current_dir(root)
            .env("CARGO_TARGET_DIR", &release_target),
        "the release build of xtask",
    )?;
    let release_bin = release_target.join("release").join("xtask");
    let samples = repeat(RUNS, || {
        let path = fresh("n")?;
        timed(
            &mut bin_cmd(&release_bin, &catalog, &path),
            "xtask gen (release)",
        )
    })?;
    println!(
        "baseline: the release build of xtask, {codes} codes: {} (its build: {:.1} s, cached after the first bench)",
        stats(&samples),
        build.wall.as_secs_f64()
    );

    // cargo-typify, when installed (the bench never installs it).
    let typify = Command::new(&cargo).args(["typify", "--version"]).output();
    match typify {
        Ok(output) if output.status.success() => {
            println!("baseline: cargo-typify is installed; see BENCHMARKS.md for its figure");
        }
        _ => println!(
            "baseline: cargo-typify is not installed (BENCHMARKS.md quotes the issue's 0.42 s, 83 MiB)"
        ),
    }

    // First use: compile xtask from nothing (the registry already downloaded), then generate.
    println!("\n## First use ({})", load());
    let first_target = scratch.join("target-first-use");
    let first = timed(
        Command::new(&cargo)
            .args(["xtask", "gen", "--out"])
            .arg(fresh("first")?)
            .current_dir(root)
            .env("CARGO_TARGET_DIR", &first_target),
        "cargo xtask gen on an empty target directory",
    )?;
    println!(
        "first cargo xtask gen, empty target directory: {:.1} s (1 run), peak RSS {}",
        first.wall.as_secs_f64(),
        first
            .rss_kib
            .map_or("?".to_owned(), |k| format!("{} MiB", k / 1024))
    );
    let _ = fs::remove_dir_all(&first_target);

    // Committed output.
    println!("\n## Output at {codes} codes");
    let mut total = 0;
    for target in codegen::emit::TARGETS {
        let bytes = dir_size(&out("n").join(target.name));
        total += bytes;
        println!("  {}: {:.1} MiB", target.name, bytes as f64 / 1048576.0);
    }
    println!("all targets: {:.1} MiB", total as f64 / 1048576.0);

    // Python and Node imports, and classification of responses.
    println!("\n## Imports ({})", load());
    imports(root, scratch, &out("seed"), "seed catalog")?;
    imports(root, scratch, &out("n"), &format!("{codes} codes"))?;

    // The generated crate, its build and its lookups, against strum at the same size.
    println!("\n## The generated crate at {codes} codes ({})", load());
    crate_figures(scratch, &out("n"), codes, &cargo)?;
    println!("\n## The generated crate at 29 codes ({})", load());
    let small = scratch.join("small.toml");
    fs::write(&small, synthetic_catalog(29)).map_err(|e| e.to_string())?;
    timed(&mut bin_cmd(&xtask, &small, &fresh("small")?), "xtask gen")?;
    crate_figures(scratch, &out("small"), 29, &cargo)?;
    println!(
        "\nbench finished in {:.0} s ({})",
        started.elapsed().as_secs_f64(),
        load()
    );
    Ok(())
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            total += dir_size(&path);
        } else {
            total += entry.metadata().map_or(0, |m| m.len());
        }
    }
    total
}

/// Python and Node import times of the packages generated into `out`.
fn imports(root: &Path, scratch: &Path, out: &Path, label: &str) -> Result<(), String> {
    let python = ["python3", "python"].into_iter().find(|p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let src = out.join("python").join("src");
    let module = fs::read_dir(&src)
        .into_iter()
        .flatten()
        .flatten()
        .find(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned());
    match (python, module) {
        (Some(python), Some(module)) => {
            let run = |code: &str| {
                let mut command = Command::new(python);
                // The bytecode cache is written (whatever the caller's environment says) under
                // the scratch directory, as an installed package has its .pyc files.
                command
                    .args(["-c", code])
                    .env("PYTHONPATH", &src)
                    .env("PYTHONPYCACHEPREFIX", scratch.join("pycache"))
                    .env_remove("PYTHONDONTWRITEBYTECODE");
                command
            };
            // A first import writes the .pyc cache, as an installed package has it.
            timed(&mut run(&format!("import {module}")), "python import")?;
            let bare = repeat(RUNS, || timed(&mut run("pass"), "python"))?;
            let import = repeat(RUNS, || {
                timed(&mut run(&format!("import {module}")), "python import")
            })?;
            println!("python3 -c 'pass' (interpreter start): {}", stats(&bare));
            println!("python3 -c 'import {module}', {label}: {}", stats(&import));
        }
        _ => println!("python: not found, imports not measured"),
    }
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        println!("node: not found, imports not measured");
        return Ok(());
    }
    let _ = root;
    let index = out.join("typescript").join("index.js");
    let script = scratch.join("import.mjs");
    fs::write(
        &script,
        format!(
            "const start = performance.now();\n\
             const pkg = await import({url:?});\n\
             const imported = performance.now() - start;\n\
             const codes = pkg.ErrorCode ? Object.values(pkg.ErrorCode) : [];\n\
             const responses = codes.map((code) => ({{ status: 400, headers: new Headers(), text: async () => JSON.stringify({{ success: false, error: {{ code, message: 'm' }} }}) }}));\n\
             const t = performance.now();\n\
             for (const r of responses) await pkg.errorFromResponse(r);\n\
             const classified = performance.now() - t;\n\
             console.log(JSON.stringify({{ imported, classified, n: responses.length }}));\n",
            url = format!("file://{}", index.display())
        ),
    )
    .map_err(|e| e.to_string())?;
    let mut imported = Vec::new();
    let mut classified = Vec::new();
    let mut n = 0;
    for _ in 0..RUNS {
        let output = Command::new("node")
            .arg(&script)
            .output()
            .map_err(|e| format!("cannot run node: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "node failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let value: serde_json::Value =
            serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
        let ms = |key: &str| Duration::from_secs_f64(value[key].as_f64().unwrap_or(0.0) / 1e3);
        imported.push(Sample {
            wall: ms("imported"),
            rss_kib: None,
        });
        classified.push(Sample {
            wall: ms("classified"),
            rss_kib: None,
        });
        n = value["n"].as_u64().unwrap_or(0);
    }
    println!("node: import of the package, {label}: {}", stats(&imported));
    println!(
        "node: {n} responses through errorFromResponse, {label}: {}",
        stats(&classified)
    );
    Ok(())
}

/// Cold release builds of the generated crate and of strum at the same size, each with one call
/// site, then lookups through both.
fn crate_figures(
    scratch: &Path,
    out: &Path,
    codes: usize,
    cargo: &std::ffi::OsStr,
) -> Result<(), String> {
    let names: Vec<String> = (0..codes)
        .map(|i| {
            format!(
                "{}_{}_{i}",
                WORDS[i % WORDS.len()],
                WORDS[(i / WORDS.len()) % WORDS.len()]
            )
        })
        .collect();
    let dir = scratch.join(format!("crates-{codes}"));
    write_runner(&dir, out, &names)?;
    let build = |project: &str, target: &str| -> Result<Sample, String> {
        timed(
            Command::new(cargo)
                .args(["build", "--quiet", "--release"])
                .current_dir(dir.join(project))
                .env("CARGO_TARGET_DIR", dir.join(target)),
            &format!("the release build of {project}"),
        )
    };
    // Fetch strum first, so that its build time is not a download.
    let _ = Command::new(cargo)
        .args(["fetch", "--quiet"])
        .current_dir(dir.join("strum-one"))
        .status();
    let ours = build("ours-one", "target-ours")?;
    let strum = build("strum-one", "target-strum")?;
    let mib = |s: &Sample| {
        s.rss_kib
            .map_or("?".to_owned(), |k| format!("{} MiB", k / 1024))
    };
    println!(
        "generated crate + one call site, cold release build: {:.1} s, peak RSS {}",
        ours.wall.as_secs_f64(),
        mib(&ours)
    );
    println!(
        "baseline: strum (EnumString + IntoStaticStr) + one call site, cold release build: {:.1} s, peak RSS {}",
        strum.wall.as_secs_f64(),
        mib(&strum)
    );
    build("runner", "target-runner")?;
    let output = Command::new(
        dir.join("target-runner")
            .join("release")
            .join("bench-runner"),
    )
    .output()
    .map_err(|e| format!("cannot run the benchmark runner: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the runner failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    print!("{}", String::from_utf8_lossy(&output.stdout));
    Ok(())
}

/// Three projects under `dir`: `ours-one` and `strum-one` (the generated crate and a strum enum
/// of the same codes, each with one call site), and `runner`, which times lookups through both.
fn write_runner(dir: &Path, out: &Path, names: &[String]) -> Result<(), String> {
    let krate = out.join("rust");
    let dependency = format!(
        "bench-errors = {{ path = {:?}, default-features = false }}",
        krate.to_string_lossy()
    );
    let manifest = |name: &str, deps: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{deps}\n\n[profile.release]\ndebug = false\n\n[workspace]\n"
        )
    };
    let mut strum_enum = String::from(
        "use strum::{EnumString, IntoStaticStr};\n\n#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumString, IntoStaticStr)]\npub enum Code {\n",
    );
    for name in names {
        let _ = writeln!(
            strum_enum,
            "    #[strum(serialize = {name:?})]\n    {},",
            codegen::names::rust::variant_name(name)
        );
    }
    strum_enum.push_str("}\n");
    let first = &names[0];
    let files = [
        (
            "ours-one/Cargo.toml",
            manifest("ours-one", &dependency),
        ),
        (
            "ours-one/src/main.rs",
            format!(
                "fn main() {{\n    let code: bench_errors::ErrorCode = {first:?}.parse().unwrap();\n    println!(\"{{}}\", code.status());\n}}\n"
            ),
        ),
        ("strum-one/Cargo.toml", manifest("strum-one", "strum = { version = \"0.27\", features = [\"derive\"] }")),
        (
            "strum-one/src/main.rs",
            format!(
                "mod codes;\n\nfn main() {{\n    let code: codes::Code = {first:?}.parse().unwrap();\n    let wire: &'static str = code.into();\n    println!(\"{{wire}}\");\n}}\n"
            ),
        ),
        ("strum-one/src/codes.rs", strum_enum.clone()),
        (
            "runner/Cargo.toml",
            manifest(
                "bench-runner",
                &format!("{dependency}\nstrum = {{ version = \"0.27\", features = [\"derive\"] }}"),
            ),
        ),
        ("runner/src/codes.rs", strum_enum),
        (
            "runner/src/main.rs",
            r#"use std::hint::black_box;
use std::time::Instant;

use bench_errors::ErrorCode;

mod codes;

const ROUNDS: usize = 20;

fn main() {
    let names: Vec<String> = ErrorCode::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    let misses: Vec<String> = names.iter().map(|n| format!("{n}_X")).collect();
    let n = names.len() * ROUNDS;
    let time = |f: &dyn Fn(&str) -> bool, inputs: &[String]| {
        let start = Instant::now();
        let mut found = 0usize;
        for _ in 0..ROUNDS {
            for name in inputs {
                found += usize::from(black_box(f(black_box(name))));
            }
        }
        black_box(found);
        start.elapsed().as_nanos() as f64 / n as f64
    };
    let ours = |s: &str| s.parse::<ErrorCode>().is_ok();
    let strum = |s: &str| s.parse::<codes::Code>().is_ok();
    let hit = time(&ours, &names);
    let miss = time(&ours, &misses);
    let strum_hit = time(&strum, &names);
    let strum_miss = time(&strum, &misses);
    let start = Instant::now();
    let mut total = 0u64;
    for _ in 0..ROUNDS {
        for code in ErrorCode::ALL {
            let code = black_box(*code);
            total += u64::from(code.status()) + code.as_str().len() as u64 + u64::from(code.is_retryable());
        }
    }
    let access = start.elapsed().as_nanos() as f64 / n as f64;
    black_box(total);
    let count = names.len();
    println!("ErrorCode::from_str, known code: {hit:.1} ns; baseline strum, {count} variants: {strum_hit:.1} ns ({:.1}x)", strum_hit / hit);
    println!("ErrorCode::from_str, unknown code: {miss:.1} ns; baseline strum: {strum_miss:.1} ns ({:.1}x)", strum_miss / miss);
    println!("status + as_str + is_retryable: {access:.1} ns");
}
"#
            .to_owned(),
        ),
    ];
    for (path, contents) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| fs::write(&path, contents))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_synthetic_catalog_is_valid_and_has_the_requested_codes() {
        let catalog =
            codegen::load("bench.toml", &synthetic_catalog(250)).map_err(|d| d.render(false));
        let catalog = catalog.expect("valid");
        assert_eq!(catalog.codes.len(), 250);
        assert_eq!(catalog.codes[21].wire, "MISSING_MISSING_21");
    }
}
