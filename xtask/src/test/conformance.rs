//! Steps of the conformance group, run after every package's own steps (the Python venv and the
//! npm packages exist by then): build the loopback server and the Rust client
//! (`tests/conformance/server`, on the generated crate), then `cargo xtask conformance`, which
//! starts the server, runs every client of every package against every vector of
//! `generated/conformance/vectors.json` and the retry scenarios, and fails on any disagreement,
//! naming the vector (or scenario), the client and the member.
//!
//! It also shows once that the comparison catches a broken client: the Rust client run with
//! `--ignore-retry-after` (it retries at once) must fail the `recover` and `never` scenarios.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Context, Step};

/// The longest a client may run (every vector plus the retry scenarios take a few seconds).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(180);

/// The Python HTTP stacks the Python client is run with.
const PYTHON_STACKS: &[&str] = &[
    "requests",
    "httpx",
    "httpx-async",
    "httpx-stream",
    "aiohttp",
];

pub(crate) fn steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let manifest = server_dir(root).join("Cargo.toml");
    let manifest = manifest.to_string_lossy().into_owned();
    let mut run = super::cargo();
    run.current_dir(root).args(["xtask", "conformance"]);
    Ok(vec![
        Step::cargo(
            "conformance: build the loopback server and the Rust client",
            root,
            &["build", "--manifest-path", &manifest, "--locked"],
            &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())],
        ),
        Step::cargo(
            "conformance: the crate's server side in axum (request ids, Retry-After, WWW-Authenticate)",
            root,
            &["test", "--manifest-path", &manifest, "--locked"],
            &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())],
        ),
        Step::new(
            "conformance: every client of every package agrees with every vector",
            run,
        ),
    ])
}

fn server_dir(root: &Path) -> PathBuf {
    root.join("tests").join("conformance").join("server")
}

/// One client program to run against the server.
struct Client {
    /// Its name in failures.
    name: String,
    /// The file that must exist for it to run (the program or its script).
    file: PathBuf,
    command: Command,
}

/// `cargo xtask conformance`: the server, every client, the comparison. Needs the server and
/// the Rust client built in `target/packages` (the step before), the npm packages and the Python
/// venv (the `typescript` and `python` groups).
pub fn run(root: &Path) -> Result<(), String> {
    let vectors = root
        .join("generated")
        .join("conformance")
        .join("vectors.json");
    let text = std::fs::read_to_string(&vectors)
        .map_err(|e| format!("cannot read {}: {e}", vectors.display()))?;
    let document: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", vectors.display()))?;
    let bin = root.join("target").join("packages").join("debug");
    let mut server = Server::start(&bin.join("conformance-server"), &vectors)?;
    println!("conformance server at {}", server.url);

    let mut failures = Vec::new();
    let mut ran = 0;
    for client in clients(root, &bin, &server.url, &vectors) {
        if !client.file.exists() {
            failures.push(format!(
                "client {} is missing: {} does not exist",
                client.name,
                client.file.display()
            ));
            continue;
        }
        ran += 1;
        let started = Instant::now();
        match run_client(client.command, &client.name) {
            Ok(output) => {
                let found = compare(&document, &client.name, &output);
                println!(
                    "{}: {} in {:.1} s",
                    client.name,
                    if found.is_empty() {
                        "agrees with every vector and scenario".to_owned()
                    } else {
                        format!("{} disagreements", found.len())
                    },
                    started.elapsed().as_secs_f64()
                );
                failures.extend(found);
            }
            Err(message) => failures.push(message),
        }
    }

    // The test of the test: a client that ignores Retry-After must be caught.
    let mut broken = Command::new(bin.join("conformance-client-rust"));
    broken
        .arg("--base-url")
        .arg(&server.url)
        .arg("--vectors")
        .arg(&vectors)
        .arg("--ignore-retry-after");
    let caught = run_client(broken, "rust-reqwest (ignoring Retry-After)")
        .map(|output| compare(&document, "rust-reqwest", &output))?;
    if caught.iter().any(|f| f.contains("elapsed_ms")) {
        println!(
            "a Rust client that ignores Retry-After is caught: {}",
            caught.join("; ")
        );
    } else {
        failures.push(
            "a Rust client that ignores Retry-After was not caught: the comparison is broken"
                .to_owned(),
        );
    }
    server.stop();

    if failures.is_empty() {
        println!("{ran} clients agree with every vector");
        return Ok(());
    }
    let shown = failures.len().min(60);
    let mut message = format!(
        "{} disagreements with generated/conformance/vectors.json:\n",
        failures.len()
    );
    for failure in &failures[..shown] {
        message.push_str(&format!("  - {failure}\n"));
    }
    if shown < failures.len() {
        message.push_str(&format!("  … and {} more\n", failures.len() - shown));
    }
    Err(message)
}

