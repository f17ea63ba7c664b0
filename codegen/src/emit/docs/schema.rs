//! The machine-readable descriptions of the error envelope: a JSON Schema (draft 2020-12) and an
//! OpenAPI 3.1 `components` document, built from one set of definitions.
//!
//! The schemas are strict: they accept exactly what a server of this catalog version sends (every
//! code of the catalog, no other top-level or nested member) and serve to validate servers and
//! fixtures. Clients must not reject a response because it fails them: new codes and members may
//! appear in later minor versions, and the generated packages accept them.

use crate::emit::shared::examples::envelope as envelope_example;
use crate::emit::shared::header;
use crate::emit::shared::json::Json;
use crate::model::{Catalog, Code, Status};

/// The JSON Schema dialect of both documents.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The OpenAPI version of `openapi.json`.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The name of the response component of an error status (`Error429`).
pub fn response_name(status: u16) -> String {
    format!("Error{status}")
}

/// The error statuses that have codes, in status order.
pub fn statuses_with_codes(catalog: &Catalog) -> Vec<&Status> {
    catalog
        .statuses
        .iter()
        .filter(|s| s.is_error() && catalog.codes.iter().any(|c| c.status == s.code))
        .collect()
}

/// `docs/error-envelope.schema.json`.
pub fn envelope_schema(catalog: &Catalog) -> String {
    let mut members = vec![
        ("$comment".to_owned(), Json::str(header::text(catalog))),
        ("$schema".to_owned(), Json::str(DIALECT)),
    ];
    members.extend(envelope_members(catalog, "#/$defs/"));
    members.push((
        "$defs".to_owned(),
        Json::Object(definitions(catalog, "#/$defs/")),
    ));
    Json::Object(members).pretty()
}

/// `docs/openapi.json`.
pub fn openapi(catalog: &Catalog) -> String {
    let prefix = "#/components/schemas/";
    let mut schemas = vec![(
        "ErrorEnvelope".to_owned(),
        Json::Object(envelope_members(catalog, prefix)),
    )];
    schemas.extend(definitions(catalog, prefix));
    let responses = statuses_with_codes(catalog)
        .into_iter()
        .map(|status| (response_name(status.code), response(catalog, status)))
        .collect::<Vec<_>>();
    Json::object([
        ("x-generated", Json::str(header::text(catalog))),
        ("openapi", Json::str(OPENAPI_VERSION)),
        (
            "info",
            Json::object([
                ("title", Json::str(&catalog.title)),
                ("version", Json::str(&catalog.version)),
                ("description", Json::str(&catalog.description)),
            ]),
        ),
        ("jsonSchemaDialect", Json::str(DIALECT)),
        (
            "components",
            Json::object([
                ("schemas", Json::Object(schemas)),
                ("responses", Json::Object(responses)),
            ]),
        ),
    ])
    .pretty()
}

/// The members of the envelope object's schema, in order.
fn envelope_members(catalog: &Catalog, prefix: &str) -> Vec<(String, Json)> {
    let envelope = &catalog.envelope;
    let example = catalog
        .codes
        .iter()
        .find(|c| c.field.is_some())
        .or(catalog.codes.first());
    let mut members = vec![
        (
            "title".to_owned(),
            Json::str(format!("{} envelope", catalog.title)),
        ),
        ("description".to_owned(), Json::str(&envelope.description)),
        ("type".to_owned(), Json::str("object")),
        ("required".to_owned(), Json::strings(["success", "error"])),
        (
            "properties".to_owned(),
            Json::object([
                (
                    "success",
                    Json::object([
                        ("description", Json::str(&envelope.success)),
                        ("const", Json::Bool(false)),
                    ]),
                ),
                ("error", reference(prefix, "ErrorBody", &envelope.error)),
                ("meta", reference(prefix, "ErrorMeta", &envelope.meta)),
            ]),
        ),
        ("additionalProperties".to_owned(), Json::Bool(false)),
    ];
    if let Some(code) = example {
        members.push((
            "examples".to_owned(),
            Json::Array(vec![envelope_example(catalog, code)]),
        ));
    }
    members
}

