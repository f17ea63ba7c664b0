//! The conformance target (`conformance/`): `vectors.json`, the responses every client package
//! must decide alike, each with the decision [`crate::decision::decide`] expects, and the retry
//! scenarios of the loopback test server.
//!
//! Vectors come from the catalog (every code's envelope, full and minimal) and from hand-written
//! edge cases (malformed bodies, other shapes, every `Retry-After` form, statuses out of range,
//! a body over the read limit). The test server (`tests/conformance/server`) answers each one;
//! clients in every language call it and report their decisions (see
//! `tests/conformance/README.md`).
//!
//! The two vectors of every code follow two templates, so the file holds them as one row per
//! code (`code_vectors`) and [`expand`] writes them out in full before the tests read the file:
//! at 10,000 codes the file stays near 1 MiB instead of 18. The emitter decides every vector the
//! templates stand for with [`crate::decision`] and fails if a template does not say what the
//! decision is, so the rows lose nothing.

use serde_json::{Value, json};

use super::shared::examples::{Examples, unknown_code};
use super::shared::header;
use super::shared::json::json_string;
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

/// The columns of a row of `code_vectors.codes`, in order.
const COLUMNS: [&str; 6] = [
    "code",
    "status",
    "message",
    "field",
    "family_class",
    "retryable",
];

/// How the rows of `code_vectors` stand for vectors: written into the file for anyone who
/// reads it without [`expand`], one line each.
const TEMPLATES: &[&str] = &[
    "Every row of `codes` (members in the order of `columns`) stands for two vectors, `code/<code>/full` then `code/<code>/minimal`, which come before those of `vectors`, in row order. `cargo xtask test` writes them out (`codegen::emit::conformance::expand`) into target/conformance/vectors.json.",
    "Both vectors: `response.status` is `status`, `response.produced_by` is \"api_error\"; `expected` has `family_class`, `own_class` true, `code` and `raw_code` the row's `code`, `message` the row's `message`, `retryable` the row's `retryable`, `retry_after_tolerance_ms` 0.",
    "full: description \"<code>: its envelope with details and meta\", followed by \", and `Retry-After: 1`\" when retryable; `response.headers` [[\"retry-after\", \"1\"]] when retryable, else []; `response.body` (JSON text without white space) {\"success\":false,\"error\":{\"code\":<code>,\"message\":<message>,\"details\":{\"field\":<field>,\"issue\":\"Example issue of <code>\"}},\"meta\":{\"request_id\":<request_id>,\"timestamp\":<timestamp>}}, its `field` member left out when `field` is null; `expected.request_id` is `request_id`, `expected.timestamp` is `timestamp` (both of `code_vectors`), `expected.details` is {\"field\": <field>, \"issue\": \"Example issue of <code>\"}, `expected.retry_after_ms` 1000 when retryable, else null.",
    "minimal: description \"<code>: its envelope with only the code and message\"; `response.headers` []; `response.body` {\"success\":false,\"error\":{\"code\":<code>,\"message\":<message>}}; `expected.request_id`, `expected.timestamp`, `expected.details` and `expected.retry_after_ms` null.",
];

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
    /// The first `limit` bytes of the body (all of it when shorter): what a client reads.
    fn body_up_to(&self, limit: usize) -> Vec<u8> {
        let length = self.prefix.len() + self.text.len() * self.times + self.suffix.len();
        let mut body = Vec::with_capacity(length.min(limit));
        body.extend_from_slice(self.prefix.as_bytes());
        let room = limit.saturating_sub(body.len());
        let times = self.times.min(room.div_ceil(self.text.len().max(1)));
        body.extend_from_slice(self.text.repeat(times).as_bytes());
        body.extend_from_slice(self.suffix.as_bytes());
        body.truncate(limit);
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
        self.json_text(body.to_string())
    }

    fn json_text(self, body: String) -> Vector {
        self.header("content-type", "application/json").body(body)
    }

    /// An envelope the server sends through the crate's `ApiError`.
    fn envelope(mut self, body: &Value) -> Vector {
        self.body = Some(body.to_string());
        self.produced_by = ProducedBy::ApiError;
        self
    }

    /// [`Vector::envelope`] from its JSON text.
    fn envelope_text(mut self, body: String) -> Vector {
        self.body = Some(body);
        self.produced_by = ProducedBy::ApiError;
        self
    }
}

