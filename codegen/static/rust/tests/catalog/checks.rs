//! The checks of the crate against the catalog, the same for every catalog. Every expectation
//! comes from `catalog.json`, which the generator writes from the catalog (not from this crate's
//! tables): one row per code, then the categories, the status table, retired codes and a few
//! chosen examples. What depends on the shape of the catalog's codes (their attributes) and the
//! crate's name is in the generated `tests/catalog.rs`.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::krate::{
    is_retryable_status, ApiError, Category, Code, Details, ErrorBody, ErrorCode, ErrorEnvelope,
    HttpStatus, Meta, RetiredCode, CATALOG_NAME, CATALOG_VERSION, RETIRED_CODES, STATUSES,
};
use crate::Attributes;

/// `catalog.json`, read once.
fn data() -> &'static Value {
    static DATA: OnceLock<Value> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(include_str!("catalog.json")).expect("catalog.json is JSON")
    })
}

/// The array under `key` of `catalog.json`.
fn list(key: &str) -> &'static [Value] {
    data()[key].as_array().expect("a list")
}

/// What the catalog says about one code, and its variant (`ErrorCode::ALL` at its position).
struct Expected {
    code: ErrorCode,
    wire: &'static str,
    name: &'static str,
    attributes: Attributes,
    deprecation: Option<(&'static str, Option<&'static str>, Option<&'static str>)>,
}

/// Every code, in catalog order (columns: wire string, variant name, the attributes in the
/// generator's order, deprecation).
fn codes() -> &'static [Expected] {
    static CODES: OnceLock<Vec<Expected>> = OnceLock::new();
    CODES.get_or_init(|| {
        let rows = list("codes");
        assert_eq!(rows.len(), ErrorCode::ALL.len(), "one variant per code");
        let last = rows.first().and_then(Value::as_array).map_or(0, Vec::len);
        rows.iter()
            .zip(ErrorCode::ALL)
            .map(|(row, &code)| Expected {
                code,
                wire: text(&row[0]),
                name: text(&row[1]),
                attributes: Attributes::read(row),
                deprecation: deprecation(&row[last - 1]),
            })
            .collect()
    })
}

/// The row of a code.
fn row_of(code: ErrorCode) -> &'static Expected {
    &codes()[code as usize]
}

