//! The reference docs target (`docs/`): the Markdown error reference API users read
//! (`errors.md`), a JSON Schema of the error envelope (`error-envelope.schema.json`) and an
//! OpenAPI 3.1 `components` document (`openapi.json`), all from the catalog, never by hand.
//!
//! Anchors are stable: each code has the lowercase code as its anchor
//! (`errors.md#rate_limit_exceeded`), each category `category-<id with ->`, each status
//! `status-<code>`; the page's own sections use hyphenated names listed in [`SECTION_ANCHORS`].

pub mod examples;
pub mod markdown;
mod reference;
pub mod schema;

use super::json::Json;
use super::{EmitError, GeneratedFile, NameSource, Naming};
use crate::model::{Catalog, Code};

const TARGET: &str = "docs";

/// Anchors of the page's own sections. A code whose anchor would be one of them is rejected by
/// validation (codes never contain `-`, so only the one-word ones can actually collide; the
/// others are listed so that the list stays complete).
pub const SECTION_ANCHORS: &[&str] = &[
    "contents",
    "envelope",
    "statuses",
    "codes",
    "field-specific-errors",
    "request-id",
    "handling",
    "retrying",
    "explain",
    "schemas",
];

/// Identifier conversions of the docs target: the anchors of codes and categories.
pub const NAMINGS: &[Naming] = &[
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "`errors.md` anchor",
        convert: code_anchor,
        reserved: SECTION_ANCHORS,
    },
    Naming {
        target: TARGET,
        source: NameSource::Category,
        what: "`errors.md` anchor",
        convert: category_anchor,
        // `category-…` is never a section's anchor.
        reserved: &[],
    },
];

/// The anchor of a code: the code in lowercase (`RATE_LIMIT_EXCEEDED` → `rate_limit_exceeded`),
/// also the GitHub slug of a heading that is the code.
pub fn code_anchor(code: &str) -> String {
    code.to_ascii_lowercase()
}

/// The anchor of a category (`rate_limit` → `category-rate-limit`): never a code's anchor (those
/// have no `-`) nor a section's.
pub fn category_anchor(id: &str) -> String {
    format!("category-{}", id.replace('_', "-"))
}

/// The anchor of a row of the status table (`status-429`).
pub fn status_anchor(status: u16) -> String {
    format!("status-{status}")
}

/// Generates `docs/errors.md`, `docs/error-envelope.schema.json` and `docs/openapi.json`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    if catalog.codes.is_empty() {
        return Err(EmitError {
            target: TARGET,
            message: "the catalog has no codes".to_owned(),
        });
    }
    for code in &catalog.codes {
        if catalog.categories.get(code.category).is_none() {
            return Err(EmitError {
                target: TARGET,
                message: format!("code `{}` names no category", code.code),
            });
        }
    }
    Ok(vec![
        GeneratedFile {
            path: "docs/error-envelope.schema.json".to_owned(),
            contents: schema::envelope_schema(catalog),
        },
        GeneratedFile {
            path: "docs/errors.md".to_owned(),
            contents: reference::page(catalog),
        },
        GeneratedFile {
            path: "docs/openapi.json".to_owned(),
            contents: schema::openapi(catalog),
        },
    ])
}

/// The envelope a server sends for `code` with the example request id and timestamp: the
/// details name the code's field when it has one.
pub(crate) fn envelope_example(catalog: &Catalog, code: &Code) -> Json {
    let mut error = vec![
        ("code", Json::str(&code.code)),
        ("message", Json::str(&code.message)),
    ];
    if let Some(field) = &code.field {
        error.push(("details", Json::object([("field", Json::str(field))])));
    }
    Json::object([
        ("success", Json::Bool(false)),
        ("error", Json::object(error)),
        (
            "meta",
            Json::object([
                (
                    "request_id",
                    Json::str(&catalog.envelope.request_id_example),
                ),
                ("timestamp", Json::str(&catalog.envelope.timestamp_example)),
            ]),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::header_comment;
    use crate::emit::rust::sample;

    #[test]
    fn anchors_are_lowercase_codes_and_prefixed_categories() {
        assert_eq!(code_anchor("RATE_LIMIT_EXCEEDED"), "rate_limit_exceeded");
        assert_eq!(code_anchor("HTTP2_ERROR"), "http2_error");
        assert_eq!(category_anchor("rate_limit"), "category-rate-limit");
        assert_eq!(status_anchor(429), "status-429");
        assert_eq!(NAMINGS.len(), 2);
        // A code named like a section would take its anchor.
        assert!(
            NAMINGS[0]
                .reserved
                .contains(&code_anchor("ENVELOPE").as_str())
        );
    }

    #[test]
    fn generates_three_files_with_the_header_and_one_trailing_newline() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "docs/error-envelope.schema.json",
                "docs/errors.md",
                "docs/openapi.json"
            ]
        );
        let [line1, line2] = crate::emit::header_lines(&catalog);
        for file in &files {
            let head: String = file.contents.lines().take(3).collect::<Vec<_>>().join("\n");
            assert!(
                head.contains(&line1) && head.contains(&line2),
                "{}",
                file.path
            );
            assert!(file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"));
            assert!(!file.contents.contains('\r'), "{}", file.path);
        }
        assert!(!files[1].contents.contains(&header_comment(&catalog, "#")));
    }

    #[test]
    fn generation_is_deterministic_and_rejects_an_empty_catalog() {
        let mut catalog = sample::catalog();
        assert_eq!(generate(&catalog).unwrap(), generate(&catalog).unwrap());
        catalog.codes.clear();
        assert!(generate(&catalog).is_err());
    }

    #[test]
    fn envelope_example_names_the_field() {
        let catalog = sample::catalog();
        let code = &catalog.codes[3];
        assert_eq!(
            envelope_example(&catalog, code).pretty(),
            "{\n  \"success\": false,\n  \"error\": {\n    \"code\": \"INVALID_TEMPERATURE\",\n    \"message\": \"Temperature must be between 0 and 2 (\\\"quoted\\\" \\\\ `ticks` é)\",\n    \"details\": {\n      \"field\": \"temperature\"\n    }\n  },\n  \"meta\": {\n    \"request_id\": \"req_1234567890\",\n    \"timestamp\": \"2024-01-01T00:00:00Z\"\n  }\n}\n"
        );
    }
}