/// The named definitions the envelope refers to.
fn definitions(catalog: &Catalog, prefix: &str) -> Vec<(String, Json)> {
    let envelope = &catalog.envelope;
    let optional_string = |description: &str| {
        Json::object([
            ("description", Json::str(description)),
            ("type", Json::str("string")),
        ])
    };
    vec![
        (
            "ErrorBody".to_owned(),
            Json::object([
                ("description", Json::str(&envelope.error)),
                ("type", Json::str("object")),
                ("required", Json::strings(["code", "message"])),
                (
                    "properties",
                    Json::object([
                        ("code", reference(prefix, "ErrorCode", &envelope.code)),
                        ("message", optional_string(&envelope.message)),
                        (
                            "details",
                            reference(prefix, "ErrorDetails", &envelope.details),
                        ),
                    ]),
                ),
                ("additionalProperties", Json::Bool(false)),
            ]),
        ),
        (
            "ErrorCode".to_owned(),
            Json::object([
                ("description", Json::str(&envelope.code)),
                (
                    "$comment",
                    Json::str(format!(
                        "Strict: the codes of version {} of the catalog, to validate what a \
                         server sends. A client must accept any other string here: later \
                         versions add codes.",
                        catalog.version
                    )),
                ),
                ("type", Json::str("string")),
                (
                    "enum",
                    Json::strings(catalog.codes.iter().map(|c| c.wire.as_str())),
                ),
            ]),
        ),
        (
            "ErrorDetails".to_owned(),
            Json::object([
                ("description", Json::str(&envelope.details)),
                ("type", Json::str("object")),
                (
                    "properties",
                    Json::object([
                        ("field", optional_string(&envelope.field)),
                        ("issue", optional_string(&envelope.issue)),
                    ]),
                ),
                ("additionalProperties", Json::Bool(false)),
            ]),
        ),
        (
            "ErrorMeta".to_owned(),
            Json::object([
                ("description", Json::str(&envelope.meta)),
                ("type", Json::str("object")),
                (
                    "properties",
                    Json::object([
                        (
                            "request_id",
                            Json::object([
                                ("description", Json::str(&envelope.request_id)),
                                ("type", Json::str("string")),
                                (
                                    "examples",
                                    Json::strings([envelope.request_id_example.as_str()]),
                                ),
                            ]),
                        ),
                        (
                            "timestamp",
                            Json::object([
                                ("description", Json::str(&envelope.timestamp)),
                                ("type", Json::str("string")),
                                ("format", Json::str("date-time")),
                                (
                                    "examples",
                                    Json::strings([envelope.timestamp_example.as_str()]),
                                ),
                            ]),
                        ),
                    ]),
                ),
                ("additionalProperties", Json::Bool(false)),
            ]),
        ),
    ]
}

/// `{"$ref": prefix + name, "description": ...}` (2020-12 allows siblings of `$ref`).
fn reference(prefix: &str, name: &str, description: &str) -> Json {
    Json::object([
        ("$ref", Json::str(format!("{prefix}{name}"))),
        ("description", Json::str(description)),
    ])
}

/// The response component of one status: the envelope, narrowed to the codes of that status,
/// with one example per code.
fn response(catalog: &Catalog, status: &Status) -> Json {
    let codes: Vec<&Code> = catalog
        .codes
        .iter()
        .filter(|c| c.status == status.code)
        .collect();
    let retry = if status.retryable {
        "retryable unless the code says otherwise"
    } else {
        "not retryable unless the code says otherwise"
    };
    let description = format!(
        "{} {} ({retry}). Codes: {}.",
        status.code,
        status.title,
        codes
            .iter()
            .map(|c| c.wire.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let schema = Json::object([
        ("$ref", Json::str("#/components/schemas/ErrorEnvelope")),
        (
            "properties",
            Json::object([(
                "error",
                Json::object([(
                    "properties",
                    Json::object([(
                        "code",
                        Json::object([(
                            "enum",
                            Json::strings(codes.iter().map(|c| c.wire.as_str())),
                        )]),
                    )]),
                )]),
            )]),
        ),
    ]);
    let examples = codes
        .iter()
        .map(|code| {
            (
                code.wire.clone(),
                Json::object([
                    ("summary", Json::str(&code.message)),
                    ("value", envelope_example(catalog, code)),
                ]),
            )
        })
        .collect::<Vec<_>>();
    Json::object([
        ("description", Json::str(description)),
        (
            "content",
            Json::object([(
                "application/json",
                Json::object([("schema", schema), ("examples", Json::Object(examples))]),
            )]),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn schema_lists_every_code_and_forbids_other_members() {
        let catalog = sample::catalog();
        let schema = envelope_schema(&catalog);
        assert!(schema.starts_with("{\n  \"$comment\": \"@generated by `cargo xtask gen`"));
        assert!(schema.contains(
            "\"enum\": [\n        \"MISSING_API_KEY\",\n        \"HTTP2_ERROR\",\n        \"RATE_LIMIT_EXCEEDED\",\n        \"INVALID_TEMPERATURE\",\n        \"SERVICE_UNAVAILABLE\"\n      ]"
        ));
        assert!(schema.contains("\"const\": false"));
        assert_eq!(schema.matches("\"additionalProperties\": false").count(), 4);
        assert!(!schema.contains("components"));
    }

    #[test]
    fn openapi_has_one_response_per_error_status_with_codes() {
        let catalog = sample::catalog();
        let doc = openapi(&catalog);
        assert!(doc.starts_with("{\n  \"x-generated\": \"@generated by"));
        assert!(doc.contains("\"openapi\": \"3.1.0\""));
        // 400, 401, 429, 500 and 503 have codes; 200 is not an error.
        for status in [400, 401, 429, 500, 503] {
            assert!(doc.contains(&format!("\"Error{status}\": {{")), "{status}");
        }
        assert!(!doc.contains("\"Error200\""));
        assert!(doc.contains("\"#/components/schemas/ErrorCode\""));
        assert!(!doc.contains("#/$defs/"));
    }
}