/// The two vectors of every code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    /// The envelope with details and meta, and `Retry-After: 1` when retryable.
    Full,
    /// Only the code and message.
    Minimal,
}

impl Variant {
    const ALL: [Variant; 2] = [Variant::Full, Variant::Minimal];

    fn name(self) -> &'static str {
        match self {
            Variant::Full => "full",
            Variant::Minimal => "minimal",
        }
    }
}

/// One row of `code_vectors.codes`: what the two vectors of a code are made of and the members
/// of their decisions that vary from code to code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Row<'a> {
    code: &'a str,
    status: u16,
    message: &'a str,
    field: Option<&'a str>,
    family_class: &'a str,
    retryable: bool,
}

/// `meta` of every full envelope: the catalog's examples.
#[derive(Clone, Copy, Debug)]
struct Meta<'a> {
    request_id: &'a str,
    timestamp: &'a str,
}

impl<'a> Meta<'a> {
    fn of(catalog: &'a Catalog) -> Meta<'a> {
        Meta {
            request_id: &catalog.envelope.request_id_example,
            timestamp: &catalog.envelope.timestamp_example,
        }
    }
}

/// The envelope a server sends for a code, as JSON text: `full` with details and meta, else
/// only the code and message (the bodies `TEMPLATES` describes).
fn envelope_text(
    code: &str,
    message: &str,
    field: Option<&str>,
    meta: Meta<'_>,
    variant: Variant,
) -> String {
    let mut body = format!(
        "{{\"success\":false,\"error\":{{\"code\":{},\"message\":{}",
        json_string(code),
        json_string(message)
    );
    if variant == Variant::Full {
        body.push_str(",\"details\":{");
        if let Some(field) = field {
            body.push_str("\"field\":");
            body.push_str(&json_string(field));
            body.push(',');
        }
        body.push_str("\"issue\":");
        body.push_str(&json_string(&issue_of(code)));
        body.push_str("}},\"meta\":{\"request_id\":");
        body.push_str(&json_string(meta.request_id));
        body.push_str(",\"timestamp\":");
        body.push_str(&json_string(meta.timestamp));
        body.push_str("}}");
    } else {
        body.push_str("}}");
    }
    body
}

/// The envelope of a code of the catalog (see [`envelope_text`]).
fn code_envelope(catalog: &Catalog, code: &Code, variant: Variant) -> String {
    envelope_text(
        &code.wire,
        &code.message,
        code.field.as_deref(),
        Meta::of(catalog),
        variant,
    )
}

/// `error.details.issue` of a full envelope.
fn issue_of(code: &str) -> String {
    format!("Example issue of {code}")
}

/// What [`decision::read_body`] reads from the envelope of a row ([`envelope_text`]), without
/// writing and parsing it: the emitter decides 2 vectors per code, and the tests check that both
/// ways agree.
fn template_read<'a>(
    row: &Row<'a>,
    meta: Meta<'a>,
    issue: &'a str,
    variant: Variant,
) -> decision::Read<'a> {
    let full = variant == Variant::Full;
    decision::Read {
        raw_code: Some(row.code),
        message: Some(row.message).filter(|m| !m.is_empty()),
        request_id: full.then_some(meta.request_id).filter(|id| !id.is_empty()),
        timestamp: full.then_some(meta.timestamp),
        details: full.then_some((row.field, Some(issue))),
    }
}

