//! `docs/openapi.json`: an OpenAPI 3.1 `components` document holding the envelope's schemas (the
//! definitions of [`super::schema`]) and one response per error status with codes.
//!
//! Strict like the schema: it accepts exactly what a server of this catalog version sends.

use super::schema::{DIALECT, definitions, envelope_members};
use crate::emit::shared::examples::envelope as envelope_example;
use crate::emit::shared::header;
use crate::emit::shared::json::Json;
use crate::model::{Catalog, Code, Status};

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

/// `docs/openapi.json`.
pub fn document(catalog: &Catalog) -> String {
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
    let header = |description: &str, required: bool| {
        Json::object([
            ("description", Json::str(description)),
            ("required", Json::Bool(required)),
            ("schema", Json::object([("type", Json::str("string"))])),
        ])
    };
    let mut headers = vec![(
        "X-Request-Id".to_owned(),
        header(
            "The id of the failed request, as in `meta.request_id`; the server's middleware \
             sends one on every error response, the request's own when it had one.",
            true,
        ),
    )];
    if status.retryable || codes.iter().any(|c| c.retryable) {
        headers.push((
            "Retry-After".to_owned(),
            header(
                "How long to wait before retrying: delta-seconds or an HTTP-date (RFC 9110 \
                 §10.2.3). Clients ignore a wait over one day.",
                false,
            ),
        ));
    }
    if status.code == 401 {
        headers.push((
            "WWW-Authenticate".to_owned(),
            header(
                "The authentication challenge (RFC 9110 §11.6.1), `Bearer` unless the server \
                 sets another.",
                true,
            ),
        ));
    }
    Json::object([
        ("description", Json::str(description)),
        ("headers", Json::Object(headers)),
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
    fn openapi_has_one_response_per_error_status_with_codes() {
        let catalog = sample::catalog();
        let doc = document(&catalog);
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
