//! `cargo xtask gen [--check] [--catalog PATH] [--out DIR]`, `cargo xtask test`, `cargo xtask
//! breaking --against REV`, `cargo xtask explain CODE` and `cargo xtask bench`.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use codegen::diagnostics::ErrorFormat;
use xtask::generate::{self, Options};

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  gen      compile the catalog into generated/ (Rust crate, and every other target)
  test     run every test of the project (what CI runs)
  bench    print how the generator and the generated crate scale (see BENCHMARKS.md)
  breaking compare the catalog with an earlier one: every change, its rule and level;
           fails (exit 1) on what the version does not allow
  explain  print what the catalog says of one code (current, deprecated or retired)
  conformance  run every client of every package against the loopback conformance server
           (a step of `test --only conformance`, which builds what it needs first)

options of `gen`:
  --check          write nothing; fail if generated/ differs from what the catalog produces
  --catalog PATH   the catalog to compile (default: catalog.toml at the repository root)
  --out DIR        where to write (default: generated/ at the repository root);
                   gets the same layout: DIR/rust, ...
  --error-format F how to print the problems of an invalid catalog: `text` (default),
                   `json` (one object per line) or `github` (GitHub Actions annotations)
  -h, --help       print this help

options of `test`:
  --only NAME      run only the steps of `workspace`, of one target (`rust`, `docs`, ...)
                   or `samples` (packages of sample catalogs of the property tests);
                   may be given more than once

options of `bench`:
  --codes N        size of the synthetic catalog (default: 10000)

options of `breaking`:
  --against REV    the earlier catalog: a file, or else a git revision (`HEAD~1`, `v1.0.0`)
                   whose copy of the catalog is read with `git show`
  --format F       `text` (default), `json`, or `markdown` (release notes)
  --catalog PATH   the current catalog (default: catalog.toml at the repository root)

usage of `explain`: cargo xtask explain CODE [--catalog PATH]

options of `conformance` (default: the packages of catalog.toml, in generated/):
  --catalog PATH   run on the packages of another catalog instead (with `--generated`)
  --generated DIR  where `gen --catalog PATH --out DIR` wrote them; the server and the Rust
                   client built on DIR/rust are conformance-server-NAME and
                   conformance-client-rust-NAME in target/packages/debug (NAME: PATH's file
                   name without .toml), as `test --only conformance` builds them
";

