//! `cargo xtask bench [--codes N]`: how the generator and the generated Rust crate scale.
//!
//! Builds a synthetic catalog of N codes (default 10,000), then prints:
//! - the time to load and validate it, and to generate every target;
//! - the release build time of the generated crate on its own (no features, so no dependency);
//! - nanoseconds per `ErrorCode::from_str` (hits and misses) and per accessor, measured by a
//!   small program that depends on the generated crate, beside a `match`-based `from_str` over the
//!   same strings as the baseline the crate's design avoids.
//!
//! Figures go to standard output; `BENCHMARKS.md` records them with this command.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
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

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Runs the benchmark and prints its figures.
pub fn run(root: &Path, codes: usize) -> Result<(), String> {
    println!("synthetic catalog: {codes} codes");
    let text = synthetic_catalog(codes);
    println!("catalog size: {} KiB", text.len() / 1024);

    let mut load_times = Vec::new();
    let mut generate_times = Vec::new();
    let mut files = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let catalog = codegen::load("bench.toml", &text).map_err(|d| d.render(false))?;
        load_times.push(start.elapsed());
        let start = Instant::now();
        files = codegen::generate(&catalog).map_err(|e| e.to_string())?;
        generate_times.push(start.elapsed());
    }
    println!(
        "load + validate: {:.1} ms (median of 5)",
        median(load_times).as_secs_f64() * 1e3
    );
    println!(
        "generate all targets: {:.1} ms (median of 5)",
        median(generate_times).as_secs_f64() * 1e3
    );
    let catalog = codegen::load("bench.toml", &text).map_err(|d| d.render(false))?;
    for target in codegen::emit::TARGETS {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let files = (target.generate)(&catalog).map_err(|e| e.to_string())?;
            times.push(start.elapsed());
            bytes = files.iter().map(|f| f.contents.len()).sum::<usize>();
        }
        println!(
            "  {}: {:.1} ms (median of 5), {} files, {} KiB",
            target.name,
            median(times).as_secs_f64() * 1e3,
            files
                .iter()
                .filter(|f| f.path.starts_with(&format!("{}/", target.name)))
                .count(),
            bytes / 1024
        );
    }

    let dir = tempfile::Builder::new()
        .prefix("xtask-bench-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    for file in &files {
        let path = file
            .path
            .split('/')
            .fold(dir.path().join("out"), |p, part| p.join(part));
        fs::create_dir_all(path.parent().unwrap_or(dir.path()))
            .and_then(|()| fs::write(&path, &file.contents))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let names: Vec<String> = (0..codes)
        .map(|i| {
            format!(
                "{}_{}_{i}",
                WORDS[i % WORDS.len()],
                WORDS[(i / WORDS.len()) % WORDS.len()]
            )
        })
        .collect();
    write_runner(dir.path(), &names)?;

    let target = root.join("target").join("bench");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let build =
        |dir: &Path, target: &Path, args: &[&str], what: &str| -> Result<Duration, String> {
            let start = Instant::now();
            let status = Command::new(&cargo)
                .args(["build", "--quiet"])
                .args(args)
                .current_dir(dir)
                .env("CARGO_TARGET_DIR", target)
                .status()
                .map_err(|e| format!("cannot run cargo: {e}"))?;
            if !status.success() {
                return Err(format!("building the {what} failed"));
            }
            Ok(start.elapsed())
        };
    // The generated crate alone, from scratch: without features it has no dependency, so this
    // is the crate's own compile time.
    let crate_dir = dir.path().join("out").join("rust");
    for (profile, args) in [
        ("debug", &["--no-default-features"][..]),
        ("release", &["--release", "--no-default-features"][..]),
    ] {
        let fresh = dir.path().join(format!("target-{profile}"));
        let time = build(&crate_dir, &fresh, args, "generated crate")?;
        println!(
            "{profile} build of the generated crate, from scratch, no features: {:.1} s",
            time.as_secs_f64()
        );
    }
    build(
        &dir.path().join("runner"),
        &target,
        &["--release"],
        "runner",
    )?;

    let output = Command::new(target.join("release").join("bench-runner"))
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

/// A program that times lookups through the generated crate and through a `match` baseline.
fn write_runner(dir: &Path, names: &[String]) -> Result<(), String> {
    let runner = dir.join("runner");
    let out = dir.join("out").join("rust");
    let manifest = format!(
        "[package]\nname = \"bench-runner\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nbench-errors = {{ path = {:?}, default-features = false }}\n\n[profile.release]\ndebug = false\n\n[workspace]\n",
        out.to_string_lossy()
    );
    let mut baseline = String::from("fn baseline(s: &str) -> Option<u32> {\n    match s {\n");
    for (i, name) in names.iter().enumerate() {
        let _ = writeln!(baseline, "        {name:?} => Some({i}),");
    }
    baseline.push_str("        _ => None,\n    }\n}\n");
    let main = format!(
        r#"use std::hint::black_box;
use std::time::Instant;
use bench_errors::ErrorCode;

{baseline}
const ROUNDS: usize = 20;

fn main() {{
    let names: Vec<String> = ErrorCode::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    let misses: Vec<String> = names.iter().map(|n| format!("{{n}}_X")).collect();
    let n = names.len() * ROUNDS;
    let start = Instant::now();
    let mut found = 0usize;
    for _ in 0..ROUNDS {{
        for name in &names {{
            found += black_box(name.parse::<ErrorCode>().is_ok()) as usize;
        }}
    }}
    let hit = start.elapsed().as_nanos() as f64 / n as f64;
    assert_eq!(found, n);
    let start = Instant::now();
    for _ in 0..ROUNDS {{
        for name in &misses {{
            found -= black_box(name.parse::<ErrorCode>().is_err()) as usize;
        }}
    }}
    let miss = start.elapsed().as_nanos() as f64 / n as f64;
    assert_eq!(found, 0);
    let start = Instant::now();
    let mut total = 0u64;
    for _ in 0..ROUNDS {{
        for code in ErrorCode::ALL {{
            let code = black_box(*code);
            total += u64::from(code.status()) + code.as_str().len() as u64 + u64::from(code.is_retryable());
        }}
    }}
    let access = start.elapsed().as_nanos() as f64 / n as f64;
    black_box(total);
    let start = Instant::now();
    let mut base = 0usize;
    for _ in 0..ROUNDS {{
        for name in &names {{
            base += black_box(baseline(black_box(name))).is_some() as usize;
        }}
    }}
    let baseline_hit = start.elapsed().as_nanos() as f64 / n as f64;
    assert_eq!(base, n);
    println!("ErrorCode::from_str, known code: {{hit:.1}} ns");
    println!("ErrorCode::from_str, unknown code: {{miss:.1}} ns");
    println!("status + as_str + is_retryable: {{access:.1}} ns");
    println!("baseline `match` over {{}} strings, known code: {{baseline_hit:.1}} ns", names.len());
}}
"#
    );
    fs::create_dir_all(runner.join("src"))
        .and_then(|()| fs::write(runner.join("Cargo.toml"), manifest))
        .and_then(|()| fs::write(runner.join("src").join("main.rs"), main))
        .map_err(|e| format!("cannot write the runner: {e}"))
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
