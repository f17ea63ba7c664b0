//! `docs/error-envelope.schema.json`: a JSON Schema (draft 2020-12) of the error envelope, and
//! the definitions it shares with the OpenAPI document ([`super::openapi`]).
//!
//! The schemas are strict: they accept exactly what a server of this catalog version sends (every
//! code of the catalog, no other top-level or nested member) and serve to validate servers and
//! fixtures. Clients must not reject a response because it fails them: new codes and members may
//! appear in later minor versions, and the generated packages accept them.

use crate::emit::shared::examples::{Examples, envelope as envelope_example};
use crate::emit::shared::header;
use crate::emit::shared::json::Json;
use crate::model::{Catalog, Code};

/// The JSON Schema dialect of the schema and of the OpenAPI document.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The definition of the lenient variant of `ErrorCode`, for clients: any string.
pub const LENIENT_CODE: &str = "LenientErrorCode";

/// `docs/error-envelope.schema.json`.
pub fn document(catalog: &Catalog) -> String {
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

/// The members of the envelope object's schema, in order.
pub(super) fn envelope_members(catalog: &Catalog, prefix: &str) -> Vec<(String, Json)> {
    envelope_members_with(
        catalog,
        prefix,
        format!("{} envelope", catalog.title),
        "ErrorBody",
        Examples::of(catalog).code,
    )
}

/// The members of an envelope object's schema whose `error` is the definition `body`, with the
/// envelope of `example` as its example.
pub(super) fn envelope_members_with(
    catalog: &Catalog,
    prefix: &str,
    title: String,
    body: &str,
    example: &Code,
) -> Vec<(String, Json)> {
    let envelope = &catalog.envelope;
    vec![
        ("title".to_owned(), Json::str(title)),
        ("description".to_owned(), Json::str(&envelope.description)),
        ("type".to_owned(), Json::str("object")),
        // `meta` too: a server of this catalog stamps every error envelope with its request id
        // and timestamp (the crate's `stamp_request_ids` middleware).
        (
            "required".to_owned(),
            Json::strings(["success", "error", "meta"]),
        ),
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
                ("error", reference(prefix, body, &envelope.error)),
                ("meta", reference(prefix, "ErrorMeta", &envelope.meta)),
            ]),
        ),
        ("additionalProperties".to_owned(), Json::Bool(false)),
        (
            "examples".to_owned(),
            Json::Array(vec![envelope_example(catalog, example)]),
        ),
    ]
}

/// The named definitions the envelope refers to.
pub(super) fn definitions(catalog: &Catalog, prefix: &str) -> Vec<(String, Json)> {
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
            error_body(
                catalog,
                prefix,
                &envelope.error,
                reference(prefix, "ErrorCode", &envelope.code),
            ),
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
            LENIENT_CODE.to_owned(),
            Json::object([
                (
                    "description",
                    Json::str(format!(
                        "For clients: an error code as a client should read it, one of the \
                         codes of version {} of the catalog or any other string (a code added \
                         later). Servers send only `ErrorCode`.",
                        catalog.version
                    )),
                ),
                (
                    "anyOf",
                    Json::Array(vec![
                        Json::object([("$ref", Json::str(format!("{prefix}ErrorCode")))]),
                        Json::object([("type", Json::str("string"))]),
                    ]),
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
                ("required", Json::strings(["request_id", "timestamp"])),
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

/// The schema of the envelope's `error` object, its `code` the schema `code`.
pub(super) fn error_body(catalog: &Catalog, prefix: &str, description: &str, code: Json) -> Json {
    let envelope = &catalog.envelope;
    Json::object([
        ("description", Json::str(description)),
        ("type", Json::str("object")),
        ("required", Json::strings(["code", "message"])),
        (
            "properties",
            Json::object([
                ("code", code),
                (
                    "message",
                    Json::object([
                        ("description", Json::str(&envelope.message)),
                        ("type", Json::str("string")),
                    ]),
                ),
                (
                    "details",
                    reference(prefix, "ErrorDetails", &envelope.details),
                ),
            ]),
        ),
        ("additionalProperties", Json::Bool(false)),
    ])
}

/// `{"$ref": prefix + name, "description": ...}` (2020-12 allows siblings of `$ref`).
fn reference(prefix: &str, name: &str, description: &str) -> Json {
    Json::object([
        ("$ref", Json::str(format!("{prefix}{name}"))),
        ("description", Json::str(description)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn schema_lists_every_code_and_forbids_other_members() {
        let catalog = sample::catalog();
        let schema = document(&catalog);
        assert!(schema.starts_with("{\n  \"$comment\": \"@generated by `cargo xtask gen`"));
        assert!(schema.contains(
            "\"enum\": [\n        \"NO_CREDENTIALS\",\n        \"HTTP2_ERROR\",\n        \"TOO_MANY_CALLS\",\n        \"BAD_TEMPERATURE\",\n        \"BACKEND_DOWN\"\n      ]"
        ));
        assert!(schema.contains("\"const\": false"));
        assert_eq!(schema.matches("\"additionalProperties\": false").count(), 4);
        assert!(!schema.contains("components"));
    }
}