/// A vector of a row, without its expectation.
fn code_vector(row: &Row<'_>, meta: Meta<'_>, variant: Variant) -> Vector {
    let description = match variant {
        Variant::Full if row.retryable => {
            format!(
                "{}: its envelope with details and meta, and `Retry-After: 1`",
                row.code
            )
        }
        Variant::Full => format!("{}: its envelope with details and meta", row.code),
        Variant::Minimal => format!("{}: its envelope with only the code and message", row.code),
    };
    let vector = Vector::new(
        format!("code/{}/{}", row.code, variant.name()),
        description,
        row.status,
    )
    .envelope_text(envelope_text(
        row.code,
        row.message,
        row.field,
        meta,
        variant,
    ));
    if variant == Variant::Full && row.retryable {
        vector.header("retry-after", "1")
    } else {
        vector
    }
}

/// The decision a vector expects, as the file writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Expected<'a> {
    family_class: &'a str,
    own_class: bool,
    code: Option<&'a str>,
    raw_code: Option<&'a str>,
    message: &'a str,
    request_id: Option<&'a str>,
    timestamp: Option<&'a str>,
    details: Option<(Option<&'a str>, Option<&'a str>)>,
    retryable: bool,
    retry_after_ms: Option<u64>,
    retry_after_tolerance_ms: u64,
}

impl<'a> Expected<'a> {
    fn of(decision: &'a Decision, retry_after_tolerance_ms: u64) -> Expected<'a> {
        Expected {
            family_class: decision.family_class,
            own_class: decision.own_class,
            code: decision.code.as_deref(),
            raw_code: decision.raw_code.as_deref(),
            message: &decision.message,
            request_id: decision.request_id.as_deref(),
            timestamp: decision.timestamp.as_deref(),
            details: decision
                .details
                .as_ref()
                .map(|d| (d.field.as_deref(), d.issue.as_deref())),
            retryable: decision.retryable,
            retry_after_ms: decision.retry_after_ms,
            retry_after_tolerance_ms,
        }
    }

    /// What a row's vector expects (as `TEMPLATES` says); `issue` is [`issue_of`] its code.
    fn of_row(row: &Row<'a>, meta: Meta<'a>, issue: &'a str, variant: Variant) -> Expected<'a> {
        let full = variant == Variant::Full;
        Expected {
            family_class: row.family_class,
            own_class: true,
            code: Some(row.code),
            raw_code: Some(row.code),
            message: row.message,
            request_id: full.then_some(meta.request_id),
            timestamp: full.then_some(meta.timestamp),
            details: full.then_some((row.field, Some(issue))),
            retryable: row.retryable,
            retry_after_ms: (full && row.retryable).then_some(1000),
            retry_after_tolerance_ms: 0,
        }
    }

    fn json(&self) -> Value {
        json!({
            "family_class": self.family_class,
            "own_class": self.own_class,
            "code": self.code,
            "raw_code": self.raw_code,
            "message": self.message,
            "request_id": self.request_id,
            "timestamp": self.timestamp,
            "details": self.details.as_ref().map(|(field, issue)| json!({"field": field, "issue": issue})),
            "retryable": self.retryable,
            "retry_after_ms": self.retry_after_ms,
            "retry_after_tolerance_ms": self.retry_after_tolerance_ms,
        })
    }
}

/// Generates `conformance/vectors.json`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let error = |message: String| EmitError {
        target: "conformance",
        message,
    };
    let vectors = vectors(catalog);
    let mut names: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(error(format!("two vectors are named `{}`", pair[0])));
    }
    if let Some(name) = names.iter().find(|name| name.starts_with("code/")) {
        return Err(error(format!(
            "the vector `{name}` takes a name of the per-code vectors"
        )));
    }
    let index: CodeIndex = catalog.codes.iter().map(|c| (c.wire.as_str(), c)).collect();
    let lookup = |wire: &str| index.get(wire).copied();
    let meta = Meta::of(catalog);
    // The rows, one per line: `,\n      [...]` each, the first comma dropped below.
    let mut rows = String::with_capacity(catalog.codes.len() * 96);
    for code in &catalog.codes {
        let row = Row {
            code: &code.wire,
            status: code.status,
            message: &code.message,
            field: code.field.as_deref(),
            family_class: crate::rules::family_of(code.status),
            retryable: code.retryable,
        };
        // The templates must say what the decision is, or the row loses something.
        let issue = issue_of(row.code);
        for variant in Variant::ALL {
            let retry_after: &[(&str, &str)] = if variant == Variant::Full && row.retryable {
                &[("retry-after", "1")]
            } else {
                &[]
            };
            let decision = decision::decide_read(
                catalog,
                &lookup,
                row.status,
                retry_after,
                &template_read(&row, meta, &issue, variant),
                NOW_SECONDS * 1000,
            );
            let decided = Expected::of(&decision, 0);
            let templated = Expected::of_row(&row, meta, &issue, variant);
            if decided != templated {
                return Err(error(format!(
                    "the vector `code/{}/{}` is decided as {}, not as its template says: {}",
                    row.code,
                    variant.name(),
                    decided.json(),
                    templated.json()
                )));
            }
        }
        rows.push(',');
        rows.push_str("\n      ");
        row_line(&mut rows, &row);
    }
    let listed = vectors.iter().map(|v| {
        let (decision, tolerance) = expected(catalog, &index, v);
        vector_json(v, &Expected::of(&decision, tolerance)).to_string()
    });
    let code_vectors = format!(
        "{{\n    \"about\": {},\n    \"request_id\": {},\n    \"timestamp\": {},\n    \"columns\": {},\n    \"codes\": {}\n  }}",
        lines(TEMPLATES.iter().map(|line| json_string(line)), 6),
        json_string(meta.request_id),
        json_string(meta.timestamp),
        json!(COLUMNS),
        match rows.get(1..) {
            Some(rows) if !rows.is_empty() => format!("[{rows}\n    ]"),
            _ => "[]".to_owned(),
        },
    );
    let contents = document(&[
        ("x-generated", json_string(&header::text(catalog))),
        (
            "catalog",
            json!({ "name": catalog.name, "version": catalog.version }).to_string(),
        ),
        ("limits", limits().to_string()),
        (
            "scenarios",
            lines(scenarios(catalog).iter().map(Value::to_string), 4),
        ),
        ("code_vectors", code_vectors),
        ("vectors", lines(listed, 4)),
    ]);
    Ok(vec![GeneratedFile {
        path: "conformance/vectors.json".to_owned(),
        contents,
    }])
}