fn clients(root: &Path, bin: &Path, url: &str, vectors: &Path) -> Vec<Client> {
    let common = |command: &mut Command| {
        command
            .arg("--base-url")
            .arg(url)
            .arg("--vectors")
            .arg(vectors);
    };
    let mut out = Vec::new();
    let rust = bin.join("conformance-client-rust");
    let mut command = Command::new(&rust);
    common(&mut command);
    out.push(Client {
        name: "rust-reqwest".to_owned(),
        file: rust,
        command,
    });

    let clients_dir = root.join("tests").join("conformance").join("clients");
    let script = clients_dir.join("typescript").join("client.mjs");
    let mut command = Command::new("node");
    command.arg(&script);
    common(&mut command);
    command
        .arg("--package")
        .arg(root.join("generated").join("typescript"));
    out.push(Client {
        name: "typescript-fetch".to_owned(),
        file: script,
        command,
    });

    let script = clients_dir.join("python").join("client.py");
    let python = root
        .join("target")
        .join("python-venv")
        .join("bin")
        .join("python");
    for stack in PYTHON_STACKS {
        let mut command = Command::new(&python);
        command.arg(&script).arg("--stack").arg(stack);
        common(&mut command);
        out.push(Client {
            name: format!("python-{stack}"),
            file: script.clone(),
            command,
        });
    }
    out
}

/// The running server: stopped (its stdin closed, then killed if it lingers) when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(program: &Path, vectors: &Path) -> Result<Server, String> {
        let mut child = Command::new(program)
            .arg("--vectors")
            .arg(vectors)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start {} (built by the step before): {e}",
                    program.display()
                )
            })?;
        let stdout = child.stdout.take().ok_or("no stdout of the server")?;
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let line = receive
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_default();
        let mut server = Server {
            child,
            url: String::new(),
        };
        match line.trim().strip_prefix("listening on ") {
            Some(url) if url.starts_with("http://127.0.0.1:") => {
                server.url = url.to_owned();
                Ok(server)
            }
            _ => {
                server.stop();
                Err(format!(
                    "the conformance server did not say where it listens (got {line:?})"
                ))
            }
        }
    }

    fn stop(&mut self) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// Runs a client to its end (at most [`CLIENT_TIMEOUT`]) and returns its stdout; stderr goes
/// to the terminal.
fn run_client(mut command: Command, name: &str) -> Result<String, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("client {name}: cannot start {command:?}: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        let _ = send.send(text);
    });
    let deadline = Instant::now() + CLIENT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "client {name}: still running after {} s, killed",
                CLIENT_TIMEOUT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = receive
        .recv_timeout(Duration::from_secs(10))
        .map_err(|_| format!("client {name}: its output never ended"))?;
    if !status.success() {
        return Err(format!("client {name}: exited with {status}"));
    }
    Ok(output)
}