fn main() -> ExitCode {
    match parse(std::env::args_os().skip(1).collect()) {
        Ok(Task::Help) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Task::Gen(options, out_display, format)) => {
            generate_task(&options, &out_display, format)
        }
        Ok(Task::Bench(codes)) => match xtask::bench::run(&xtask::root(), codes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Ok(Task::Conformance(under_test)) => {
            match xtask::test::run_conformance(&xtask::root(), under_test.as_ref()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Ok(Task::Breaking(options)) => match xtask::breaking::run(&options) {
            Ok(outcome) => {
                print!("{}", outcome.output);
                if outcome.passed {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Ok(Task::Explain(catalog, display, code)) => {
            match xtask::explain::run(&catalog, &display, &code) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Ok(Task::Test(only)) => match xtask::test::run_all(&xtask::root(), &only) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn generate_task(options: &Options, out_display: &str, format: ErrorFormat) -> ExitCode {
    match generate::run(options) {
        Ok(report) => {
            print!("{}", report.lines(out_display, options.check));
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", failure.render_as(format, styled));
            ExitCode::FAILURE
        }
    }
}

enum Task {
    Help,
    Gen(Options, String, ErrorFormat),
    Test(Vec<String>),
    Bench(usize),
    Conformance(Option<xtask::test::CatalogUnderTest>),
    Breaking(xtask::breaking::Options),
    Explain(PathBuf, String, String),
}

/// `--catalog PATH` or the repository's `catalog.toml`, with how to name it.
fn catalog_or_default(catalog: Option<PathBuf>) -> (PathBuf, String) {
    match catalog {
        Some(path) => {
            let display = path.display().to_string();
            (path, display)
        }
        None => (
            xtask::root().join("catalog.toml"),
            "catalog.toml".to_owned(),
        ),
    }
}

fn parse(args: Vec<OsString>) -> Result<Task, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let task = match parser.next().map_err(|e| e.to_string())? {
        Some(Value(task)) => task.string().map_err(|e| e.to_string())?,
        Some(Short('h') | Long("help")) | None => return Ok(Task::Help),
        Some(other) => return Err(other.unexpected().to_string()),
    };
    match task.as_str() {
        "gen" => {
            let root = xtask::root();
            let mut check = false;
            let mut catalog: Option<PathBuf> = None;
            let mut out: Option<PathBuf> = None;
            let mut format = ErrorFormat::Text;
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Long("check") => check = true,
                    Long("catalog") => {
                        catalog = Some(parser.value().map_err(|e| e.to_string())?.into())
                    }
                    Long("out") => out = Some(parser.value().map_err(|e| e.to_string())?.into()),
                    Long("error-format") => {
                        let value = parser.value().map_err(|e| e.to_string())?;
                        format =
                            value
                                .to_str()
                                .and_then(ErrorFormat::from_name)
                                .ok_or_else(|| {
                                    format!(
                                        "`--error-format` takes {}",
                                        ErrorFormat::NAMES.join(", ")
                                    )
                                })?;
                    }
                    Short('h') | Long("help") => return Ok(Task::Help),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            let (catalog, catalog_display) = match catalog {
                Some(path) => {
                    let display = path.display().to_string();
                    (path, display)
                }
                None => (root.join("catalog.toml"), "catalog.toml".to_owned()),
            };
            let (out, out_display) = match out {
                Some(path) => {
                    let display = path.display().to_string();
                    (path, display)
                }
                None => (root.join("generated"), "generated".to_owned()),
            };
            Ok(Task::Gen(
                Options {
                    catalog,
                    catalog_display,
                    out,
                    check,
                },
                out_display,
                format,
            ))
        }
        "conformance" => {
            let (mut catalog, mut generated) = (None, None);
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Long("catalog") => {
                        catalog = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?))
                    }
                    Long("generated") => {
                        generated = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?))
                    }
                    Short('h') | Long("help") => return Ok(Task::Help),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            match (catalog, generated) {
                (None, None) => Ok(Task::Conformance(None)),
                (Some(catalog), Some(generated)) => Ok(Task::Conformance(Some(
                    xtask::test::CatalogUnderTest { catalog, generated },
                ))),
                _ => Err("`--catalog` and `--generated` go together: the catalog and the directory its packages were generated into".to_owned()),
            }
        }
        "test" => {
            let mut only = Vec::new();
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Long("only") => {
                        let value = parser.value().map_err(|e| e.to_string())?;
                        only.push(value.string().map_err(|_| "`--only` takes a name")?);
                    }
                    Short('h') | Long("help") => return Ok(Task::Help),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            Ok(Task::Test(only))
        }
        "bench" => {
            let mut codes = 10_000;
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Long("codes") => {
                        let value = parser.value().map_err(|e| e.to_string())?;
                        codes = value
                            .string()
                            .ok()
                            .and_then(|v| v.parse().ok())
                            .filter(|&n: &usize| n > 0)
                            .ok_or("`--codes` takes a positive number")?;
                    }
                    Short('h') | Long("help") => return Ok(Task::Help),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            Ok(Task::Bench(codes))
        }
        "breaking" => {
            let mut against = None;
            let mut format = xtask::breaking::Format::Text;
            let mut catalog: Option<PathBuf> = None;
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Long("against") => {
                        let value = parser.value().map_err(|e| e.to_string())?;
                        against = Some(
                            value
                                .string()
                                .map_err(|_| "`--against` takes a revision or a file path")?,
                        );
                    }
                    Long("format") => {
                        let value = parser.value().map_err(|e| e.to_string())?;
                        format = value
                            .string()
                            .ok()
                            .and_then(|v| xtask::breaking::Format::parse(&v))
                            .ok_or("`--format` takes `text`, `json` or `markdown`")?;
                    }
                    Long("catalog") => {
                        catalog = Some(parser.value().map_err(|e| e.to_string())?.into())
                    }
                    Short('h') | Long("help") => return Ok(Task::Help),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            let against = against.ok_or(
                "`breaking` needs `--against REV`: a git revision (`HEAD~1`, `v1.0.0`) or a file",
            )?;
            let (catalog, catalog_display) = catalog_or_default(catalog);
            Ok(Task::Breaking(xtask::breaking::Options {
                catalog,
                catalog_display,
                against,
                format,
            }))
        }
        "explain" => {
            let mut code = None;
            let mut catalog: Option<PathBuf> = None;
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Value(value) if code.is_none() => {
                        code = Some(value.string().map_err(|_| "CODE must be text")?);
                    }
                    Long("catalog") => {
                        catalog = Some(parser.value().map_err(|e| e.to_string())?.into())
                    }
                    Short('h') | Long("help") => return Ok(Task::Help),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            let code =
                code.ok_or("`explain` needs a code, like `cargo xtask explain NOT_FOUND`")?;
            let (catalog, display) = catalog_or_default(catalog);
            Ok(Task::Explain(catalog, display, code))
        }
        "help" => Ok(Task::Help),
        other => Err(format!("unknown task `{other}`")),
    }
}