fn limits() -> Value {
    json!({
        "body_bytes": BODY_LIMIT,
        "retry_after_seconds": RETRY_AFTER_LIMIT_SECONDS,
    })
}

/// A row of `code_vectors.codes` on one line, its members in the order of [`COLUMNS`].
fn row_line(out: &mut String, row: &Row<'_>) {
    out.push('[');
    push_json_string(out, row.code);
    out.push(',');
    out.push_str(&row.status.to_string());
    out.push(',');
    push_json_string(out, row.message);
    out.push(',');
    match row.field {
        Some(field) => push_json_string(out, field),
        None => out.push_str("null"),
    }
    out.push(',');
    push_json_string(out, row.family_class);
    out.push_str(if row.retryable { ",true]" } else { ",false]" });
}

/// [`json_string`] appended to `out`, without a copy when nothing needs escaping.
fn push_json_string(out: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&json_string(text));
    }
}

/// A JSON array of the JSON texts `items`, one per line, indented by `indent` spaces (its `]`
/// by two fewer).
fn lines(items: impl Iterator<Item = String>, indent: usize) -> String {
    let mut out = String::from("[");
    let mut first = true;
    for item in items {
        out.push_str(if first { "\n" } else { ",\n" });
        first = false;
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str(&item);
    }
    if !first {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', indent - 2));
    }
    out.push(']');
    out
}

