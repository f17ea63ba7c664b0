//! The conformance target (`conformance/`): `vectors.json`, the responses every client package
//! must decide alike, each with the decision [`crate::decision::decide`] expects, and the retry
//! scenarios of the loopback test server.
//!
//! Vectors come from the catalog (every code's envelope, full and minimal) and from hand-written
//! edge cases (malformed bodies, other shapes, every `Retry-After` form, statuses out of range,
//! a body over the read limit). The test server (`tests/conformance/server`) answers each one;
//! clients in every language call it and report their decisions (see
//! `tests/conformance/README.md`).

use serde_json::{Map, Value, json};

use super::shared::examples::{Examples, unknown_code};
use super::shared::header;
use super::{EmitError, GeneratedFile};
use crate::decision::{self, BODY_LIMIT, DateForm, Decision, RETRY_AFTER_LIMIT_SECONDS};
use crate::model::{Catalog, Code};

/// The time against which expectations with a `Retry-After` date are computed:
/// 2024-01-01T00:00:00Z. Dates in the vectors are either long past or computed by the server
/// at send time (`retry_after_date`), so the expectation does not depend on it.
const NOW_SECONDS: i64 = 1_704_067_200;

/// How far ahead the server puts a computed `Retry-After` date.
const DATE_OFFSET_SECONDS: i64 = 10;

/// How far a decision on a computed date may be from the expectation: the date has whole
/// seconds and the response takes time to arrive.
const DATE_TOLERANCE_MS: u64 = 3000;

/// How a vector's response is made by the test server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ProducedBy {
    /// Through the generated crate: the body is an envelope the server reads into an
    /// `ApiError` and answers with its `IntoResponse`, `Retry-After` through its builder.
    ApiError,
    /// Bytes as they are: bodies the crate would never produce.
    Raw,
}

/// A huge body: `prefix`, then `text` `times` times, then `suffix`.
#[derive(Clone, Debug)]
struct Repeat {
    prefix: String,
    text: String,
    times: usize,
    suffix: String,
}

impl Repeat {
    fn body(&self) -> String {
        let mut body = self.prefix.clone();
        body.push_str(&self.text.repeat(self.times));
        body.push_str(&self.suffix);
        body
    }
}

/// One vector before its expectation is computed.
#[derive(Clone, Debug)]
struct Vector {
    name: String,
    description: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: Option<String>,
    repeat: Option<Repeat>,
    /// A `Retry-After` date the server computes at send time: `(form, seconds from now)`.
    date: Option<(DateForm, i64)>,
    produced_by: ProducedBy,
}

impl Vector {
    fn new(name: impl Into<String>, description: impl Into<String>, status: u16) -> Vector {
        Vector {
            name: name.into(),
            description: description.into(),
            status,
            headers: Vec::new(),
            body: None,
            repeat: None,
            date: None,
            produced_by: ProducedBy::Raw,
        }
    }

    fn header(mut self, name: &str, value: impl Into<String>) -> Vector {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    fn body(mut self, body: impl Into<String>) -> Vector {
        self.body = Some(body.into());
        self
    }

    fn json(self, body: &Value) -> Vector {
        self.header("content-type", "application/json")
            .body(body.to_string())
    }

    /// An envelope the server sends through the crate's `ApiError`.
    fn envelope(mut self, body: &Value) -> Vector {
        self.body = Some(body.to_string());
        self.produced_by = ProducedBy::ApiError;
        self
    }
}

/// Generates `conformance/vectors.json`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let vectors = vectors(catalog);
    let mut names: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(EmitError {
            target: "conformance",
            message: format!("two vectors are named `{}`", pair[0]),
        });
    }
    let index: CodeIndex = catalog.codes.iter().map(|c| (c.wire.as_str(), c)).collect();
    let document = json!({
        "x-generated": header::text(catalog),
        "catalog": { "name": catalog.name, "version": catalog.version },
        "limits": {
            "body_bytes": BODY_LIMIT,
            "retry_after_seconds": RETRY_AFTER_LIMIT_SECONDS,
        },
        "scenarios": scenarios(catalog),
        "vectors": vectors.iter().map(|v| vector_json(catalog, &index, v)).collect::<Vec<_>>(),
    });
    Ok(vec![GeneratedFile {
        path: "conformance/vectors.json".to_owned(),
        contents: format!("{document:#}\n"),
    }])
}