/// Every disagreement between a client's output (JSON lines) and the vectors' expectations,
/// each naming the vector or scenario, the client and the member. A vector or scenario the
/// client did not report is a disagreement too.
pub(crate) fn compare(document: &Value, client: &str, output: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let mut decisions = std::collections::HashMap::new();
    let mut scenarios = std::collections::HashMap::new();
    for line in output.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(value) = serde_json::from_str::<Value>(line) else {
            failures.push(format!("client {client}: a line that is not JSON: {line}"));
            continue;
        };
        if let Some(vector) = value["vector"].as_str() {
            decisions.insert(vector.to_owned(), value["decision"].clone());
        } else if let Some(scenario) = value["scenario"].as_str() {
            scenarios.insert(scenario.to_owned(), value);
        } else {
            failures.push(format!(
                "client {client}: a line with neither vector nor scenario: {line}"
            ));
        }
    }
    for vector in document["vectors"].as_array().into_iter().flatten() {
        let name = vector["name"].as_str().unwrap_or_default();
        let Some(decision) = decisions.get(name) else {
            failures.push(format!("vector {name}, client {client}: not reported"));
            continue;
        };
        let expected = &vector["expected"];
        let tolerance = expected["retry_after_tolerance_ms"].as_f64().unwrap_or(0.0);
        for (member, want) in expected.as_object().into_iter().flatten() {
            if member == "retry_after_tolerance_ms" {
                continue;
            }
            let Some(got) = decision.get(member) else {
                failures.push(format!(
                    "vector {name}, client {client}, member {member}: missing (expected {want})"
                ));
                continue;
            };
            let agrees = match (member.as_str(), want.as_f64(), got.as_f64()) {
                ("retry_after_ms", Some(want), Some(got)) => (want - got).abs() <= tolerance,
                _ => want == got,
            };
            if !agrees {
                failures.push(format!(
                    "vector {name}, client {client}, member {member}: expected {want}, got {got}"
                ));
            }
        }
    }
    for scenario in document["scenarios"].as_array().into_iter().flatten() {
        let name = scenario["name"].as_str().unwrap_or_default();
        let Some(report) = scenarios.get(name) else {
            failures.push(format!("scenario {name}, client {client}: not reported"));
            continue;
        };
        let expected = &scenario["expected"];
        for member in ["calls", "outcome"] {
            if report[member] != expected[member] {
                failures.push(format!(
                    "scenario {name}, client {client}, member {member}: expected {}, got {}",
                    expected[member], report[member]
                ));
            }
        }
        let min = expected["min_elapsed_ms"].as_f64().unwrap_or(0.0);
        match report["elapsed_ms"].as_f64() {
            Some(elapsed) if elapsed >= min => {}
            _ => failures.push(format!(
                "scenario {name}, client {client}, member elapsed_ms: expected at least {min} (the waits Retry-After asks for), got {}",
                report["elapsed_ms"]
            )),
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> Value {
        json!({
            "vectors": [{
                "name": "code/RATE_LIMIT_EXCEEDED/full",
                "expected": {
                    "code": "RATE_LIMIT_EXCEEDED", "retryable": true,
                    "retry_after_ms": 10000, "retry_after_tolerance_ms": 3000,
                },
            }],
            "scenarios": [{
                "name": "recover",
                "expected": { "calls": 3, "outcome": "ok", "min_elapsed_ms": 2000 },
            }],
        })
    }

    #[test]
    fn a_client_that_agrees_passes_within_the_tolerance() {
        let output = r#"{"client":"c","vector":"code/RATE_LIMIT_EXCEEDED/full","decision":{"code":"RATE_LIMIT_EXCEEDED","retryable":true,"retry_after_ms":8200}}
{"client":"c","scenario":"recover","calls":3,"elapsed_ms":2010,"outcome":"ok"}"#;
        assert_eq!(compare(&document(), "c", output), Vec::<String>::new());
    }

    #[test]
    fn a_client_that_ignores_retry_after_is_caught_by_vector_client_and_member() {
        let output = r#"{"client":"c","vector":"code/RATE_LIMIT_EXCEEDED/full","decision":{"code":"RATE_LIMIT_EXCEEDED","retryable":true,"retry_after_ms":null}}
{"client":"c","scenario":"recover","calls":3,"elapsed_ms":12,"outcome":"ok"}"#;
        assert_eq!(
            compare(&document(), "c", output),
            [
                "vector code/RATE_LIMIT_EXCEEDED/full, client c, member retry_after_ms: expected 10000, got null",
                "scenario recover, client c, member elapsed_ms: expected at least 2000 (the waits Retry-After asks for), got 12",
            ]
        );
    }

    #[test]
    fn missing_reports_and_members_fail() {
        let output =
            r#"{"client":"c","scenario":"recover","calls":1,"elapsed_ms":2500,"outcome":"error"}"#;
        let failures = compare(&document(), "c", output);
        assert_eq!(failures.len(), 3, "{failures:?}");
        assert!(
            failures[0].contains("vector code/RATE_LIMIT_EXCEEDED/full, client c: not reported")
        );
        let output = r#"{"client":"c","vector":"code/RATE_LIMIT_EXCEEDED/full","decision":{"code":"RATE_LIMIT_EXCEEDED","retry_after_ms":9000}}"#;
        let failures = compare(&document(), "c", output);
        assert!(
            failures[0].contains("member retryable: missing"),
            "{failures:?}"
        );
        assert!(failures[1].contains("scenario recover, client c: not reported"));
    }
}
