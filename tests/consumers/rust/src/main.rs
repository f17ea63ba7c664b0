//! Uses every code of the AI API through the generated crate: parse, status, retryability,
//! the JSON envelope a server sends, and a code newer than the crate.

use ai_api_errors::{ApiError, Code, ErrorCode, ErrorEnvelope};

/// Every code of the API error reference, with its status and whether a client may retry it.
const REFERENCE: &[(&str, u16, bool)] = &[
    ("MISSING_API_KEY", 401, false),
    ("INVALID_API_KEY", 401, false),
    ("EXPIRED_API_KEY", 401, false),
    ("REVOKED_API_KEY", 401, false),
    ("INSUFFICIENT_PERMISSIONS", 403, false),
    ("ACCOUNT_SUSPENDED", 403, false),
    ("QUOTA_EXCEEDED", 403, false),
    ("INVALID_REQUEST", 400, false),
    ("MISSING_REQUIRED_FIELD", 400, false),
    ("INVALID_FIELD_VALUE", 400, false),
    ("UNSUPPORTED_MODEL", 400, false),
    ("INVALID_FILE_FORMAT", 400, false),
    ("FILE_TOO_LARGE", 400, false),
    ("RESOURCE_NOT_FOUND", 404, false),
    ("ENDPOINT_NOT_FOUND", 404, false),
    ("MODEL_NOT_FOUND", 404, false),
    ("RATE_LIMIT_EXCEEDED", 429, true),
    ("CONCURRENT_LIMIT_EXCEEDED", 429, true),
    ("INTERNAL_ERROR", 500, true),
    ("MODEL_UNAVAILABLE", 500, true),
    ("PROCESSING_ERROR", 500, true),
    ("SERVICE_UNAVAILABLE", 503, true),
    ("OVERLOADED", 503, true),
    ("PROMPT_TOO_LONG", 400, false),
    ("INVALID_TEMPERATURE", 400, false),
    ("INVALID_MAX_TOKENS", 400, false),
    ("INVALID_IMAGE_SIZE", 400, false),
    ("INVALID_IMAGE_QUALITY", 400, false),
    ("PROMPT_VIOLATION", 400, false),
];

/// The example of README.md, word for word (a test in tests/readme.rs compares them).
fn readme_example() -> Result<String, Box<dyn std::error::Error>> {
    // README example start
    // A client parses the code a server sent and decides what to do.
    let code: ErrorCode = "RATE_LIMIT_EXCEEDED".parse()?;
    assert_eq!(code.status(), 429);
    assert!(code.is_retryable());

    // A server builds an error and sends the envelope with its status.
    let error = ApiError::new(ErrorCode::InvalidTemperature)
        .with_issue("temperature must be between 0 and 2, got 3.5")
        .with_request_id("req_1234567890");
    let body = serde_json::to_string(&error.to_envelope())?;
    // {"success":false,"error":{"code":"INVALID_TEMPERATURE","message":"Temperature must be between 0 and 2",
    //  "details":{"field":"temperature","issue":"temperature must be between 0 and 2, got 3.5"}},
    //  "meta":{"request_id":"req_1234567890"}}

    // A client reads it back, even when a newer server sends a code this crate does not know.
    let envelope: ErrorEnvelope = serde_json::from_str(&body)?;
    let received = ApiError::from_envelope(400, envelope);
    match received.code() {
        Code::Known(ErrorCode::InvalidTemperature) => { /* fix the request */ }
        Code::Known(other) if other.is_retryable() => { /* back off and retry */ }
        Code::Known(_) => { /* give up */ }
        Code::Unknown(raw) => eprintln!("new error code {raw}"),
    }
    // README example end
    Ok(body)
}

fn main() {
    let mut failures = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            failures.push(what);
        }
    };

    check(ErrorCode::ALL.len() == REFERENCE.len(), format!("{} codes", ErrorCode::ALL.len()));
    for &(wire, status, retryable) in REFERENCE {
        // Parse the code a server sent.
        let Ok(code) = wire.parse::<ErrorCode>() else {
            check(false, format!("{wire} does not parse"));
            continue;
        };
        check(code.as_str() == wire, format!("{wire}: as_str is {}", code.as_str()));
        check(code.status() == status, format!("{wire}: status {}", code.status()));
        check(code.is_retryable() == retryable, format!("{wire}: retryable {}", code.is_retryable()));

        // A server answers with the envelope; a client reads it back.
        let error = ApiError::new(code).with_request_id("req_1234567890");
        let json = serde_json::to_string(&error.to_envelope()).unwrap_or_default();
        let envelope: Result<ErrorEnvelope, _> = serde_json::from_str(&json);
        match envelope {
            Ok(envelope) => {
                let received = ApiError::from_envelope(status, envelope);
                check(received == error, format!("{wire}: envelope round trip gave {received:?}"));
                check(received.is_retryable() == retryable, format!("{wire}: received retryable"));
            }
            Err(e) => check(false, format!("{wire}: envelope does not parse: {e}")),
        }
    }

    // A newer server may send a code this crate does not know: it is kept, not rejected.
    let newer = r#"{"success":false,"error":{"code":"BRAND_NEW_CODE","message":"New"},"meta":{"request_id":"req_1"}}"#;
    match serde_json::from_str::<ErrorEnvelope>(newer) {
        Ok(envelope) => {
            let error = ApiError::from_envelope(503, envelope);
            check(
                matches!(error.code(), Code::Unknown(raw) if raw == "BRAND_NEW_CODE"),
                format!("unknown code kept as {:?}", error.code()),
            );
            check(error.is_retryable(), "an unknown code on a 503 is retryable".to_owned());
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
        println!("rust consumer: {} codes checked, 0 failed", REFERENCE.len());
    } else {
        for failure in &failures {
            eprintln!("FAILED: {failure}");
        }
        eprintln!("rust consumer: {} failed", failures.len());
        std::process::exit(1);
    }
}