fn vector_json(catalog: &Catalog, index: &CodeIndex, vector: &Vector) -> Value {
    let mut response = Map::new();
    response.insert("status".into(), json!(vector.status));
    response.insert(
        "headers".into(),
        json!(
            vector
                .headers
                .iter()
                .map(|(n, v)| [n, v])
                .collect::<Vec<_>>()
        ),
    );
    response.insert("body".into(), json!(vector.body));
    if let Some(repeat) = &vector.repeat {
        response.insert(
            "body_repeat".into(),
            json!({
                "prefix": repeat.prefix,
                "text": repeat.text,
                "times": repeat.times,
                "suffix": repeat.suffix,
            }),
        );
    }
    if let Some((form, offset)) = vector.date {
        response.insert(
            "retry_after_date".into(),
            json!({ "form": form.name(), "offset_seconds": offset }),
        );
    }
    response.insert(
        "produced_by".into(),
        json!(match vector.produced_by {
            ProducedBy::ApiError => "api_error",
            ProducedBy::Raw => "raw",
        }),
    );
    let (decision, tolerance) = expected(catalog, index, vector);
    let mut expected = decision_json(&decision);
    if let Value::Object(members) = &mut expected {
        members.insert("retry_after_tolerance_ms".into(), json!(tolerance));
    }
    json!({
        "name": vector.name,
        "description": vector.description,
        "response": Value::Object(response),
        "expected": expected,
    })
}

/// A decision as the clients report it (without the tolerance).
pub fn decision_json(decision: &Decision) -> Value {
    json!({
        "family_class": decision.family_class,
        "own_class": decision.own_class,
        "code": decision.code,
        "raw_code": decision.raw_code,
        "message": decision.message,
        "request_id": decision.request_id,
        "timestamp": decision.timestamp,
        "details": decision.details.as_ref().map(|d| json!({"field": d.field, "issue": d.issue})),
        "retryable": decision.retryable,
        "retry_after_ms": decision.retry_after_ms,
    })
}

/// The codes of the catalog by wire string: one vector per code is decided, so each lookup
/// must not walk the catalog.
type CodeIndex<'c> = std::collections::HashMap<&'c str, &'c crate::model::Code>;

fn expected(catalog: &Catalog, index: &CodeIndex, vector: &Vector) -> (Decision, u64) {
    let mut headers: Vec<(&str, String)> = vector
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.clone()))
        .collect();
    if let Some((form, offset)) = vector.date {
        let date = decision::format_http_date(NOW_SECONDS + offset, form);
        headers.push(("retry-after", date));
    }
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let body = match &vector.repeat {
        Some(repeat) => repeat.body(),
        None => vector.body.clone().unwrap_or_default(),
    };
    let lookup = |wire: &str| index.get(wire).copied();
    let decision = decision::decide_with(
        catalog,
        &lookup,
        vector.status,
        &headers,
        body.as_bytes(),
        NOW_SECONDS * 1000,
    );
    let tolerance = if vector.date.is_some() {
        DATE_TOLERANCE_MS
    } else {
        0
    };
    (decision, tolerance)
}

/// The retry scenarios of the server, with what a client's retry helper (at most 3 attempts)
/// must do. Each uses a code of the catalog; a scenario whose code the catalog lacks is left out.
fn scenarios(catalog: &Catalog) -> Value {
    let examples = Examples::of(catalog);
    let fatal = catalog.codes.iter().find(|c| !c.retryable);
    let mut list = Vec::new();
    if let Some(code) = examples.retryable {
        list.push(json!({
            "name": "recover",
            "description": "429-like retryable error with `Retry-After: 1` on calls 1 and 2, then 200 `{\"ok\":true}`",
            "code": code.wire, "status": code.status, "retry_after_seconds": 1,
            "failures": 2, "max_attempts": 3,
            "expected": { "calls": 3, "outcome": "ok", "min_elapsed_ms": 2000 },
        }));
        list.push(json!({
            "name": "never",
            "description": "the same error with `Retry-After: 1` on every call",
            "code": code.wire, "status": code.status, "retry_after_seconds": 1,
            "failures": null, "max_attempts": 3,
            "expected": { "calls": 3, "outcome": "error", "min_elapsed_ms": 2000 },
        }));
    }
    if let Some(code) = fatal {
        list.push(json!({
            "name": "fatal",
            "description": "a code that is not retryable, on every call",
            "code": code.wire, "status": code.status, "retry_after_seconds": null,
            "failures": null, "max_attempts": 3,
            "expected": { "calls": 1, "outcome": "error", "min_elapsed_ms": 0 },
        }));
    }
    Value::Array(list)
}

