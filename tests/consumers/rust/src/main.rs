//! Uses every code of the catalog through the generated crate: parse, status, message, field,
//! retryability, the JSON envelope a server sends, and a code newer than the crate.
//!
//! Usage: `rust-consumer CATALOG` (the `catalog.toml` the crate was generated from). The
//! expectations come from that file, read with the `toml` crate as any tool would, and from the
//! rules README.md states, never from the generator.

use std::collections::BTreeMap;

use ai_api_errors::{ApiError, Code, ErrorCode, ErrorEnvelope};
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

/// The example of README.md, word for word (a test in tests/readme.rs compares them).
fn readme_example() -> Result<String, Box<dyn std::error::Error>> {
    // README example start
    // A client parses the code a server sent and decides what to do.
    let code: ErrorCode = "RATE_LIMIT_EXCEEDED".parse()?;
    assert_eq!(code.status(), 429);
    if code.is_retryable() {
        println!("{code} may succeed later: back off, then retry");
    }

    // A server builds an error and sends the envelope with its status.
    let error = ApiError::new(ErrorCode::InvalidTemperature)
        .with_issue("temperature must be between 0 and 2, got 3.5")
        .with_request_id("req_1234567890");
    let body = serde_json::to_string(&error.to_envelope())?;
    // {"success":false,"error":{"code":"INVALID_TEMPERATURE","message":"Temperature must be between 0 and 2",
    //  "details":{"field":"temperature","issue":"temperature must be between 0 and 2, got 3.5"}},
    //  "meta":{"request_id":"req_1234567890"}}

    // A client reads any error response (status, headers, body), even a code this crate does not
    // know or a proxy's HTML page, and never fails.
    let received = ApiError::from_response_parts(400, &[("x-request-id", "req_1")], body.as_bytes());
    match received.code() {
        Some(Code::Known(ErrorCode::InvalidTemperature)) => { /* fix the request */ }
        _ if received.is_retryable() => { /* wait received.retry_after(), then retry */ }
        Some(Code::Unknown(raw)) => eprintln!("new error code {}", raw.code()),
        _ => { /* give up */ }
    }
    // README example end
    Ok(body)
}

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

    match readme_example() {
        Ok(body) => check(
            body.contains(r#""details":{"field":"temperature","issue":"#),
            format!("README example body: {body}"),
        ),
        Err(e) => check(false, format!("README example failed: {e}")),
    }

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
