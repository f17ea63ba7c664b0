//! The conformance test server: answers every vector of `vectors.json` (the expanded file,
//! `target/conformance/vectors.json`, every per-code row written out) and runs the retry
//! scenarios, on 127.0.0.1 only. Envelope vectors go through the generated crate (`ApiError` and
//! its `IntoResponse`); malformed ones are sent as raw bytes.
//!
//! `conformance-server --vectors PATH [--no-expose-headers]` prints `listening on
//! http://127.0.0.1:PORT` and serves until its stdin closes, `GET /shutdown`, or 120 seconds have
//! passed.
//!
//! Pages of any `http://127.0.0.1:*` origin may read its responses (tower-http's `CorsLayer`, as
//! an app would configure it), and error responses list `Retry-After` and `X-Request-Id` in
//! `Access-Control-Expose-Headers` (the crate's `expose_error_headers`), unless
//! `--no-expose-headers`: then a browser page cannot read them, which the harness checks it sees.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ai_api_errors::{expose_error_headers, stamp_request_ids, ApiError, ErrorCode, ErrorEnvelope};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Json, Router};
use serde_json::{json, Value};
use tokio::io::AsyncReadExt;
use tokio::sync::Notify;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The server's whole lifetime, whatever happens.
const LIFETIME: Duration = Duration::from_secs(120);

struct Server {
    vectors: HashMap<String, Value>,
    scenarios: HashMap<String, Value>,
    calls: Mutex<HashMap<(String, String), u64>>,
    shutdown: Notify,
    /// Whether error responses list `Retry-After` and `X-Request-Id` for browser pages.
    expose_headers: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("conformance-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let usage = || "usage: conformance-server --vectors PATH [--no-expose-headers]".to_owned();
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut expose_headers = true;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--vectors" => path = Some(args.next().ok_or_else(usage)?),
            "--no-expose-headers" => expose_headers = false,
            _ => return Err(usage()),
        }
    }
    let path = path.ok_or_else(usage)?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let document: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let by_name = |key: &str| -> HashMap<String, Value> {
        document[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| Some((v["name"].as_str()?.to_owned(), v.clone())))
            .collect()
    };
    let server = Arc::new(Server {
        vectors: by_name("vectors"),
        scenarios: by_name("scenarios"),
        calls: Mutex::new(HashMap::new()),
        shutdown: Notify::new(),
        expose_headers,
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(serve(server))?;
    // The stdin reader may still be blocked in a read: leave without waiting for it.
    std::process::exit(0)
}

async fn serve(server: Arc<Server>) -> Result<(), String> {
    check_vectors(&server).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot bind 127.0.0.1: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("no local address: {e}"))?
        .port();
    println!("listening on http://127.0.0.1:{port}");
    std::io::stdout().flush().map_err(|e| e.to_string())?;

    let retries = Router::new()
        .route("/retry/{scenario}/{session}", get(retry))
        .layer(middleware::from_fn(stamp_request_ids));
    let mut app = Router::new()
        .route("/vectors/{*name}", get(vector))
        .route("/retry-log/{scenario}/{session}", get(retry_log))
        .route("/shutdown", get(shutdown))
        .merge(retries)
        .with_state(server.clone())
        .layer(CorsLayer::new().allow_origin(AllowOrigin::predicate(loopback_origin)));
    if server.expose_headers {
        app = app.layer(middleware::from_fn(expose_error_headers));
    }
    let stop = async move {
        tokio::select! {
            () = server.shutdown.notified() => {}
            () = stdin_closed() => {}
            () = tokio::time::sleep(LIFETIME) => eprintln!("conformance-server: lifetime over"),
        }
    };
    axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
        .map_err(|e| format!("server failed: {e}"))
}

/// Whether a page of `origin` may read the responses: any port of 127.0.0.1, where the
/// harness serves the browser client's page.
fn loopback_origin(origin: &HeaderValue, _request: &Parts) -> bool {
    origin.as_bytes().starts_with(b"http://127.0.0.1:")
}

/// Returns when stdin reaches its end (the harness closed it or went away).
async fn stdin_closed() {
    let mut stdin = tokio::io::stdin();
    let mut buffer = [0u8; 256];
    while let Ok(n) = stdin.read(&mut buffer).await {
        if n == 0 {
            break;
        }
    }
}

/// Every vector the crate produces must come out with the body and `Retry-After` the vector
/// says, or the vectors test the wrong thing.
async fn check_vectors(server: &Server) -> Result<(), String> {
    for (name, vector) in &server.vectors {
        let response = &vector["response"];
        if response["produced_by"] != "api_error" {
            continue;
        }
        let sent = respond(vector)?;
        let expected_retry_after = headers(response)
            .into_iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("retry-after"))
            .map(|(_, v)| v);
        let retry_after = sent
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if retry_after != expected_retry_after {
            return Err(format!(
                "vector {name}: the crate sent Retry-After {retry_after:?}, the vector says {expected_retry_after:?}"
            ));
        }
        let bytes = axum::body::to_bytes(sent.into_body(), usize::MAX)
            .await
            .map_err(|e| format!("vector {name}: {e}"))?;
        let sent: Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("vector {name}: {e}"))?;
        let body: Value = serde_json::from_str(response["body"].as_str().unwrap_or(""))
            .map_err(|e| format!("vector {name}: {e}"))?;
        if sent != body {
            return Err(format!(
                "vector {name}: the crate sent {sent}, the vector says {body}"
            ));
        }
    }
    Ok(())
}

fn headers(response: &Value) -> Vec<(String, String)> {
    response["headers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| {
            Some((
                pair.get(0)?.as_str()?.to_owned(),
                pair.get(1)?.as_str()?.to_owned(),
            ))
        })
        .collect()
}

