//! The Rust conformance client: `reqwest` for HTTP, `ApiError::from_response_parts` for every
//! decision. `conformance-client-rust --base-url URL --vectors PATH` prints one JSON line per
//! vector and per retry scenario (see ../README.md).
//!
//! The crate has no retry helper (it would need a runtime to sleep on); the scenarios run the
//! loop every Rust client writes, driven by `ApiError::is_retryable` and
//! `ApiError::retry_after`. `--ignore-retry-after` breaks it on purpose: it retries at once,
//! which the harness must catch.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use ai_api_errors::ApiError;
use serde_json::{json, Value};

const CLIENT: &str = "rust-reqwest";

/// The wait between attempts when the server does not say.
const DEFAULT_BACKOFF: Duration = Duration::from_millis(500);

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("{CLIENT}: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{CLIENT}: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    base_url: String,
    vectors: String,
    ignore_retry_after: bool,
}

fn options() -> Result<Options, String> {
    let mut base_url = None;
    let mut vectors = None;
    let mut ignore_retry_after = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--base-url" => base_url = args.next(),
            "--vectors" => vectors = args.next(),
            "--ignore-retry-after" => ignore_retry_after = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let usage = "usage: conformance-client-rust --base-url URL --vectors PATH";
    Ok(Options {
        base_url: base_url.ok_or(usage)?,
        vectors: vectors.ok_or(usage)?,
        ignore_retry_after,
    })
}

async fn run() -> Result<(), String> {
    let options = options()?;
    let text = std::fs::read_to_string(&options.vectors)
        .map_err(|e| format!("cannot read {}: {e}", options.vectors))?;
    let document: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    for vector in document["vectors"].as_array().into_iter().flatten() {
        let name = vector["name"].as_str().unwrap_or_default();
        let url = format!("{}/vectors/{name}", options.base_url);
        let decision = match get(&client, &url).await? {
            Err(error) => decision(&error),
            Ok(body) => json!({ "success": body }),
        };
        let line = json!({ "client": CLIENT, "vector": name, "decision": decision });
        println!("{line}");
    }
    for scenario in document["scenarios"].as_array().into_iter().flatten() {
        let name = scenario["name"].as_str().unwrap_or_default();
        let max_attempts = scenario["max_attempts"].as_u64().unwrap_or(3);
        let session = format!("rust-{}", std::process::id());
        let url = format!("{}/retry/{name}/{session}", options.base_url);
        let started = Instant::now();
        let mut attempt = 0;
        let outcome = loop {
            attempt += 1;
            let error = match get(&client, &url).await? {
                Ok(_) => break "ok",
                Err(error) => error,
            };
            if !error.is_retryable() || attempt >= max_attempts {
                break "error";
            }
            let wait = match error.retry_after() {
                Some(wait) if !options.ignore_retry_after => wait,
                Some(_) => Duration::ZERO,
                None => DEFAULT_BACKOFF,
            };
            tokio::time::sleep(wait).await;
        };
        let elapsed_ms = started.elapsed().as_millis();
        let log = format!("{}/retry-log/{name}/{session}", options.base_url);
        let calls: Value = client
            .get(&log)
            .send()
            .await
            .map_err(|e| format!("GET {log}: {e}"))?
            .bytes()
            .await
            .map_err(|e| format!("GET {log}: {e}"))
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))?;
        let line = json!({
            "client": CLIENT, "scenario": name, "calls": calls["calls"],
            "elapsed_ms": elapsed_ms, "outcome": outcome,
        });
        println!("{line}");
    }
    Ok(())
}

/// One GET: `Err(error)` for a 4xx/5xx (or any status outside 2xx), read by the crate.
async fn get(client: &reqwest::Client, url: &str) -> Result<Result<Value, ApiError>, String> {
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("GET {url}: {e}"))?;
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("GET {url}: {e}"))?;
    if (200..300).contains(&status) {
        return Ok(Ok(serde_json::from_slice(&body).unwrap_or(Value::Null)));
    }
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    Ok(Err(ApiError::from_response_parts(status, &headers, &body)))
}

/// The decision of the crate, in the members of the vectors.
fn decision(error: &ApiError) -> Value {
    json!({
        "family_class": error.family().class_name(),
        "own_class": error.is_own_code(),
        "code": error.known_code().map(|c| c.as_str()),
        "raw_code": error.code().map(|c| c.as_str()),
        "message": error.message(),
        "request_id": error.request_id(),
        "timestamp": error.timestamp(),
        "details": error.details().map(|d| json!({ "field": d.field, "issue": d.issue })),
        "retryable": error.is_retryable(),
        "retry_after_ms": error.retry_after().map(|d| d.as_millis()),
    })
}