/// The document: one member per line at the top level, each `(name, JSON text)`.
fn document(members: &[(&str, String)]) -> String {
    let mut out = String::from("{\n");
    for (i, (name, value)) in members.iter().enumerate() {
        out.push_str("  ");
        out.push_str(&json_string(name));
        out.push_str(": ");
        out.push_str(value);
        out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

/// `vectors.json` as the tests read it: the rows of `code_vectors` written out as the vectors
/// they stand for (see `TEMPLATES`), before the vectors of `vectors`; the other members as they
/// are. The text is a `vectors.json` written by [`generate`]; anything else is an error that
/// says what is wrong where.
pub fn expand(text: &str) -> Result<String, String> {
    let parsed: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let root = parsed
        .as_object()
        .ok_or("the document is not a JSON object")?;
    let member = |name: &str| root.get(name).ok_or(format!("no member `{name}`"));
    let code_vectors = member("code_vectors")?;
    let string = |value: &Value, at: &str| -> Result<(), String> {
        value
            .as_str()
            .map(|_| ())
            .ok_or(format!("`{at}` is not a string"))
    };
    let meta_member = |name: &str| -> Result<&str, String> {
        let value = &code_vectors[name];
        string(value, &format!("code_vectors.{name}"))?;
        Ok(value.as_str().unwrap_or_default())
    };
    let meta = Meta {
        request_id: meta_member("request_id")?,
        timestamp: meta_member("timestamp")?,
    };
    if code_vectors["columns"] != json!(COLUMNS) {
        return Err(format!(
            "`code_vectors.columns` is {}, not {}: this file was written by another version of the generator",
            code_vectors["columns"],
            json!(COLUMNS)
        ));
    }
    let codes = code_vectors["codes"]
        .as_array()
        .ok_or("`code_vectors.codes` is not an array")?;
    let mut vectors = Vec::with_capacity(codes.len() * 2);
    for (i, row) in codes.iter().enumerate() {
        let row = parse_row(row).map_err(|what| format!("`code_vectors.codes[{i}]`: {what}"))?;
        let issue = issue_of(row.code);
        for variant in Variant::ALL {
            let vector = code_vector(&row, meta, variant);
            let expected = Expected::of_row(&row, meta, &issue, variant);
            vectors.push(vector_json(&vector, &expected).to_string());
        }
    }
    let listed = member("vectors")?
        .as_array()
        .ok_or("`vectors` is not an array")?;
    vectors.extend(listed.iter().map(Value::to_string));
    let mut members = Vec::new();
    for (name, value) in root {
        match name.as_str() {
            "code_vectors" => {}
            "vectors" => members.push((name.as_str(), lines(vectors.drain(..), 4))),
            "scenarios" => members.push((
                name.as_str(),
                lines(
                    value.as_array().into_iter().flatten().map(Value::to_string),
                    4,
                ),
            )),
            _ => members.push((name.as_str(), value.to_string())),
        }
    }
    Ok(document(&members))
}

/// A row of `code_vectors.codes`, or what is wrong with it.
fn parse_row(value: &Value) -> Result<Row<'_>, String> {
    let [code, status, message, field, family_class, retryable] =
        value.as_array().map(Vec::as_slice).ok_or("not an array")?
    else {
        return Err(format!("not {} members", COLUMNS.len()));
    };
    fn text<'v>(value: &'v Value, column: &str) -> Result<&'v str, String> {
        value
            .as_str()
            .ok_or(format!("its {column} is not a string"))
    }
    let status = status
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .ok_or("its status is not a status code")?;
    Ok(Row {
        code: text(code, "code")?,
        status,
        message: text(message, "message")?,
        field: if field.is_null() {
            None
        } else {
            Some(text(field, "field")?)
        },
        family_class: text(family_class, "family_class")?,
        retryable: retryable
            .as_bool()
            .ok_or("its retryable is not true or false")?,
    })
}

