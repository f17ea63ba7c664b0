//! Uses every code of the catalog through the generated crate: parse, status, message, field,
//! retryability, the JSON envelope a server sends, and a code newer than the crate.
//!
//! Usage: `rust-consumer CATALOG` (the `catalog.toml` the crate was generated from). The
//! expectations come from that file, read with the `toml` crate as any tool would, and from the
//! rules README.md states, never from the generator.

use std::collections::BTreeMap;

use ai_api_errors::ErrorEnvelope;
use serde::Deserialize;

/// The parts of `catalog.toml` this consumer checks.
#[derive(Deserialize)]
struct Catalog {
    statuses: BTreeMap<u16, Status>,
    /// In catalog order (`toml` with `preserve_order`).
    codes: toml::map::Map<String, toml::Value>,
}

#[derive(Deserialize)]
struct Status {
    retryable: Option<bool>,
}

/// One `[codes.NAME]` table.
#[derive(Deserialize)]
struct CodeEntry {
    status: u16,
    message: String,
    field: Option<String>,
    retryable: Option<bool>,
}

impl Catalog {
    /// README: "each status of `[statuses]` has a default (`retryable = ...`, or when omitted,
    /// true for 429 and 5xx), and a code may override it". A status outside the table follows
    /// the same rule.
    fn status_retryable(&self, status: u16) -> bool {
        self.statuses
            .get(&status)
            .and_then(|s| s.retryable)
            .unwrap_or(status == 429 || (500..=599).contains(&status))
    }
}

// The example of README.md, word for word (a test in tests/readme.rs compares them). It names
// no code of the catalog: `main` runs it on every code of the catalog it reads.
// README example start
use std::time::Duration;

use ai_api_errors::{ApiError, Code, ErrorCode, Family};

/// A server answers a failed request with an error of the catalog: the code's HTTP status and
/// the JSON envelope as the body.
fn respond(code: ErrorCode, issue: &str) -> Result<(u16, String), serde_json::Error> {
    let error = ApiError::new(code)
        .with_issue(issue)
        .with_request_id("req_1234567890");
    Ok((error.status(), serde_json::to_string(&error.to_envelope())?))
}

/// A client reads any error response (status, headers, body), even one with a code newer than
/// this crate or a proxy's HTML page, and never fails; what the catalog says decides the rest.
fn next_step(status: u16, headers: &[(&str, &str)], body: &[u8]) -> String {
    let error = ApiError::from_response_parts(status, headers, body);
    if let Some(field) = error.details().and_then(|details| details.field.as_deref()) {
        return format!("fix `{field}`: {}", error.message());
    }
    if error.is_retryable() {
        let wait = error.retry_after().unwrap_or(Duration::from_secs(1));
        return format!("retry in {wait:?}");
    }
    match (error.family(), error.code()) {
        (Family::Authentication, _) => "check the API key".to_owned(),
        (_, Some(Code::Unknown(raw))) => {
            format!("give up: {} is newer than this crate", raw.code())
        }
        _ => format!("give up: {}", error.message()),
    }
}

