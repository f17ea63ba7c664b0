//! Validates the envelopes the generated Rust crate produces, for every code, against the docs
//! target's JSON Schema and OpenAPI document, and checks that malformed envelopes are rejected.
//!
//! Usage: `schema-consumer DOCS_DIR` (the generated `docs/` folder). Exits non-zero on the first
//! failure, naming it.

use std::process::ExitCode;

use ai_api_errors::{ApiError, Details, ErrorCode, ErrorEnvelope};
use serde_json::{json, Value};

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

fn main() -> ExitCode {
    match run() {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}

fn read_json(path: &std::path::Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

fn compile(schema: &Value, what: &str) -> Result<jsonschema::Validator, String> {
    jsonschema::draft202012::new(schema).map_err(|e| format!("{what} does not compile: {e}"))
}

/// A validator for the schema at `pointer` inside the OpenAPI document: the document becomes the
/// schema root so that its `$ref`s resolve as they do in the document.
fn openapi_validator(document: &Value, pointer: &str) -> Result<jsonschema::Validator, String> {
    if document.pointer(pointer).is_none() {
        return Err(format!("openapi.json has no {pointer}"));
    }
    let mut root = document.clone();
    let object = root
        .as_object_mut()
        .ok_or("openapi.json is not an object")?;
    object.insert("$schema".to_owned(), json!(DIALECT));
    object.insert("$ref".to_owned(), json!(format!("#{pointer}")));
    compile(&root, &format!("openapi.json#{pointer}"))
}

/// What the crate's `stamp_request_ids` middleware does to an error a handler returns: it adds
/// the request id and the timestamp the error lacks.
fn stamped(error: ApiError) -> ApiError {
    let error = if error.request_id().is_none() {
        error.with_request_id("req_0123456789abcdef01234567")
    } else {
        error
    };
    if error.timestamp().is_none() {
        error.with_timestamp("2030-12-31T23:59:59.999Z")
    } else {
        error
    }
}

/// Every shape of error the crate can build for `code`, as the JSON a server sends (stamped by
/// its middleware).
fn envelopes(code: ErrorCode) -> Result<Vec<(String, Value)>, String> {
    let errors = [
        ("new", ApiError::new(code)),
        (
            "with request id and timestamp",
            ApiError::new(code)
                .with_request_id("req_1234567890")
                .with_timestamp("2024-01-01T00:00:00Z"),
        ),
        (
            "with request id only",
            ApiError::new(code).with_request_id("req_1"),
        ),
        (
            "with field and issue",
            ApiError::new(code)
                .with_field("temperature")
                .with_issue("must be between 0 and 2, got \"3.5\" | ✓"),
        ),
        (
            "with empty details and a message",
            ApiError::new(code)
                .with_details(Details::default())
                .with_message("custom message"),
        ),
    ];
    errors
        .into_iter()
        .map(|(shape, error)| {
            let value = serde_json::to_value(stamped(error).to_envelope())
                .map_err(|e| format!("{code:?} {shape}: cannot serialize: {e}"))?;
            Ok((format!("{} {shape}", code.as_str()), value))
        })
        .collect()
}

fn run() -> Result<String, String> {
    let docs = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .ok_or("usage: schema-consumer DOCS_DIR")?;
    let schema = read_json(&docs.join("error-envelope.schema.json"))?;
    let openapi = read_json(&docs.join("openapi.json"))?;
    jsonschema::draft202012::meta::validate(&schema)
        .map_err(|e| format!("error-envelope.schema.json is not a 2020-12 schema: {e}"))?;
    if !openapi["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1."))
    {
        return Err("openapi.json is not OpenAPI 3.1".to_owned());
    }
    let schema = compile(&schema, "error-envelope.schema.json")?;
    let envelope_in_openapi = openapi_validator(&openapi, "/components/schemas/ErrorEnvelope")?;

    let mut valid = 0;
    for &code in ErrorCode::ALL {
        let response = openapi_validator(
            &openapi,
            &format!(
                "/components/responses/Error{}/content/application~1json/schema",
                code.status()
            ),
        )?;
        for (what, envelope) in envelopes(code)? {
            for (validator, name) in [
                (&schema, "error-envelope.schema.json"),
                (&envelope_in_openapi, "openapi.json ErrorEnvelope"),
                (&response, "openapi.json response of its status"),
            ] {
                if let Err(e) = validator.validate(&envelope) {
                    return Err(format!("{name} rejects {what}: {envelope}: {e}"));
                }
            }
            // The crate reads back what the schema accepts.
            let back: ErrorEnvelope = serde_json::from_value(envelope.clone())
                .map_err(|e| format!("the crate cannot read {what}: {e}"))?;
            if serde_json::to_value(&back).ok().as_ref() != Some(&envelope) {
                return Err(format!("{what} does not round-trip through the crate"));
            }
            valid += 1;
        }
    }

    // Malformed variants of a real envelope, and a code this catalog version does not know.
    let first = ErrorCode::ALL[0];
    let good = serde_json::to_value(stamped(ApiError::new(first)).to_envelope())
        .map_err(|e| e.to_string())?;
    let unstamped =
        serde_json::to_value(ApiError::new(first).to_envelope()).map_err(|e| e.to_string())?;
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        v
    };
    let mut unknown = format!("{}_NEWER", first.as_str());
    while ErrorCode::lookup(&unknown).is_some() {
        unknown.push('X');
    }
    let from_newer_server: ErrorEnvelope = serde_json::from_value(edit(&|v| {
        v["error"]["code"] = json!(unknown);
    }))
    .map_err(|e| format!("the crate rejects an unknown code: {e}"))?;
    let relayed = ApiError::from_envelope(first.status(), from_newer_server).to_envelope();
    let malformed = [
        ("success is true", edit(&|v| v["success"] = json!(true))),
        ("meta is missing (not stamped by the middleware)", unstamped),
        ("unknown top-level key", edit(&|v| v["data"] = json!({}))),
        (
            "code is missing",
            edit(&|v| {
                if let Some(error) = v["error"].as_object_mut() {
                    error.remove("code");
                }
            }),
        ),
        (
            "an unknown code relayed by the crate",
            serde_json::to_value(relayed).map_err(|e| e.to_string())?,
        ),
    ];
    for (why, envelope) in &malformed {
        if schema.is_valid(envelope) || envelope_in_openapi.is_valid(envelope) {
            return Err(format!(
                "a schema accepts an envelope where {why}: {envelope}"
            ));
        }
    }
    Ok(format!(
        "{valid} envelopes of {} codes valid against error-envelope.schema.json and openapi.json; \
         {} malformed ones rejected",
        ErrorCode::ALL.len(),
        malformed.len()
    ))
}
