//! `src/lib.rs`: crate docs, constants and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::rustdoc::{Doc, doc};
use super::{Ctx, lit, spaced};
use crate::emit::shared::markdown::{code_block, code_span, heading};

pub(super) fn tokens(ctx: &Ctx) -> TokenStream {
    let catalog = ctx.catalog;
    let name = lit(&catalog.name);
    let version = lit(&catalog.version);
    let crate_docs = Doc::new()
        .md(format!("# {}", heading(&catalog.title)))
        .text_para(&catalog.description)
        .md_para(format!(
            "Generated from version {} of the catalog {}: {} ([`ErrorCode`]) in {}",
            code_span(&catalog.version),
            code_span(&catalog.name),
            count(catalog.codes.len(), "error code", "error codes"),
            count(catalog.categories.len(), "category", "categories"),
        ))
        .md("([`Category`]), the HTTP status table ([`STATUSES`]), the JSON error envelope")
        .md("([`ErrorEnvelope`]) and an error type that speaks it ([`ApiError`]). Codes received from")
        .md("a newer server are kept as [`Code::Unknown`].")
        .md_para("# Example")
        .md_para(code_block("", &example(ctx)))
        .md_para("# Features")
        .md_para("- `serde` (default): `Serialize` and `Deserialize` for codes, categories and the envelope.")
        .md("- `json` (default): `ApiError::from_response_parts`, which reads any error response")
        .md("  (depends on `serde_json`).")
        .md("- `http`: `http::StatusCode` accessors and `ApiError::from_http_response`.")
        .md("- `axum`: `IntoResponse` for [`ApiError`] (with `Retry-After`, `WWW-Authenticate` and")
        .md("  `X-Request-Id`), the `stamp_request_ids` middleware and, for browser clients of another")
        .md("  origin, the `expose_error_headers` middleware (enables `http` and `serde`).")
        .md_para("# Minimum supported Rust version")
        .md_para("The oldest Rust each feature builds with, as measured: the newest of what the crate's own code")
        .md("needs (clippy's `incompatible_msrv` lint against the standard library's stability of each API")
        .md("used, and the language features it uses) and the `rust-version` each dependency declares.")
        .md_para(super::manifest::msrv_table().trim_end())
        .inner();
    let doc_name = doc("The catalog's name, also this package's name.");
    let doc_version = doc("The catalog's version, also this package's version.");
    let items = spaced([
        quote! {
            mod category;
            mod code;
            mod envelope;
            mod envelope_docs;
            mod error;
            mod evolution;
            #[cfg(feature = "json")]
            mod response;
            #[cfg(feature = "axum")]
            mod server;
            mod status;
            #[cfg(any(feature = "json", feature = "axum"))]
            mod time;
            mod wire;
        },
        quote! {
            pub use category::Category;
            pub use code::ErrorCode;
            pub use envelope::{Details, ErrorBody, ErrorEnvelope, Meta};
            pub use error::{ApiError, DEFAULT_CHALLENGE};
            pub use evolution::{Deprecation, RetiredCode, RETIRED_CODES};
            #[cfg(feature = "json")]
            pub use response::{BODY_LIMIT, RETRY_AFTER_LIMIT};
            #[cfg(feature = "axum")]
            pub use server::{expose_error_headers, stamp_request_ids, RequestId, EXPOSED_HEADERS};
            pub use status::{is_retryable_status, Family, HttpStatus, STATUSES};
            pub use wire::{Code, UnknownCategory, UnknownCode};
        },
        quote! {
            #doc_name
            pub const CATALOG_NAME: &str = #name;
        },
        quote! {
            #doc_version
            pub const CATALOG_VERSION: &str = #version;
        },
    ]);
    quote! {
        #crate_docs
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]
        #![warn(clippy::must_use_candidate)]
        #items
    }
}

/// `1 category`, `6 categories`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The crate-level doctest, with the example code's literal facts.
pub(super) fn example(ctx: &Ctx) -> String {
    let krate = &ctx.krate;
    let (index, code) = ctx.example_code();
    let variant = &ctx.codes[index];
    let wire = lit(&code.wire);
    let display = lit(&format!("{}: {}", code.wire, code.message));
    let retryable = if code.retryable {
        "assert!(code.is_retryable());"
    } else {
        "assert!(!code.is_retryable());"
    };
    let unknown = lit(&ctx.unknown_code("SOME_NEWER_CODE"));
    let field_check = match &code.field {
        Some(field) => format!(
            "let details = error.details().expect(\"the code concerns a field\");\nassert_eq!(details.field.as_deref(), Some({}));\n",
            lit(field)
        ),
        None => String::new(),
    };
    format!(
        "use {krate}::{{ApiError, Code, ErrorCode}};\n\
         \n\
         // Codes parse from their wire strings and know their status and retryability.\n\
         let code: ErrorCode = {wire}.parse()?;\n\
         assert_eq!(code, ErrorCode::{variant});\n\
         assert_eq!(code.status(), {status});\n\
         {retryable}\n\
         \n\
         // Servers answer with an `ApiError`; its envelope is the JSON body.\n\
         let error = ApiError::new(code).with_request_id({request_id});\n\
         assert_eq!(error.to_string(), {display});\n\
         {field_check}\
         assert_eq!(error.to_envelope().error.code, code);\n\
         \n\
         // Clients keep codes newer than this crate.\n\
         let received = Code::from({unknown});\n\
         assert!(!received.is_known());\n\
         \n\
         // And read any error response without failing, even a proxy's HTML page.\n\
         # #[cfg(feature = \"json\")] {{\n\
         let error = ApiError::from_response_parts(502, &[(\"Retry-After\", \"2\")], b\"<html>Bad Gateway</html>\");\n\
         assert_eq!(error.code(), None);\n\
         assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(2)));\n\
         # }}\n\
         # Ok::<(), {krate}::UnknownCode>(())",
        status = code.status,
        request_id = lit(&ctx.catalog.envelope.request_id_example),
    )
}