/// A code read from a log line: what the catalog says of it.
fn describe(wire: &str) -> String {
    match wire.parse::<ErrorCode>() {
        Ok(code) => format!(
            "{code}: {} (HTTP {}, retryable: {})",
            code.message(),
            code.status(),
            code.is_retryable()
        ),
        Err(unknown) => format!("{unknown}: newer than this crate"),
    }
}
// README example end

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: rust-consumer CATALOG");
        std::process::exit(2);
    };
    let catalog: Catalog = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(catalog) => catalog,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };

    let mut failures = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            failures.push(what);
        }
    };

    let wires: Vec<&str> = catalog.codes.keys().map(String::as_str).collect();
    let all: Vec<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
    check(
        all == wires,
        format!("ErrorCode::ALL is {all:?}, the catalog has {wires:?}"),
    );
    for (wire, table) in &catalog.codes {
        let expected: CodeEntry = match table.clone().try_into() {
            Ok(entry) => entry,
            Err(e) => {
                check(false, format!("{wire}: cannot read its table: {e}"));
                continue;
            }
        };
        let status = expected.status;
        let retryable = expected
            .retryable
            .unwrap_or(catalog.status_retryable(status));
        // Parse the code a server sent.
        let Ok(code) = wire.parse::<ErrorCode>() else {
            check(false, format!("{wire} does not parse"));
            continue;
        };
        check(
            code.as_str() == wire,
            format!("{wire}: as_str is {}", code.as_str()),
        );
        check(
            code.status() == status,
            format!("{wire}: status {}", code.status()),
        );
        check(
            code.message() == expected.message,
            format!("{wire}: message {:?}", code.message()),
        );
        check(
            code.field() == expected.field.as_deref(),
            format!("{wire}: field {:?}", code.field()),
        );
        check(
            code.is_retryable() == retryable,
            format!("{wire}: retryable {}", code.is_retryable()),
        );

        // A server answers with the envelope; a client reads it back.
        let error = ApiError::new(code).with_request_id("req_1234567890");
        let json = serde_json::to_string(&error.to_envelope()).unwrap_or_default();
        let envelope: Result<ErrorEnvelope, _> = serde_json::from_str(&json);
        match envelope {
            Ok(envelope) => {
                let received = ApiError::from_envelope(status, envelope);
                check(
                    received == error,
                    format!("{wire}: envelope round trip gave {received:?}"),
                );
                check(
                    received.is_retryable() == retryable,
                    format!("{wire}: received retryable"),
                );
            }
            Err(e) => check(false, format!("{wire}: envelope does not parse: {e}")),
        }

        // README's example on this code: the server's answer, read back by the client.
        let issue = format!("what is wrong with the request for {wire}");
        let Ok((sent_status, body)) = respond(code, &issue) else {
            check(false, format!("{wire}: respond failed"));
            continue;
        };
        check(
            sent_status == status,
            format!("{wire}: respond sent status {sent_status}"),
        );
        let sent: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        let expected_body = serde_json::json!({
            "code": wire,
            "message": expected.message,
            "details": match &expected.field {
                Some(field) => serde_json::json!({ "field": field, "issue": issue }),
                None => serde_json::json!({ "issue": issue }),
            },
        });
        check(
            sent["error"] == expected_body && sent["meta"]["request_id"] == "req_1234567890",
            format!("{wire}: respond sent {body}"),
        );
        let step = next_step(status, &[("Retry-After", "3")], body.as_bytes());
        let expected_step = match &expected.field {
            Some(field) => format!("fix `{field}`: {}", expected.message),
            None if retryable => "retry in 3s".to_owned(),
            None if status == 401 => "check the API key".to_owned(),
            None => format!("give up: {}", expected.message),
        };
        check(
            step == expected_step,
            format!("{wire}: next_step is {step:?}, expected {expected_step:?}"),
        );
        let described = describe(wire);
        let expected_description = format!(
            "{wire}: {} (HTTP {status}, retryable: {retryable})",
            expected.message
        );
        check(
            described == expected_description,
            format!("{wire}: describe gives {described:?}"),
        );
    }

    // Statuses: the table's flags, and the default rule (429 and 5xx, nothing else) for the
    // statuses a gateway may send that the table lacks.
    for status in [100, 399, 400, 418, 429, 499, 500, 502, 504, 599, 600, 999] {
        let expected = catalog.status_retryable(status);
        check(
            ai_api_errors::is_retryable_status(status) == expected,
            format!("is_retryable_status({status}) is {}", !expected),
        );
    }
    let table: Vec<u16> = ai_api_errors::STATUSES.iter().map(|s| s.code).collect();
    let statuses: Vec<u16> = catalog.statuses.keys().copied().collect();
    check(
        table == statuses,
        format!("STATUSES has {table:?}, the catalog {statuses:?}"),
    );

    // A newer server may send a code this crate does not know: it is kept, not rejected, and
    // its status decides whether to retry.
    let mut unknown = "BRAND_NEW_CODE".to_owned();
    while catalog.codes.contains_key(&unknown) {
        unknown.push('X');
    }
    let newer = serde_json::json!({
        "success": false,
        "error": { "code": unknown, "message": "New" },
        "meta": { "request_id": "req_1" },
    });
    match serde_json::from_value::<ErrorEnvelope>(newer) {
        Ok(envelope) => {
            let error = ApiError::from_envelope(503, envelope);
            check(
                matches!(error.code(), Some(Code::Unknown(raw)) if raw.code() == unknown),
                format!("unknown code kept as {:?}", error.code()),
            );
            check(
                error.is_retryable() == catalog.status_retryable(503),
                "an unknown code on a 503 is retryable as the 503 status is".to_owned(),
            );
        }
        Err(e) => check(false, format!("an unknown code fails to parse: {e}")),
    }

    // README's example on what no catalog has: a code newer than the crate, and a proxy's page.
    let newer = format!(r#"{{"error":{{"code":"{unknown}","message":"New"}}}}"#);
    let step = next_step(503, &[], newer.as_bytes());
    let expected_step = if catalog.status_retryable(503) {
        "retry in 1s".to_owned()
    } else {
        format!("give up: {unknown} is newer than this crate")
    };
    check(
        step == expected_step,
        format!("next_step of an unknown code is {step:?}, expected {expected_step:?}"),
    );
    let step = next_step(502, &[("Retry-After", "2")], b"<html>Bad Gateway</html>");
    let expected_step = if catalog.status_retryable(502) {
        "retry in 2s"
    } else {
        "give up: "
    };
    check(
        step.starts_with(expected_step),
        format!("next_step of a proxy's page is {step:?}, expected {expected_step:?}"),
    );
    let described = describe(&unknown);
    check(
        described == format!("unknown error code `{unknown}`: newer than this crate"),
        format!("describe of an unknown code gives {described:?}"),
    );

    if failures.is_empty() {
        println!(
            "rust consumer: {} codes checked, 0 failed",
            catalog.codes.len()
        );
    } else {
        for failure in &failures {
            eprintln!("FAILED: {failure}");
        }
        eprintln!("rust consumer: {} failed", failures.len());
        std::process::exit(1);
    }
}