fn vector_json(vector: &Vector, expected: &Expected<'_>) -> Value {
    let mut response = serde_json::Map::new();
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
    json!({
        "name": vector.name,
        "description": vector.description,
        "response": Value::Object(response),
        "expected": expected.json(),
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
    let repeated;
    let body = match &vector.repeat {
        Some(repeat) => {
            // Only what a client reads: the rest would be dropped unread.
            repeated = repeat.body_up_to(BODY_LIMIT);
            repeated.as_slice()
        }
        None => vector.body.as_deref().unwrap_or_default().as_bytes(),
    };
    let lookup = |wire: &str| index.get(wire).copied();
    let decision = decision::decide_with(
        catalog,
        &lookup,
        vector.status,
        &headers,
        body,
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
fn scenarios(catalog: &Catalog) -> Vec<Value> {
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
    list
}

/// The vectors written in full: all but the per-code ones.
fn vectors(catalog: &Catalog) -> Vec<Vector> {
    let mut out = Vec::new();
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
    let minimal = |code: &Code| code_envelope(catalog, code, Variant::Minimal);
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
    let envelope_text = code_envelope(catalog, first, Variant::Full);
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
            .json_text(format!("[{}]", minimal(first))),
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
        .envelope_text(minimal(retryable)),
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
            .envelope_text(minimal(code)),
        );
    }
    out.push(
        Vector::new(
            "edge/header-request-id",
            "no meta: the request id from the `X-Request-Id` header",
            retryable.status,
        )
        .envelope_text(minimal(retryable))
        .header("x-request-id", "req_hdr"),
    );
    out.push(
        Vector::new(
            "edge/body-request-id-wins",
            "`meta.request_id` and an `X-Request-Id` header: the body's wins",
            first.status,
        )
        .envelope_text(code_envelope(catalog, first, Variant::Full))
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
        .json_text(minimal(retryable)),
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
    let envelope = code_envelope(catalog, code, Variant::Minimal);
    let with = |name: &str, description: &str, value: &str| {
        Vector::new(format!("retry-after/{name}"), description, code.status)
            .json_text(envelope.clone())
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
            .json_text(envelope.clone())
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
            .json_text(code_envelope(catalog, fatal, Variant::Minimal))
            .header("retry-after", "3"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    /// `vectors.json` of `catalog` as written.
    fn written(catalog: &Catalog) -> String {
        let files = generate(catalog).expect("generates");
        files[0].contents.clone()
    }

    /// `vectors.json` of `catalog` expanded, as the tests read it.
    fn expanded(catalog: &Catalog) -> Value {
        let text = expand(&written(catalog)).expect("expands");
        serde_json::from_str(&text).expect("JSON")
    }

    fn document() -> Value {
        expanded(&sample::catalog())
    }

    /// The sample catalog with every string the per-code vectors carry made hard to escape.
    fn hostile() -> Catalog {
        let mut catalog = sample::catalog();
        for (i, code) in catalog.codes.iter_mut().enumerate() {
            code.message = format!("Quote \" back\\slash \n line \u{1} é {i} </script>");
            code.field = (i % 2 == 0).then(|| "a\"field\\".to_owned());
        }
        catalog.envelope.request_id_example = "req \"1\"\t".to_owned();
        catalog.envelope.timestamp_example = "2024\u{2028}".to_owned();
        catalog
    }

    /// A vector's response decided by the reference, as `expected` writes it.
    fn decide_vector(catalog: &Catalog, vector: &Value) -> Value {
        let response = &vector["response"];
        let mut headers: Vec<(String, String)> = response["headers"]
            .as_array()
            .expect("headers")
            .iter()
            .map(|pair| {
                let text = |i: usize| pair[i].as_str().expect("header").to_owned();
                (text(0), text(1))
            })
            .collect();
        if let Some(date) = response.get("retry_after_date") {
            let form = DateForm::ALL
                .into_iter()
                .find(|form| date["form"] == form.name())
                .expect("form");
            let offset = date["offset_seconds"].as_i64().expect("offset");
            headers.push((
                "retry-after".to_owned(),
                decision::format_http_date(NOW_SECONDS + offset, form),
            ));
        }
        let body = match response.get("body_repeat") {
            Some(repeat) => {
                let text = |name: &str| repeat[name].as_str().expect(name).to_owned();
                Repeat {
                    prefix: text("prefix"),
                    text: text("text"),
                    times: repeat["times"].as_u64().expect("times") as usize,
                    suffix: text("suffix"),
                }
                .body_up_to(usize::MAX)
            }
            None => response["body"]
                .as_str()
                .unwrap_or_default()
                .as_bytes()
                .to_vec(),
        };
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let status = response["status"].as_u64().expect("status") as u16;
        let decision = decision::decide(catalog, status, &headers, &body, NOW_SECONDS * 1000);
        let tolerance = vector["expected"]["retry_after_tolerance_ms"]
            .as_u64()
            .expect("tolerance");
        Expected::of(&decision, tolerance).json()
    }

    #[test]
    fn every_expanded_vector_is_decided_by_the_reference_as_it_expects() {
        for catalog in [sample::catalog(), hostile()] {
            let document = expanded(&catalog);
            let vectors = document["vectors"].as_array().expect("vectors");
            assert_eq!(
                vectors
                    .iter()
                    .filter(|v| v["name"].as_str().is_some_and(|n| n.starts_with("code/")))
                    .count(),
                2 * catalog.codes.len()
            );
            for vector in vectors {
                assert_eq!(
                    decide_vector(&catalog, vector),
                    vector["expected"],
                    "{}",
                    vector["name"]
                );
            }
        }
    }

    #[test]
    fn the_file_holds_one_row_per_code_on_a_line_and_the_other_vectors_in_full() {
        let catalog = hostile();
        let text = written(&catalog);
        let document: Value = serde_json::from_str(&text).expect("JSON");
        let rows = document["code_vectors"]["codes"].as_array().expect("rows");
        assert_eq!(rows.len(), catalog.codes.len());
        for (row, code) in rows.iter().zip(&catalog.codes) {
            assert_eq!(row[0], code.wire.as_str());
            assert_eq!(row[2], code.message.as_str());
            assert_eq!(row[3], json!(code.field));
            assert!(
                text.contains(&format!("\n      {row}")),
                "{row} on a line of its own"
            );
        }
        let vectors = document["vectors"].as_array().expect("vectors");
        assert!(
            vectors
                .iter()
                .all(|v| !v["name"].as_str().unwrap_or_default().starts_with("code/"))
        );
        for vector in vectors {
            assert!(
                text.contains(&format!("\n    {vector}")),
                "{} on a line of its own",
                vector["name"]
            );
        }
    }

    #[test]
    fn expanding_what_generate_did_not_write_says_what_is_wrong() {
        let text = written(&sample::catalog());
        let mut document: Value = serde_json::from_str(&text).expect("JSON");
        assert!(expand("[]").unwrap_err().contains("not a JSON object"));
        assert!(expand("{").unwrap_err().contains("not JSON"));
        let mut broken = document.clone();
        broken["code_vectors"]["columns"] = json!(["code"]);
        assert!(
            expand(&broken.to_string())
                .unwrap_err()
                .contains("code_vectors.columns")
        );
        document["code_vectors"]["codes"][1][1] = json!("429");
        let error = expand(&document.to_string()).unwrap_err();
        assert_eq!(
            error,
            "`code_vectors.codes[1]`: its status is not a status code"
        );
        document
            .as_object_mut()
            .expect("object")
            .remove("code_vectors");
        assert_eq!(
            expand(&document.to_string()).unwrap_err(),
            "no member `code_vectors`"
        );
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
        let document = expanded(&catalog);
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