/// The envelope of `code` as a server sends it: `full` with details and meta, else only the
/// code and message.
fn code_envelope(catalog: &Catalog, code: &Code, full: bool) -> Value {
    let mut error = Map::new();
    error.insert("code".into(), json!(code.wire));
    error.insert("message".into(), json!(code.message));
    let mut body = Map::new();
    body.insert("success".into(), json!(false));
    if full {
        let mut details = Map::new();
        if let Some(field) = &code.field {
            details.insert("field".into(), json!(field));
        }
        details.insert(
            "issue".into(),
            json!(format!("Example issue of {}", code.wire)),
        );
        error.insert("details".into(), Value::Object(details));
        body.insert("error".into(), Value::Object(error));
        body.insert(
            "meta".into(),
            json!({
                "request_id": catalog.envelope.request_id_example,
                "timestamp": catalog.envelope.timestamp_example,
            }),
        );
    } else {
        body.insert("error".into(), Value::Object(error));
    }
    Value::Object(body)
}

fn vectors(catalog: &Catalog) -> Vec<Vector> {
    let mut out = Vec::new();
    for code in &catalog.codes {
        let mut full = Vector::new(
            format!("code/{}/full", code.wire),
            format!(
                "{}: its envelope with details and meta{}",
                code.wire,
                if code.retryable {
                    ", and `Retry-After: 1`"
                } else {
                    ""
                }
            ),
            code.status,
        )
        .envelope(&code_envelope(catalog, code, true));
        if code.retryable {
            full = full.header("retry-after", "1");
        }
        out.push(full);
        out.push(
            Vector::new(
                format!("code/{}/minimal", code.wire),
                format!("{}: its envelope with only the code and message", code.wire),
                code.status,
            )
            .envelope(&code_envelope(catalog, code, false)),
        );
    }
    for retired in &catalog.retired {
        // An older server may still send a retired code: clients take the unknown-code path
        // (no `code`, the raw code kept), with the status's class and retryability.
        out.push(
            Vector::new(
                format!("retired/{}", retired.wire),
                format!(
                    "{}: a retired code, sent with its last status by an older server",
                    retired.wire
                ),
                retired.status,
            )
            .json(&json!({
                "success": false,
                "error": { "code": retired.wire, "message": retired.note },
            })),
        );
    }
    out.extend(edge_vectors(catalog));
    out.extend(retry_after_vectors(catalog));
    out
}

