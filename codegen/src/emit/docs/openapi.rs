//! `docs/openapi.json`: an OpenAPI 3.1 `components` document holding the envelope's schemas (the
//! definitions of [`super::schema`]), one named schema per error status with codes (`Error429`:
//! the envelope, `allOf` with the codes of that status) and one response per such status.
//!
//! Strict like the schema: it accepts exactly what a server of this catalog version sends. It has
//! no operations (`paths` is empty): an API's own document refers to its components. The shapes
//! are the ones common tools read as meant: `allOf` rather than a `$ref` with sibling keywords
//! (which OpenAPI 3.0 tools drop), so that openapi-typescript gives each status its own type; the
//! `test` command runs swagger-parser, Redocly, openapi-typescript and openapi-spec-validator on
//! it (`xtask/src/test/docs.rs`).

use super::schema::{DIALECT, definitions, envelope_members, envelope_members_with, error_body};
use crate::emit::shared::examples::envelope as envelope_example;
use crate::emit::shared::header;
use crate::emit::shared::json::Json;
use crate::model::{Catalog, Code, Status};

/// The OpenAPI version of `openapi.json`.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The name of the response component of an error status (`Error429`), also the name of its
/// schema component.
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
    let statuses = statuses_with_codes(catalog);
    schemas.extend(
        statuses
            .iter()
            .flat_map(|status| status_schemas(catalog, status, prefix)),
    );
    let responses = statuses
        .into_iter()
        .map(|status| (response_name(status.code), response(catalog, status)))
        .collect::<Vec<_>>();
    Json::object([
        ("x-generated", Json::str(header::text(catalog))),
        ("openapi", Json::str(OPENAPI_VERSION)),
        ("info", Json::Object(info(catalog))),
        ("jsonSchemaDialect", Json::str(DIALECT)),
        ("paths", Json::object::<&str>([])),
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

/// The document's `info`: the catalog's title, version and description, its license when it has
/// one (an SPDX expression: OpenAPI 3.1's `identifier`), and its home page or repository as the
/// contact URL.
fn info(catalog: &Catalog) -> Vec<(String, Json)> {
    let mut info = vec![
        ("title".to_owned(), Json::str(&catalog.title)),
        ("version".to_owned(), Json::str(&catalog.version)),
        ("description".to_owned(), Json::str(&catalog.description)),
    ];
    let metadata = &catalog.metadata;
    if let Some(license) = &metadata.license {
        info.push((
            "license".to_owned(),
            Json::object([
                ("name", Json::str(license)),
                ("identifier", Json::str(license)),
            ]),
        ));
    }
    if let Some(url) = metadata.homepage.as_ref().or(metadata.repository.as_ref()) {
        info.push((
            "contact".to_owned(),
            Json::object([("url", Json::str(url))]),
        ));
    }
    info
}

/// The codes of one status, in catalog order.
fn codes_of(catalog: &Catalog, status: u16) -> Vec<&Code> {
    catalog
        .codes
        .iter()
        .filter(|c| c.status == status)
        .collect()
}

/// The schema components of one status: its envelope (`Error429`) and its `error` object
/// (`Error429Body`), whose code is one of that status's. Named schemas rather than `allOf` with
/// the generic envelope: every tool reads them alike (Redocly's example check closes the objects
/// of an `allOf` branch, openapi-typescript intersects them).
fn status_schemas(catalog: &Catalog, status: &Status, prefix: &str) -> [(String, Json); 2] {
    let codes = codes_of(catalog, status.code);
    let name = response_name(status.code);
    let body = format!("{name}Body");
    let envelope = Json::Object(envelope_members_with(
        catalog,
        prefix,
        format!(
            "{} envelope of a {} {} response",
            catalog.title, status.code, status.title
        ),
        &body,
        codes[0],
    ));
    let code = Json::object([
        (
            "description",
            Json::str(format!(
                "{} The codes of status {}.",
                catalog.envelope.code, status.code
            )),
        ),
        ("type", Json::str("string")),
        ("enum", Json::strings(codes.iter().map(|c| c.wire.as_str()))),
    ]);
    let body_schema = error_body(
        catalog,
        prefix,
        &format!(
            "{} A code of status {} {}.",
            catalog.envelope.error, status.code, status.title
        ),
        code,
    );
    [(name, envelope), (body, body_schema)]
}

/// The response component of one status: its schema component, its headers and one example per
/// code.
fn response(catalog: &Catalog, status: &Status) -> Json {
    let codes = codes_of(catalog, status.code);
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
    let schema = Json::object([(
        "$ref",
        Json::str(format!(
            "#/components/schemas/{}",
            response_name(status.code)
        )),
    )]);
    // One example per status, of its first code: every code's own example response is in the
    // page (`errors.md`), and one per code here would grow the document by a whole envelope per
    // code for a list that tools show as one menu.
    let example = codes[0];
    let examples = vec![(
        example.wire.clone(),
        Json::object([
            ("summary", Json::str(&example.message)),
            ("value", envelope_example(catalog, example)),
        ]),
    )];
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
        assert!(doc.contains("\"paths\": {},"));
    }

    #[test]
    fn info_states_the_license_and_contact_only_when_the_catalog_has_them() {
        let mut catalog = sample::catalog();
        let doc: serde_json::Value = serde_json::from_str(&document(&catalog)).unwrap();
        let license = catalog.metadata.license.clone().unwrap();
        assert_eq!(doc["info"]["license"]["identifier"], license.as_str());
        assert_eq!(doc["info"]["license"]["name"], license.as_str());
        catalog.metadata.license = None;
        catalog.metadata.homepage = None;
        catalog.metadata.repository = Some("https://example.com/repo".to_owned());
        let doc: serde_json::Value = serde_json::from_str(&document(&catalog)).unwrap();
        assert!(doc["info"].get("license").is_none());
        assert_eq!(doc["info"]["contact"]["url"], "https://example.com/repo");
        catalog.metadata.repository = None;
        let doc: serde_json::Value = serde_json::from_str(&document(&catalog)).unwrap();
        assert!(doc["info"].get("contact").is_none());
    }

    #[test]
    fn no_ref_has_sibling_keywords_but_a_description_and_each_status_has_its_schema() {
        let catalog = sample::catalog();
        let doc: serde_json::Value = serde_json::from_str(&document(&catalog)).unwrap();
        fn walk(value: &serde_json::Value, path: &str) {
            match value {
                serde_json::Value::Object(members) => {
                    if members.contains_key("$ref") {
                        let siblings: Vec<&String> = members
                            .keys()
                            .filter(|k| *k != "$ref" && *k != "description")
                            .collect();
                        assert!(siblings.is_empty(), "{path}: $ref beside {siblings:?}");
                    }
                    for (key, member) in members {
                        walk(member, &format!("{path}/{key}"));
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, &format!("{path}/{i}"));
                    }
                }
                _ => {}
            }
        }
        walk(&doc, "");
        for status in [400, 401, 429, 500, 503] {
            let name = format!("Error{status}");
            let schema = &doc["components"]["schemas"][&name];
            assert_eq!(
                schema["properties"]["error"]["$ref"],
                format!("#/components/schemas/{name}Body"),
                "{name}"
            );
            assert_eq!(schema["additionalProperties"], false);
            assert_eq!(
                doc["components"]["responses"][&name]["content"]["application/json"]["schema"]["$ref"],
                format!("#/components/schemas/{name}")
            );
        }
        let codes = &doc["components"]["schemas"]["Error503Body"]["properties"]["code"]["enum"];
        assert_eq!(codes, &serde_json::json!(["BACKEND_DOWN"]));
        let lenient = &doc["components"]["schemas"]["LenientErrorCode"]["anyOf"];
        assert_eq!(lenient[0]["$ref"], "#/components/schemas/ErrorCode");
        assert_eq!(lenient[1]["type"], "string");
    }
}