async fn vector(State(server): State<Arc<Server>>, Path(name): Path<String>) -> Response {
    let Some(vector) = server.vectors.get(&name) else {
        return (StatusCode::NOT_FOUND, format!("no vector named {name}")).into_response();
    };
    respond(vector).unwrap_or_else(|message| {
        eprintln!("conformance-server: {message}");
        (StatusCode::IM_A_TEAPOT, message).into_response()
    })
}

/// The response of a vector, as it is sent.
fn respond(vector: &Value) -> Result<Response, String> {
    let name = vector["name"].as_str().unwrap_or("?");
    let response = &vector["response"];
    let status = response["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .ok_or_else(|| format!("vector {name}: no status"))?;
    let repeat = &response["body_repeat"];
    let body: Vec<u8> = if repeat.is_object() {
        let text = repeat["text"].as_str().unwrap_or("");
        let times = usize::try_from(repeat["times"].as_u64().unwrap_or(0)).unwrap_or(0);
        let mut body = repeat["prefix"].as_str().unwrap_or("").to_owned();
        body.push_str(&text.repeat(times));
        body.push_str(repeat["suffix"].as_str().unwrap_or(""));
        body.into_bytes()
    } else {
        response["body"].as_str().unwrap_or("").as_bytes().to_vec()
    };
    let headers = headers(response);
    let through_crate = response["produced_by"] == "api_error";
    let mut sent = if through_crate {
        let envelope: ErrorEnvelope =
            serde_json::from_slice(&body).map_err(|e| format!("vector {name}: {e}"))?;
        let mut error = ApiError::from_envelope(status, envelope);
        if let Some((_, seconds)) = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("retry-after"))
        {
            let seconds: u64 = seconds
                .parse()
                .map_err(|e| format!("vector {name}: Retry-After {seconds:?}: {e}"))?;
            error = error.with_retry_after(Duration::from_secs(seconds));
        }
        error.into_response()
    } else {
        let status =
            StatusCode::from_u16(status).map_err(|e| format!("vector {name}: {status}: {e}"))?;
        (status, Body::from(body)).into_response()
    };
    for (header, value) in &headers {
        if through_crate && header.eq_ignore_ascii_case("retry-after") {
            continue;
        }
        let header = HeaderName::try_from(header.as_str()).map_err(|e| e.to_string())?;
        let value = HeaderValue::try_from(value.as_str()).map_err(|e| e.to_string())?;
        sent.headers_mut().insert(header, value);
    }
    let date = &response["retry_after_date"];
    if date.is_object() {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|e| e.to_string())?;
        // The next whole second, so that the wait is never shorter than the offset.
        let at = now.as_secs() + 1 + date["offset_seconds"].as_u64().unwrap_or(0);
        let text = http_date(at, date["form"].as_str().unwrap_or("imf"));
        let value = HeaderValue::try_from(text).map_err(|e| e.to_string())?;
        sent.headers_mut().insert("retry-after", value);
    }
    Ok(sent)
}

async fn retry(
    State(server): State<Arc<Server>>,
    Path((scenario, session)): Path<(String, String)>,
) -> Response {
    let Some(spec) = server.scenarios.get(&scenario) else {
        return (
            StatusCode::NOT_FOUND,
            format!("no scenario named {scenario}"),
        )
            .into_response();
    };
    let call = {
        let mut calls = server.calls.lock().unwrap_or_else(|e| e.into_inner());
        let count = calls.entry((scenario.clone(), session)).or_insert(0);
        *count += 1;
        *count
    };
    if spec["failures"]
        .as_u64()
        .is_some_and(|failures| call > failures)
    {
        return Json(json!({ "ok": true })).into_response();
    }
    let Some(code) = spec["code"].as_str().and_then(ErrorCode::lookup) else {
        return (
            StatusCode::IM_A_TEAPOT,
            "the scenario's code is not in the catalog",
        )
            .into_response();
    };
    let mut error = ApiError::new(code);
    if let Some(seconds) = spec["retry_after_seconds"].as_u64() {
        error = error.with_retry_after(Duration::from_secs(seconds));
    }
    error.into_response()
}

async fn retry_log(
    State(server): State<Arc<Server>>,
    Path((scenario, session)): Path<(String, String)>,
) -> Json<Value> {
    let calls = server.calls.lock().unwrap_or_else(|e| e.into_inner());
    let count = calls.get(&(scenario, session)).copied().unwrap_or(0);
    Json(json!({ "calls": count }))
}

async fn shutdown(State(server): State<Arc<Server>>) -> &'static str {
    server.shutdown.notify_one();
    "bye"
}

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const LONG_DAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `seconds` since the Unix epoch as an HTTP-date: `imf`, `rfc850` or `asctime`.
fn http_date(seconds: u64, form: &str) -> String {
    let days = seconds / 86_400;
    let time = seconds % 86_400;
    // civil_from_days (H. Hinnant), for days after 1970.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let weekday = (days % 7) as usize;
    let mon = MONTHS[month as usize - 1];
    let (h, m, s) = (time / 3600, time / 60 % 60, time % 60);
    match form {
        "rfc850" => format!(
            "{}, {day:02}-{mon}-{:02} {h:02}:{m:02}:{s:02} GMT",
            LONG_DAYS[weekday],
            year % 100
        ),
        "asctime" => format!(
            "{} {mon} {day:>2} {h:02}:{m:02}:{s:02} {year}",
            DAYS[weekday]
        ),
        _ => format!(
            "{}, {day:02} {mon} {year} {h:02}:{m:02}:{s:02} GMT",
            DAYS[weekday]
        ),
    }
}