fn edge_vectors(catalog: &Catalog) -> Vec<Vector> {
    let examples = Examples::of(catalog);
    let first = &catalog.codes[0];
    let retryable = examples.retryable.unwrap_or(first);
    let unknown = unknown_code(catalog, "SOME_NEWER_CODE");
    let minimal = |code: &Code| code_envelope(catalog, code, false);
    let mut out = vec![
        Vector::new(
            "edge/html-502",
            "a proxy's HTML page: no JSON at all",
            502,
        )
        .header("content-type", "text/html")
        .body("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"),
        Vector::new("edge/empty-500", "an empty body", 500),
        Vector::new(
            "edge/empty-503-retry-after",
            "an empty body with `Retry-After: 2`",
            503,
        )
        .header("retry-after", "2"),
    ];
    let envelope_text = code_envelope(catalog, first, true).to_string();
    out.push(
        Vector::new(
            "edge/truncated-json",
            "an envelope cut in the middle",
            first.status,
        )
        .header("content-type", "application/json")
        .body(&envelope_text[..envelope_text.len() / 2]),
    );
    out.push(
        Vector::new("edge/json-array", "a JSON array holding an envelope", 400)
            .json(&Value::Array(vec![minimal(first)])),
    );
    out.push(Vector::new("edge/json-string", "a JSON string", 400).json(&json!("Bad request")));
    out.push(
        Vector::new(
            "edge/wrong-types",
            "an envelope whose members all have the wrong types",
            400,
        )
        .json(&json!({
            "success": "no",
            "error": { "code": 123, "message": 42, "details": { "field": 7, "issue": "the issue" } },
            "meta": { "request_id": 5, "timestamp": false },
        })),
    );
    out.push(
        Vector::new(
            "edge/details-not-an-object",
            "`error.details` is a string",
            first.status,
        )
        .json(&json!({
            "error": { "code": first.wire, "message": "m", "details": "text" },
        })),
    );
    out.push(
        Vector::new("edge/error-not-an-object", "`error` is an array", 400)
            .json(&json!({ "error": ["x"] })),
    );
    out.push(
        Vector::new(
            "edge/unknown-code",
            "a code newer than the catalog, on a 400",
            400,
        )
        .envelope(&json!({
            "success": false,
            "error": { "code": unknown, "message": "A newer error" },
        })),
    );
    out.push(
        Vector::new(
            "edge/unknown-code-503",
            "a code newer than the catalog, on a 503: retryable by its status",
            503,
        )
        .envelope(&json!({
            "success": false,
            "error": { "code": unknown, "message": "A newer error" },
        })),
    );
    out.push(
        Vector::new(
            "edge/unknown-code-without-message",
            "a code newer than the catalog and no message: the status's title",
            404,
        )
        .json(&json!({ "error": { "code": unknown } })),
    );
    let other_status = |code: &Code| if code.status == 503 { 500 } else { 503 };
    out.push(
        Vector::new(
            format!("edge/status-differs/{}", retryable.wire),
            format!(
                "{} sent with status {}: the family of the status, not the code's own class",
                retryable.wire,
                other_status(retryable)
            ),
            other_status(retryable),
        )
        .envelope(&minimal(retryable)),
    );
    let fatal = catalog.codes.iter().find(|c| !c.retryable);
    if let Some(code) = fatal.filter(|c| c.wire != retryable.wire) {
        out.push(
            Vector::new(
                format!("edge/status-differs/{}", code.wire),
                format!(
                    "{} sent with status {}: the code's retryability still holds",
                    code.wire,
                    other_status(code)
                ),
                other_status(code),
            )
            .envelope(&minimal(code)),
        );
    }
    out.push(
        Vector::new(
            "edge/header-request-id",
            "no meta: the request id from the `X-Request-Id` header",
            retryable.status,
        )
        .envelope(&minimal(retryable))
        .header("x-request-id", "req_hdr"),
    );
    out.push(
        Vector::new(
            "edge/body-request-id-wins",
            "`meta.request_id` and an `X-Request-Id` header: the body's wins",
            first.status,
        )
        .envelope(&code_envelope(catalog, first, true))
        .header("x-request-id", "req_hdr"),
    );
    out.push(
        Vector::new(
            "edge/empty-request-id",
            "an empty `meta.request_id`: the header's",
            first.status,
        )
        .json(&json!({
            "error": { "code": first.wire, "message": "m" },
            "meta": { "request_id": "", "timestamp": catalog.envelope.timestamp_example },
        }))
        .header("x-request-id", "req_hdr"),
    );
    out.push(
        Vector::new(
            "edge/error-string-401",
            "`{\"error\": \"Invalid token\"}`: the string is the message",
            401,
        )
        .json(&json!({ "error": "Invalid token" })),
    );
    out.push(
        Vector::new(
            "edge/message-only-503",
            "`{\"message\": …}`: the message",
            503,
        )
        .json(&json!({ "message": "The upstream model is overloaded" })),
    );
    out.push(
        Vector::new(
            "edge/envelope-without-message",
            "an envelope without `message`: the catalog's message of the code",
            first.status,
        )
        .json(&json!({ "success": false, "error": { "code": first.wire } })),
    );
    out.push(
        Vector::new(
            "edge/envelope-empty-message",
            "an envelope with an empty `message`: the catalog's message of the code",
            first.status,
        )
        .json(&json!({ "success": false, "error": { "code": first.wire, "message": "" } })),
    );
    out.push(Vector::new(
        "edge/status-600",
        "status 600, empty: the base class, never retryable",
        600,
    ));
    out.push(
        Vector::new(
            "edge/status-600-retryable-code",
            format!("status 600 carrying {}: never retryable", retryable.wire),
            600,
        )
        .json(&minimal(retryable)),
    );
    out.push(Vector::new(
        "edge/status-418",
        "status 418, no family: the base class",
        418,
    ));
    out.push(Vector::new(
        "edge/status-599",
        "status 599, a 5xx: the server family",
        599,
    ));
    let cut = format!(
        "{{\"success\":false,\"error\":{{\"code\":\"{}\",\"message\":\"",
        first.wire
    );
    out.push(
        Vector {
            repeat: Some(Repeat {
                prefix: cut,
                text: "a".to_owned(),
                times: 10 * 1024 * 1024,
                suffix: "\"}}".to_owned(),
            }),
            ..Vector::new(
                "edge/body-10-mb",
                "a 10 MB envelope: only its first MiB is read, which is not JSON",
                500,
            )
        }
        .header("content-type", "application/json"),
    );
    let head = format!(
        "{{\"success\":false,\"error\":{{\"code\":\"{}\",\"message\":\"m\"}}",
        first.wire
    );
    for (name, description, extra) in [
        (
            "edge/body-at-limit",
            "an envelope padded to exactly 1 MiB: read whole",
            0,
        ),
        (
            "edge/body-over-limit",
            "an envelope padded to 1 MiB and one byte: its last `}` is not read",
            1,
        ),
    ] {
        out.push(
            Vector {
                repeat: Some(Repeat {
                    prefix: head.clone(),
                    text: " ".to_owned(),
                    times: BODY_LIMIT - head.len() - 1 + extra,
                    suffix: "}".to_owned(),
                }),
                ..Vector::new(name, description, first.status)
            }
            .header("content-type", "application/json"),
        );
    }
    out
}

