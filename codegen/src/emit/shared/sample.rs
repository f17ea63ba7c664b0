//! A small hand-built catalog for the emitters' unit tests: codes of several status families, a
//! field code, a 5xx code that overrides its retryability, and text that needs escaping.

use crate::model::{Author, Catalog, Category, Code, Envelope, PackageMetadata, Status};
use crate::rules::default_retryable;

fn code(code: &str, status: u16, category: usize, field: Option<&str>) -> Code {
    Code {
        wire: code.to_owned(),
        status,
        message: format!("{} happened", code.to_lowercase().replace('_', " ")),
        description: format!("What `{code}` means."),
        category,
        field: field.map(str::to_owned),
        retryable: default_retryable(status),
        remedy: None,
        deprecated: None,
    }
}

fn status(code: u16, title: &str) -> Status {
    Status {
        code,
        title: title.to_owned(),
        retryable: default_retryable(code),
    }
}

pub fn catalog() -> Catalog {
    Catalog {
        source_name: "catalog.toml".to_owned(),
        name: "sample-errors".to_owned(),
        version: "1.2.3".to_owned(),
        title: "Sample *errors*".to_owned(),
        description: "Errors of the sample API.\n\nSecond paragraph with a [link] and \"quotes\"."
            .to_owned(),
        metadata: PackageMetadata {
            license: Some("MIT OR Apache-2.0".to_owned()),
            repository: Some("https://example.com/sample/errors".to_owned()),
            homepage: None,
            authors: vec![Author {
                name: "Jane O'Neil".to_owned(),
                email: Some("jane@example.com".to_owned()),
            }],
            keywords: vec!["errors".to_owned(), "c++".to_owned()],
        },
        statuses: vec![
            status(200, "Success"),
            status(400, "Bad Request"),
            status(401, "Unauthorized"),
            status(429, "Rate Limit Exceeded"),
            status(500, "Internal Server Error"),
            status(503, "Service Unavailable"),
        ],
        categories: vec![
            Category {
                id: "authentication".to_owned(),
                title: "Authentication Errors".to_owned(),
                description: "The API key is missing or wrong.".to_owned(),
            },
            Category {
                id: "rate_limit".to_owned(),
                title: "Rate Limiting Errors".to_owned(),
                description: "Too many requests.\nSlow down.".to_owned(),
            },
            Category {
                id: "text_generation".to_owned(),
                title: "Text Generation Errors".to_owned(),
                description: "Invalid generation parameters.".to_owned(),
            },
        ],
        codes: vec![
            Code {
                remedy: Some(
                    "Send the key as `Authorization: Bearer <key>` | \"quoted\"".to_owned(),
                ),
                ..code("NO_CREDENTIALS", 401, 0, None)
            },
            code("HTTP2_ERROR", 500, 0, None),
            code("TOO_MANY_CALLS", 429, 1, None),
            Code {
                message: "Temperature must be between 0 and 2 (\"quoted\" \\ `ticks` é)".to_owned(),
                description: "Line one.\n\n# Not a heading\n- not a list <b>".to_owned(),
                ..code("BAD_TEMPERATURE", 400, 2, Some("temperature"))
            },
            Code {
                retryable: false,
                ..code("BACKEND_DOWN", 503, 1, None)
            },
        ],
        retired: Vec::new(),
        envelope: Envelope {
            description: "All API errors follow a consistent format.".to_owned(),
            success: "Always `false`.".to_owned(),
            error: "The error.".to_owned(),
            code: "The code.".to_owned(),
            message: "The message.".to_owned(),
            details: "Details.".to_owned(),
            field: "The field.".to_owned(),
            issue: "The issue.".to_owned(),
            meta: "Metadata.".to_owned(),
            request_id: "The request id.".to_owned(),
            timestamp: "The time.".to_owned(),
            request_id_example: "req_1234567890".to_owned(),
            timestamp_example: "2024-01-01T00:00:00Z".to_owned(),
        },
    }
}