pub(crate) fn text(value: &'static Value) -> &'static str {
    value.as_str().expect("a string")
}

pub(crate) fn optional_text(value: &'static Value) -> Option<&'static str> {
    value.as_str()
}

pub(crate) fn status(value: &Value) -> u16 {
    let status = value.as_u64().and_then(|n| u16::try_from(n).ok());
    status.expect("a status")
}

pub(crate) fn flag(value: &Value) -> bool {
    value.as_bool().expect("true or false")
}

pub(crate) fn category(value: &'static Value) -> Category {
    Category::lookup(text(value)).expect("a category of the crate")
}

fn texts(values: &'static [Value]) -> Vec<&'static str> {
    values.iter().map(text).collect()
}

fn deprecation(
    value: &'static Value,
) -> Option<(&'static str, Option<&'static str>, Option<&'static str>)> {
    let since = value.get("since")?;
    Some((
        text(since),
        optional_text(&value["replaced_by"]),
        optional_text(&value["note"]),
    ))
}

/// `(status, retryable)` pairs under `key`.
fn statuses(key: &str) -> Vec<(u16, bool)> {
    list(key)
        .iter()
        .map(|pair| (status(&pair[0]), flag(&pair[1])))
        .collect()
}

/// Strings that are not codes of the catalog.
fn not_codes() -> Vec<&'static str> {
    texts(list("not_codes"))
}

/// The code the docs show, chosen by the generator.
fn example() -> ErrorCode {
    ErrorCode::lookup(text(&data()["example"]["code"])).expect("the example is a code")
}

/// A code that is not in the catalog.
fn unknown_code() -> &'static str {
    text(&data()["unknown_code"])
}

#[test]
fn catalog_identity() {
    assert_eq!(CATALOG_NAME, text(&data()["name"]));
    assert_eq!(CATALOG_VERSION, text(&data()["version"]));
}

#[test]
fn all_lists_every_code_in_catalog_order() {
    assert_eq!(ErrorCode::ALL.len(), codes().len());
    for (index, row) in codes().iter().enumerate() {
        assert_eq!(row.code.as_str(), row.wire, "code {index} of the catalog");
        assert_eq!(row.code as usize, index, "discriminant of {}", row.wire);
    }
}

#[test]
fn codes_match_the_catalog() {
    for row in codes() {
        let code = row.code;
        assert_eq!(code.as_str(), row.wire);
        assert_eq!(code.to_string(), row.wire);
        assert_eq!(code.as_ref(), row.wire);
        assert_eq!(format!("{code:?}"), row.name);
        row.attributes.check(code);
        let found = code.category().codes().any(|other| other == code);
        assert!(found, "{}", row.wire);
        let deprecation = code
            .deprecation()
            .map(|d| (d.since, d.replaced_by.map(ErrorCode::as_str), d.note));
        assert_eq!(deprecation, row.deprecation, "{}", row.wire);
        let deprecated = row.deprecation.is_some();
        assert_eq!(code.is_deprecated(), deprecated, "{}", row.wire);
    }
}

#[test]
fn retired_codes_are_known_but_parse_as_unknown() {
    let found: Vec<_> = RETIRED_CODES
        .iter()
        .map(|r| {
            (
                r.code,
                r.since,
                r.status,
                r.replaced_by.map(ErrorCode::as_str),
                r.note,
            )
        })
        .collect();
    let expected: Vec<_> = list("retired")
        .iter()
        .map(|r| {
            let replaced_by = optional_text(&r[3]);
            (
                text(&r[0]),
                text(&r[1]),
                status(&r[2]),
                replaced_by,
                text(&r[4]),
            )
        })
        .collect();
    assert_eq!(found, expected);
    for &(code, ..) in &expected {
        let retired = RetiredCode::lookup(code).expect("a retired code");
        assert_eq!(retired.code, code);
        assert_eq!(ErrorCode::lookup(code), None, "{code}");
        assert!(matches!(Code::from(code), Code::Unknown(u) if u.code() == code));
    }
    for row in codes() {
        assert_eq!(RetiredCode::lookup(row.wire), None, "{}", row.wire);
    }
}

#[test]
fn unknown_codes_never_hold_a_known_code() {
    for row in codes() {
        assert!(row.wire.parse::<ErrorCode>().is_ok());
        assert!(Code::from(row.wire).is_known(), "{}", row.wire);
    }
    for other in not_codes() {
        let unknown = other.parse::<ErrorCode>().unwrap_err();
        assert_eq!(unknown.as_ref(), other);
        assert_eq!(unknown.clone().into_inner(), other);
        assert_eq!(Code::from(other), Code::Unknown(unknown));
    }
}

#[test]
fn categories_parse_from_their_ids() {
    for &category in Category::ALL {
        let id = category.as_str();
        assert_eq!(id.parse::<Category>(), Ok(category));
        assert_eq!(category.as_ref(), id);
    }
    let error = "not a category".parse::<Category>().unwrap_err();
    assert_eq!(error.id(), "not a category");
    assert_eq!(error.to_string(), "unknown error category `not a category`");
}

#[test]
fn codes_round_trip_through_their_wire_strings() {
    for row in codes() {
        assert_eq!(ErrorCode::lookup(row.wire), Some(row.code));
        assert_eq!(row.wire.parse::<ErrorCode>(), Ok(row.code));
        assert_eq!(row.code.as_str().parse::<ErrorCode>(), Ok(row.code));
        assert_eq!(Code::from(row.wire), Code::Known(row.code));
        assert_eq!(Code::from(row.wire.to_owned()), row.code);
        assert_eq!(row.wire.parse::<Code>(), Ok(Code::Known(row.code)));
        assert_eq!(Code::from(row.code).as_str(), row.wire);
    }
}

#[test]
fn other_strings_are_not_codes() {
    let codes: HashSet<&str> = codes().iter().map(|row| row.wire).collect();
    let mut others: Vec<String> = not_codes().into_iter().map(str::to_owned).collect();
    for &wire in &codes {
        let mut shorter = wire.to_owned();
        shorter.pop();
        others.extend([wire.to_ascii_lowercase(), format!("{wire}_"), shorter]);
    }
    others.retain(|other| !codes.contains(other.as_str()));
    for other in &others {
        assert_eq!(ErrorCode::lookup(other), None, "{other:?}");
        let error = other.parse::<ErrorCode>().unwrap_err();
        assert_eq!(error.code(), other);
        assert_eq!(error.to_string(), format!("unknown error code `{other}`"));
        let code = Code::from(other.as_str());
        assert!(matches!(&code, Code::Unknown(u) if u.code() == other.as_str()));
        assert_eq!(code.as_str(), other);
        assert_eq!(code.known(), None);
        assert!(!code.is_known());
    }
}

#[test]
fn categories_match_the_catalog() {
    let rows = list("categories");
    assert_eq!(Category::ALL.len(), rows.len());
    for (&category, row) in Category::ALL.iter().zip(rows) {
        let [name, id, title, description] = [0, 1, 2, 3].map(|i| text(&row[i]));
        assert_eq!(format!("{category:?}"), name);
        assert_eq!(category.as_str(), id);
        assert_eq!(category.to_string(), id);
        assert_eq!(category.title(), title);
        assert_eq!(category.description(), description);
        assert_eq!(Category::lookup(id), Some(category));
        let codes: Vec<ErrorCode> = codes()
            .iter()
            .filter(|row| row.attributes.category == category)
            .map(|row| row.code)
            .collect();
        assert_eq!(category.codes().collect::<Vec<_>>(), codes);
    }
}

#[test]
fn statuses_match_the_catalog() {
    let table: Vec<(u16, &str, bool)> = STATUSES
        .iter()
        .map(|s| (s.code, s.title, s.retryable))
        .collect();
    let expected: Vec<(u16, &str, bool)> = list("statuses")
        .iter()
        .map(|s| (status(&s[0]), text(&s[1]), flag(&s[2])))
        .collect();
    assert_eq!(table, expected);
    for (code, title, retryable) in expected {
        let row = HttpStatus::lookup(code).expect("a status of the table");
        assert_eq!(row, &HttpStatus::new(code, title, retryable));
        assert_eq!(is_retryable_status(code), retryable);
    }
}

#[test]
fn statuses_outside_the_table_are_retryable_for_429_and_5xx_only() {
    for (code, retryable) in statuses("other_statuses") {
        assert_eq!(HttpStatus::lookup(code), None);
        assert_eq!(is_retryable_status(code), retryable, "{code}");
    }
}

#[test]
fn api_errors_take_status_and_message_from_the_catalog() {
    let code = example();
    let row = row_of(code);
    let error = ApiError::new(code);
    assert_eq!(error.code(), Some(&Code::Known(code)));
    assert_eq!(error.known_code(), Some(code));
    assert_eq!(error.request_id(), None);
    assert_eq!(error.timestamp(), None);
    assert_eq!(error.to_string(), text(&data()["example"]["display"]));
    assert_eq!(error.to_envelope().meta, None);
    assert_eq!(ApiError::from(code), error);
    assert_eq!(row.code, code);
    for row in codes() {
        let error = ApiError::new(row.code);
        let expected = &row.attributes;
        assert_eq!(error.status(), expected.status);
        assert_eq!(error.message(), expected.message);
        let field = error.details().and_then(|details| details.field.as_deref());
        assert_eq!(field, expected.field);
        assert_eq!(error.is_retryable(), expected.retryable);
    }
}

#[test]
fn api_error_builders() {
    let error = ApiError::new(example())
        .with_message("Custom message")
        .with_field("some_field")
        .with_issue("some issue")
        .with_request_id("req_1")
        .with_timestamp("2024-01-01T00:00:00Z");
    assert_eq!(error.message(), "Custom message");
    let details = Details::new()
        .with_field("some_field")
        .with_issue("some issue");
    assert_eq!(details.field.as_deref(), Some("some_field"));
    assert_eq!(details.issue.as_deref(), Some("some issue"));
    assert_eq!(error.details(), Some(&details));
    assert_eq!(error.request_id(), Some("req_1"));
    assert_eq!(error.timestamp(), Some("2024-01-01T00:00:00Z"));
    let envelope = error.to_envelope();
    assert!(!envelope.success);
    assert_eq!(envelope.error.code, example());
    assert_eq!(envelope.error.details.as_ref(), Some(&details));
    let meta = Meta::new()
        .with_request_id("req_1")
        .with_timestamp("2024-01-01T00:00:00Z");
    assert_eq!(meta.request_id.as_deref(), Some("req_1"));
    assert_eq!(meta.timestamp.as_deref(), Some("2024-01-01T00:00:00Z"));
    let body = ErrorBody::new(example(), error.message()).with_details(details.clone());
    let built = ErrorEnvelope::new(body).with_meta(meta.clone());
    assert_eq!(built, envelope);
    assert_eq!(envelope.meta, Some(meta));
    assert_eq!(ApiError::from_envelope(error.status(), envelope), error);
    let error = error.with_details(Details::default());
    assert_eq!(error.details(), Some(&Details::default()));
}

#[test]
fn unknown_codes_fall_back_to_the_status() {
    for (status, retryable) in statuses("fallback_statuses") {
        let envelope = ErrorEnvelope::new(ErrorBody::new(unknown_code(), "Something new"));
        let error = ApiError::from_envelope(status, envelope);
        assert_eq!(error.known_code(), None);
        assert_eq!(error.code().map(Code::as_str), Some(unknown_code()));
        assert_eq!(error.status(), status);
        assert_eq!(error.is_retryable(), retryable, "{status}");
    }
}

#[cfg(feature = "http")]
#[test]
fn http_statuses() {
    for row in codes() {
        let status = row.attributes.status;
        assert_eq!(row.code.http_status().as_u16(), status);
        assert_eq!(ApiError::new(row.code).http_status().as_u16(), status);
    }
}

#[cfg(feature = "axum")]
#[test]
fn axum_responses_carry_the_status_and_a_json_body() {
    use axum::response::IntoResponse;
    for row in codes() {
        let response = ApiError::new(row.code).into_response();
        assert_eq!(response.status().as_u16(), row.attributes.status);
        let content_type = response.headers().get("content-type").map(|v| v.as_bytes());
        assert_eq!(content_type, Some(&b"application/json"[..]));
    }
}

#[cfg(feature = "serde")]
mod json {
    use super::*;

    /// The example request id and timestamp of the catalog.
    fn meta() -> (&'static str, &'static str) {
        (text(&data()["request_id"]), text(&data()["timestamp"]))
    }

    #[test]
    fn envelopes_serialize_exactly_and_round_trip() {
        let (request_id, timestamp) = meta();
        // The exact JSON of a code of each shape of envelope (with and without a field) and of
        // every code whose text JSON escapes.
        for pair in list("envelopes") {
            let code = ErrorCode::lookup(text(&pair[0])).expect("a code");
            let json = text(&pair[1]);
            let error = ApiError::new(code)
                .with_request_id(request_id)
                .with_timestamp(timestamp);
            let envelope = error.to_envelope();
            assert_eq!(serde_json::to_string(&envelope).unwrap(), json);
            let read: ErrorEnvelope = serde_json::from_str(json).unwrap();
            assert_eq!(read, envelope);
            assert_eq!(ApiError::from_envelope(code.status(), read), error);
        }
        for row in codes() {
            let error = ApiError::new(row.code)
                .with_request_id(request_id)
                .with_timestamp(timestamp);
            let envelope = error.to_envelope();
            let json = serde_json::to_string(&envelope).unwrap();
            let read: ErrorEnvelope = serde_json::from_str(&json).unwrap();
            assert_eq!(read, envelope, "{}", row.wire);
            let status = row.attributes.status;
            assert_eq!(ApiError::from_envelope(status, read), error, "{}", row.wire);
        }
    }

    #[test]
    fn codes_serialize_as_wire_strings() {
        for row in codes() {
            let wire = Value::from(row.wire);
            assert_eq!(serde_json::to_value(row.code).unwrap(), wire);
            let code: ErrorCode = serde_json::from_value(wire.clone()).unwrap();
            assert_eq!(code, row.code);
            assert_eq!(serde_json::to_value(Code::from(row.code)).unwrap(), wire);
            let code: Code = serde_json::from_value(wire).unwrap();
            assert_eq!(code, row.code);
        }
        for other in not_codes() {
            let code = serde_json::from_value::<ErrorCode>(Value::from(other));
            assert!(code.is_err(), "{other:?}");
            let code: Code = serde_json::from_value(Value::from(other)).unwrap();
            assert!(matches!(&code, Code::Unknown(u) if u.code() == other));
            assert_eq!(serde_json::to_value(code).unwrap(), Value::from(other));
        }
    }

    #[test]
    fn categories_serialize_as_ids() {
        for &category in Category::ALL {
            let id = Value::from(category.as_str());
            assert_eq!(serde_json::to_value(category).unwrap(), id);
            let read: Category = serde_json::from_value(id).unwrap();
            assert_eq!(read, category);
        }
        assert!(serde_json::from_value::<Category>(Value::from("not a category")).is_err());
    }

    /// An envelope of an unknown code, with its members in the order the envelope writes them.
    fn unknown_json() -> String {
        format!(
            r#"{{"success":false,"error":{{"code":{},"message":"Something new","details":{{"issue":"new"}}}},"meta":{{"request_id":"req_1"}}}}"#,
            Value::from(unknown_code())
        )
    }

    #[test]
    fn success_true_is_not_an_error_envelope() {
        let json = unknown_json();
        let success = json.replacen("\"success\":false", "\"success\":true", 1);
        assert_ne!(success, json);
        let error = serde_json::from_str::<ErrorEnvelope>(&success).unwrap_err();
        assert!(error.to_string().contains("success"), "{error}");
        let absent = json.replacen("\"success\":false,", "", 1);
        assert!(
            !serde_json::from_str::<ErrorEnvelope>(&absent)
                .unwrap()
                .success
        );
    }

    #[test]
    fn unknown_codes_are_kept() {
        let unknown = unknown_code();
        let json = unknown_json();
        let envelope: ErrorEnvelope = serde_json::from_str(&json).unwrap();
        assert!(matches!(&envelope.error.code, Code::Unknown(u) if u.code() == unknown));
        assert_eq!(serde_json::to_string(&envelope).unwrap(), json);
        let error = ApiError::from_envelope(503, envelope);
        assert_eq!(error.code().map(Code::as_str), Some(unknown));
        assert_eq!(error.message(), "Something new");
        assert_eq!(error.request_id(), Some("req_1"));
        assert_eq!(error.is_retryable(), flag(&data()["retryable_503"]));
    }

    #[test]
    fn missing_and_unknown_members_are_accepted() {
        let first = codes()[0].code;
        let json = serde_json::json!({"error": {"code": first.as_str()}}).to_string();
        let envelope: ErrorEnvelope = serde_json::from_str(&json).unwrap();
        assert!(!envelope.success);
        assert_eq!(envelope.error.code, first);
        assert_eq!(envelope.error.message, "");
        assert_eq!(envelope.error.details, None);
        assert_eq!(envelope.meta, None);
        let json = serde_json::json!({
            "success": false,
            "error": {"code": first.as_str(), "message": "m", "extra": [1]},
            "meta": {"region": "eu"},
            "version": 2,
        })
        .to_string();
        let envelope: ErrorEnvelope = serde_json::from_str(&json).unwrap();
        assert_eq!(envelope.error.code, first);
        assert_eq!(envelope.error.message, "m");
        assert_eq!(envelope.meta, Some(Meta::default()));
    }
}