fn retry_after_vectors(catalog: &Catalog) -> Vec<Vector> {
    let examples = Examples::of(catalog);
    let code = examples.retryable.unwrap_or(&catalog.codes[0]);
    let envelope = code_envelope(catalog, code, false);
    let with = |name: &str, description: &str, value: &str| {
        Vector::new(format!("retry-after/{name}"), description, code.status)
            .json(&envelope)
            .header("retry-after", value)
    };
    let mut out = vec![
        with("seconds", "delta-seconds", "7"),
        with("zero", "zero seconds", "0"),
        with("one-day", "86400 seconds, the longest honoured", "86400"),
        with("absurd", "more than a day: ignored", "86401"),
        with(
            "overflow",
            "more seconds than any integer type holds: ignored",
            "99999999999999999999999",
        ),
        with("negative", "negative: ignored", "-5"),
        with("fractional", "fractional: ignored", "1.5"),
        with("garbage", "not a number nor a date: ignored", "soon"),
        with(
            "past-imf-date",
            "an IMF-fixdate in the past: 0",
            "Sun, 06 Nov 1994 08:49:37 GMT",
        ),
        with(
            "past-rfc850-date",
            "an RFC 850 date in the past: 0",
            "Sunday, 06-Nov-94 08:49:37 GMT",
        ),
        with(
            "past-asctime-date",
            "an asctime date in the past: 0",
            "Sun Nov  6 08:49:37 1994",
        ),
        with(
            "far-future-date",
            "a date more than a day ahead: ignored",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ),
        with(
            "rfc850-year-ahead",
            "an RFC 850 date whose two-digit year is less than 50 years ahead (RFC 9110): read as \
             2070, more than a day ahead, ignored (true from 2020 to 2069)",
            "Wednesday, 01-Jan-70 00:00:00 GMT",
        ),
        with(
            "wrong-weekday",
            "an IMF-fixdate in the past whose weekday is not the date's: the weekday is not \
             checked, 0",
            "Mon, 06 Nov 1994 08:49:37 GMT",
        ),
        with(
            "not-a-weekday",
            "an IMF-fixdate whose weekday is no day name: ignored",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
        ),
        with(
            "date-without-gmt",
            "an IMF-fixdate without `GMT`: ignored",
            "Sun, 06 Nov 1994 08:49:37",
        ),
    ];
    for form in DateForm::ALL {
        out.push(Vector {
            date: Some((form, DATE_OFFSET_SECONDS)),
            ..Vector::new(
                format!("retry-after/{}-date", form.name()),
                format!(
                    "an {} date {DATE_OFFSET_SECONDS} seconds ahead, computed by the server when it answers",
                    form.name()
                ),
                code.status,
            )
            .json(&envelope)
        });
    }
    if let Some(fatal) = catalog.codes.iter().find(|c| !c.retryable) {
        out.push(
            Vector::new(
                "retry-after/not-retryable",
                format!(
                    "{} with `Retry-After: 3`: parsed, still not retryable",
                    fatal.wire
                ),
                fatal.status,
            )
            .json(&code_envelope(catalog, fatal, false))
            .header("retry-after", "3"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    fn document() -> Value {
        let files = generate(&sample::catalog()).expect("generates");
        serde_json::from_str(&files[0].contents).expect("JSON")
    }

    #[test]
    fn a_retired_code_takes_the_unknown_code_path_with_its_raw_code() {
        let mut catalog = sample::catalog();
        catalog.retired.push(crate::model::Retired {
            wire: "OLD_CODE".to_owned(),
            since: "1.0.0".to_owned(),
            status: 429,
            replaced_by: None,
            note: "Gone".to_owned(),
        });
        let files = generate(&catalog).expect("vectors");
        let document: Value = serde_json::from_str(&files[0].contents).expect("JSON");
        let vector = document["vectors"]
            .as_array()
            .expect("vectors")
            .iter()
            .find(|v| v["name"] == "retired/OLD_CODE")
            .expect("a vector for the retired code");
        let expected = &vector["expected"];
        assert_eq!(expected["code"], Value::Null);
        assert_eq!(expected["raw_code"], "OLD_CODE");
        assert_eq!(expected["message"], "Gone");
        assert_eq!(expected["own_class"], false);
    }

    #[test]
    fn every_code_has_a_full_and_a_minimal_vector_decided_as_its_own_class() {
        let catalog = sample::catalog();
        let document = document();
        let vectors = document["vectors"].as_array().expect("vectors");
        for code in &catalog.codes {
            for variant in ["full", "minimal"] {
                let name = format!("code/{}/{variant}", code.wire);
                let vector = vectors
                    .iter()
                    .find(|v| v["name"] == name.as_str())
                    .unwrap_or_else(|| panic!("{name}"));
                let expected = &vector["expected"];
                assert_eq!(expected["code"], code.wire.as_str(), "{name}");
                assert_eq!(expected["own_class"], true, "{name}");
                assert_eq!(expected["retryable"], code.retryable, "{name}");
                assert_eq!(expected["message"], code.message.as_str(), "{name}");
                assert_eq!(vector["response"]["produced_by"], "api_error", "{name}");
            }
        }
    }

    #[test]
    fn dates_computed_by_the_server_expect_their_offset_with_a_tolerance() {
        let document = document();
        let vectors = document["vectors"].as_array().expect("vectors");
        let dated: Vec<&Value> = vectors
            .iter()
            .filter(|v| v["response"]["retry_after_date"].is_object())
            .collect();
        assert_eq!(dated.len(), 3);
        for vector in dated {
            assert_eq!(vector["expected"]["retry_after_ms"], 10_000);
            assert_eq!(vector["expected"]["retry_after_tolerance_ms"], 3000);
        }
    }

    #[test]
    fn the_huge_body_is_not_parsed_and_the_body_at_the_limit_is() {
        let document = document();
        let find = |name: &str| {
            document["vectors"]
                .as_array()
                .and_then(|v| v.iter().find(|v| v["name"] == name))
                .cloned()
                .unwrap_or_else(|| panic!("{name}"))
        };
        assert_eq!(find("edge/body-10-mb")["expected"]["raw_code"], Value::Null);
        assert!(find("edge/body-at-limit")["expected"]["raw_code"].is_string());
        assert_eq!(
            find("edge/body-over-limit")["expected"]["raw_code"],
            Value::Null
        );
    }
}
