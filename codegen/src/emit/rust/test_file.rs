//! `tests/catalog.rs`: integration tests with literal expectations written out from the catalog.
//!
//! Expectations come from the model, never from the generated crate's own tables, so a bug in
//! how the tables are emitted shows up as a failing test. The file is linear in the number of
//! codes: tables of rows and loops over them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rustdoc::{Doc, doc};
use super::{Ctx, EmitError, attributes, blank, error, lit, opt_lit, spaced};
use crate::emit::shared::examples;
use crate::emit::shared::json::json_string;
use crate::model::CODE_ATTRIBUTES;
use crate::rules;

pub(super) fn tokens(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let b = blank();
    let catalog = ctx.catalog;
    let krate = &ctx.krate;
    let module_doc = Doc::new()
        .md("Checks the crate against the catalog. Every expectation is written out from the catalog")
        .md("by the generator, not read from the crate's own tables.")
        .inner();
    let allow = if catalog.codes.iter().any(|c| c.deprecated.is_some()) {
        // The tests name every code, the deprecated ones too.
        quote!(#![allow(deprecated)])
    } else {
        TokenStream::new()
    };

    let rows = catalog
        .codes
        .iter()
        .enumerate()
        .map(|(index, code)| {
            let path = ctx.code_path(index);
            let name = lit(&ctx.codes[index].to_string());
            let wire = lit(&code.wire);
            let values = attributes::record_values(ctx, code)?;
            let deprecation = match &code.deprecated {
                Some(deprecation) => {
                    let since = lit(&deprecation.since);
                    let replaced_by =
                        super::evolution_file::replacement(deprecation.replaced_by.as_deref())?;
                    let note = opt_lit(deprecation.note.as_deref());
                    quote!(Some((#since, #replaced_by, #note)))
                }
                None => quote!(None),
            };
            Ok(quote! {
                Expected {
                    code: #path,
                    name: #name,
                    wire: #wire,
                    #values
                    deprecation: #deprecation,
                }
            })
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let expected_fields = attributes::record_fields()?;
    let mut attribute_checks = TokenStream::new();
    for attribute in CODE_ATTRIBUTES {
        let accessor = attributes::accessor(attribute)?;
        let field = attributes::field(attribute)?;
        attribute_checks.extend(quote!(assert_eq!(code.#accessor(), row.#field, "{}", row.wire);));
    }
    let categories = catalog
        .categories
        .iter()
        .zip(&ctx.categories)
        .map(|(category, variant)| {
            let id = lit(&category.id);
            let title = lit(&category.title);
            let description = lit(&category.description);
            quote!((Category::#variant, #id, #title, #description))
        });
    let statuses = catalog.statuses.iter().map(|status| {
        let code = Literal::u16_unsuffixed(status.code);
        let title = lit(&status.title);
        let retryable = status.retryable;
        quote!((#code, #title, #retryable))
    });
    let retryable_status = |status: u16| match catalog.status(status) {
        Some(known) => known.retryable,
        None => rules::default_retryable(status),
    };
    let other_statuses = [
        100, 204, 399, 404, 418, 428, 429, 430, 499, 500, 502, 504, 599, 600,
    ]
    .into_iter()
    .filter(|&status| catalog.status(status).is_none())
    .map(|status| {
        let retryable = retryable_status(status);
        let status = Literal::u16_unsuffixed(status);
        quote!((#status, #retryable))
    });
    let unknown = ctx.unknown_code("NOT_A_CODE");
    let first = &catalog.codes[0].wire;
    let not_codes = [
        unknown.clone(),
        String::new(),
        " ".to_owned(),
        unknown.to_lowercase(),
        first.to_lowercase(),
        format!("{first} "),
        format!(" {first}"),
    ]
    .into_iter()
    .filter(|text| catalog.codes.iter().all(|c| c.wire != *text))
    .map(|text| lit(&text));

    let (example_index, example) = ctx.example_code();
    let example_path = ctx.code_path(example_index);
    let example_status = Literal::u16_unsuffixed(example.status);
    let example_message = lit(&example.message);
    let example_display = lit(&format!("{}: {}", example.wire, example.message));
    let example_field = opt_lit(example.field.as_deref());
    let example_retryable = assert_bool(quote!(error.is_retryable()), example.retryable);
    let unknown_lit = lit(&unknown);
    let fallback_cases = [400u16, 429, 500, 502, 503, 504, 599, 600]
        .into_iter()
        .map(|status| {
            let retryable = retryable_status(status);
            let status = Literal::u16_unsuffixed(status);
            quote!((#status, #retryable))
        });
    let name = lit(&catalog.name);
    let version = lit(&catalog.version);

    let retired = catalog
        .retired
        .iter()
        .map(|retired| {
            let code = lit(&retired.wire);
            let since = lit(&retired.since);
            let status = Literal::u16_unsuffixed(retired.status);
            let replaced_by = super::evolution_file::replacement(retired.replaced_by.as_deref())?;
            let note = lit(&retired.note);
            Ok(quote!((#code, #since, #status, #replaced_by, #note)))
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let doc_retired =
        doc("Every retired code: wire string, since, last status, replacement, note.");
    let doc_expected = doc("What the catalog says about one code.");
    let doc_codes = doc("Every code, in catalog order.");
    let doc_categories = doc("Every category, in catalog order: variant, id, title, description.");
    let doc_statuses = doc("The status table: code, title, retryable.");
    let doc_other = doc(
        "Statuses missing from the table, around the bounds of the default rule (429 and 5xx are retryable, nothing else), and whether they are retryable.",
    );
    let doc_not_codes = doc("Strings that are not codes of the catalog.");

    let items = spaced([
        quote! {
            use std::collections::HashSet;
        },
        quote! {
            use #krate::{
                ApiError, CATALOG_NAME, CATALOG_VERSION, Category, Code, Details, ErrorBody, ErrorCode, ErrorEnvelope,
                HttpStatus, Meta, RETIRED_CODES, RetiredCode, STATUSES, is_retryable_status,
            };
        },
        quote! {
            #doc_expected
            struct Expected {
                code: ErrorCode,
                name: &'static str,
                wire: &'static str,
                #expected_fields
                deprecation: Option<(&'static str, Option<ErrorCode>, Option<&'static str>)>,
            }
        },
        quote! {
            #doc_codes
            const CODES: &[Expected] = &[#(#rows),*];
        },
        quote! {
            #doc_categories
            const CATEGORIES: &[(Category, &str, &str, &str)] = &[#(#categories),*];
        },
        quote! {
            #doc_statuses
            const STATUS_TABLE: &[(u16, &str, bool)] = &[#(#statuses),*];
        },
        quote! {
            #doc_other
            const OTHER_STATUSES: &[(u16, bool)] = &[#(#other_statuses),*];
        },
        quote! {
            #doc_not_codes
            const NOT_CODES: &[&str] = &[#(#not_codes),*];
        },
        quote! {
            #doc_retired
            const RETIRED: &[(&str, &str, u16, Option<ErrorCode>, &str)] = &[#(#retired),*];
        },
        quote! {
            #[test]
            fn catalog_identity() {
                assert_eq!(CATALOG_NAME, #name);
                assert_eq!(CATALOG_VERSION, #version);
            }
        },
        quote! {
            #[test]
            fn all_lists_every_code_in_catalog_order() {
                let expected: Vec<ErrorCode> = CODES.iter().map(|row| row.code).collect();
                assert_eq!(ErrorCode::ALL, expected.as_slice());
                for (index, &code) in ErrorCode::ALL.iter().enumerate() {
                    assert_eq!(code as usize, index, "discriminant of {code:?}");
                }
            }
        },
        quote! {
            #[test]
            fn codes_match_the_catalog() {
                for row in CODES {
                    let code = row.code;
                    assert_eq!(code.as_str(), row.wire);
                    assert_eq!(code.to_string(), row.wire);
                    assert_eq!(code.as_ref(), row.wire);
                    assert_eq!(format!("{code:?}"), row.name);
                    #attribute_checks
                    assert!(code.category().codes().any(|other| other == code), "{}", row.wire);
                    let deprecation = code.deprecation().map(|d| (d.since, d.replaced_by, d.note));
                    assert_eq!(deprecation, row.deprecation, "{}", row.wire);
                    assert_eq!(code.is_deprecated(), row.deprecation.is_some(), "{}", row.wire);
                }
            }
        },
        quote! {
            #[test]
            fn retired_codes_are_known_but_parse_as_unknown() {
                let found: Vec<_> = RETIRED_CODES
                    .iter()
                    .map(|r| (r.code, r.since, r.status, r.replaced_by, r.note))
                    .collect();
                assert_eq!(found, RETIRED);
                for &(code, ..) in RETIRED {
                    let retired = RetiredCode::lookup(code).expect("a retired code");
                    assert_eq!(retired.code, code);
                    assert_eq!(ErrorCode::lookup(code), None, "{code}");
                    assert!(matches!(Code::from(code), Code::Unknown(u) if u.code() == code));
                }
                for row in CODES {
                    assert_eq!(RetiredCode::lookup(row.wire), None, "{}", row.wire);
                }
            }
        },
        quote! {
            #[test]
            fn unknown_codes_never_hold_a_known_code() {
                for row in CODES {
                    assert!(row.wire.parse::<ErrorCode>().is_ok());
                    assert!(Code::from(row.wire).is_known(), "{}", row.wire);
                }
                for &other in NOT_CODES {
                    let unknown = other.parse::<ErrorCode>().unwrap_err();
                    assert_eq!(unknown.as_ref(), other);
                    assert_eq!(unknown.clone().into_inner(), other);
                    assert_eq!(Code::from(other), Code::Unknown(unknown));
                }
            }
        },
        quote! {
            #[test]
            fn categories_parse_from_their_ids() {
                for &(category, id, _, _) in CATEGORIES {
                    assert_eq!(id.parse::<Category>(), Ok(category));
                    assert_eq!(category.as_ref(), id);
                }
                let error = "not a category".parse::<Category>().unwrap_err();
                assert_eq!(error.id(), "not a category");
                assert_eq!(error.to_string(), "unknown error category `not a category`");
            }
        },
        quote! {
            #[test]
            fn codes_round_trip_through_their_wire_strings() {
                for row in CODES {
                    assert_eq!(ErrorCode::lookup(row.wire), Some(row.code));
                    assert_eq!(row.wire.parse::<ErrorCode>(), Ok(row.code));
                    assert_eq!(row.code.as_str().parse::<ErrorCode>(), Ok(row.code));
                    assert_eq!(Code::from(row.wire), Code::Known(row.code));
                    assert_eq!(Code::from(row.wire.to_owned()), row.code);
                    assert_eq!(row.wire.parse::<Code>(), Ok(Code::Known(row.code)));
                    assert_eq!(Code::from(row.code).as_str(), row.wire);
                }
            }
        },
        quote! {
            #[test]
            fn other_strings_are_not_codes() {
                let codes: HashSet<&str> = CODES.iter().map(|row| row.wire).collect();
                let mut others: Vec<String> = NOT_CODES.iter().map(|other| (*other).to_owned()).collect();
                for row in CODES {
                    let mut shorter = row.wire.to_owned();
                    shorter.pop();
                    others.extend([row.wire.to_ascii_lowercase(), format!("{}_", row.wire), shorter]);
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
        },
        quote! {
            #[test]
            fn categories_match_the_catalog() {
                let expected: Vec<Category> = CATEGORIES.iter().map(|row| row.0).collect();
                assert_eq!(Category::ALL, expected.as_slice());
                for &(category, id, title, description) in CATEGORIES {
                    assert_eq!(category.as_str(), id);
                    assert_eq!(category.to_string(), id);
                    assert_eq!(category.title(), title);
                    assert_eq!(category.description(), description);
                    assert_eq!(Category::lookup(id), Some(category));
                    let codes: Vec<ErrorCode> = CODES.iter().filter(|row| row.category == category).map(|row| row.code).collect();
                    assert_eq!(category.codes().collect::<Vec<_>>(), codes);
                }
            }
        },
        quote! {
            #[test]
            fn statuses_match_the_catalog() {
                let table: Vec<(u16, &str, bool)> = STATUSES.iter().map(|s| (s.code, s.title, s.retryable)).collect();
                assert_eq!(table, STATUS_TABLE);
                for &(code, title, retryable) in STATUS_TABLE {
                    assert_eq!(HttpStatus::lookup(code), Some(&HttpStatus::new(code, title, retryable)));
                    assert_eq!(is_retryable_status(code), retryable);
                }
            }
        },
        quote! {
            #[test]
            fn statuses_outside_the_table_are_retryable_for_429_and_5xx_only() {
                for &(code, retryable) in OTHER_STATUSES {
                    assert_eq!(HttpStatus::lookup(code), None);
                    assert_eq!(is_retryable_status(code), retryable, "{code}");
                }
            }
        },
        quote! {
            #[test]
            fn api_errors_take_status_and_message_from_the_catalog() {
                let error = ApiError::new(#example_path);
                assert_eq!(error.code(), Some(&Code::Known(#example_path)));
                assert_eq!(error.known_code(), Some(#example_path));
                assert_eq!(error.status(), #example_status);
                assert_eq!(error.message(), #example_message);
                assert_eq!(error.details().and_then(|details| details.field.as_deref()), #example_field);
                assert_eq!(error.request_id(), None);
                assert_eq!(error.timestamp(), None);
                #example_retryable
                assert_eq!(error.to_string(), #example_display);
                assert_eq!(error.to_envelope().meta, None);
                assert_eq!(ApiError::from(#example_path), error);
                for row in CODES {
                    let error = ApiError::new(row.code);
                    assert_eq!(error.status(), row.status);
                    assert_eq!(error.message(), row.message);
                    assert_eq!(error.details().and_then(|details| details.field.as_deref()), row.field);
                    assert_eq!(error.is_retryable(), row.retryable);
                }
            }
        },
        quote! {
            #[test]
            fn api_error_builders() {
                let error = ApiError::new(#example_path)
                    .with_message("Custom message")
                    .with_field("some_field")
                    .with_issue("some issue")
                    .with_request_id("req_1")
                    .with_timestamp("2024-01-01T00:00:00Z");
                assert_eq!(error.message(), "Custom message");
                let details = Details::new().with_field("some_field").with_issue("some issue");
                assert_eq!(details.field.as_deref(), Some("some_field"));
                assert_eq!(details.issue.as_deref(), Some("some issue"));
                assert_eq!(error.details(), Some(&details));
                assert_eq!(error.request_id(), Some("req_1"));
                assert_eq!(error.timestamp(), Some("2024-01-01T00:00:00Z"));
                let envelope = error.to_envelope();
                assert!(!envelope.success);
                assert_eq!(envelope.error.code, #example_path);
                assert_eq!(envelope.error.details.as_ref(), Some(&details));
                let meta = Meta::new().with_request_id("req_1").with_timestamp("2024-01-01T00:00:00Z");
                assert_eq!(meta.request_id.as_deref(), Some("req_1"));
                assert_eq!(meta.timestamp.as_deref(), Some("2024-01-01T00:00:00Z"));
                let built = ErrorEnvelope::new(
                    ErrorBody::new(#example_path, error.message()).with_details(details.clone()),
                )
                .with_meta(meta.clone());
                assert_eq!(built, envelope);
                assert_eq!(envelope.meta, Some(meta));
                assert_eq!(ApiError::from_envelope(error.status(), envelope), error);
                let error = error.with_details(Details::default());
                assert_eq!(error.details(), Some(&Details::default()));
            }
        },
        quote! {
            #[test]
            fn unknown_codes_fall_back_to_the_status() {
                for (status, retryable) in [#(#fallback_cases),*] {
                    let envelope = ErrorEnvelope::new(ErrorBody::new(#unknown_lit, "Something new"));
                    let error = ApiError::from_envelope(status, envelope);
                    assert_eq!(error.known_code(), None);
                    assert_eq!(error.code().map(Code::as_str), Some(#unknown_lit));
                    assert_eq!(error.status(), status);
                    assert_eq!(error.is_retryable(), retryable, "{status}");
                }
            }
        },
        quote! {
            #[cfg(feature = "http")]
            #[test]
            fn http_statuses() {
                for row in CODES {
                    assert_eq!(row.code.http_status().as_u16(), row.status);
                    assert_eq!(ApiError::new(row.code).http_status().as_u16(), row.status);
                }
            }
        },
        quote! {
            #[cfg(feature = "axum")]
            #[test]
            fn axum_responses_carry_the_status_and_a_json_body() {
                use axum::response::IntoResponse;
                for row in CODES {
                    let response = ApiError::new(row.code).into_response();
                    assert_eq!(response.status().as_u16(), row.status);
                    let content_type = response.headers().get("content-type").map(|v| v.as_bytes());
                    assert_eq!(content_type, Some(&b"application/json"[..]));
                }
            }
        },
        json_module(ctx, &b)?,
    ]);
    Ok(quote! {
        #module_doc
        #allow
        #items
    })
}

/// The serde tests: exact envelopes per code, lenient and strict parsing.
fn json_module(ctx: &Ctx, b: &TokenStream) -> Result<TokenStream, EmitError> {
    let catalog = ctx.catalog;
    let envelope = &catalog.envelope;
    let envelopes = catalog
        .codes
        .iter()
        .enumerate()
        .map(|(index, code)| {
            let path = ctx.code_path(index);
            let json = examples::envelope(catalog, code).compact();
            let json = raw_lit(&json)?;
            Ok(quote!((#path, #json)))
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let request_id = lit(&envelope.request_id_example);
    let timestamp = lit(&envelope.timestamp_example);
    let unknown = ctx.unknown_code("NOT_A_CODE");
    let unknown_lit = lit(&unknown);
    let unknown_json = raw_lit(&format!(
        "{{\"success\":false,\"error\":{{\"code\":{},\"message\":\"Something new\",\"details\":{{\"issue\":\"new\"}}}},\"meta\":{{\"request_id\":\"req_1\"}}}}",
        json_string(&unknown)
    ))?;
    let first = &catalog.codes[0];
    let first_path = ctx.code_path(0);
    let minimal_json = raw_lit(&format!(
        "{{\"error\":{{\"code\":{}}}}}",
        json_string(&first.wire)
    ))?;
    let extra_json = raw_lit(&format!(
        "{{\"success\":false,\"error\":{{\"code\":{},\"message\":\"m\",\"extra\":[1]}},\"meta\":{{\"region\":\"eu\"}},\"version\":2}}",
        json_string(&first.wire)
    ))?;
    let retryable_503 = assert_bool(
        quote!(error.is_retryable()),
        catalog.status(503).is_none_or(|status| status.retryable),
    );
    let doc_envelopes = Doc::new()
        .md("The exact JSON of `ApiError::new(code)` with [`REQUEST_ID`] and [`TIMESTAMP`], for every code")
        .md("in catalog order.")
        .outer();
    Ok(quote! {
        #[cfg(feature = "serde")]
        mod json {
            use super::*;
            #b
            use serde_json::Value;
            #b
            const REQUEST_ID: &str = #request_id;
            const TIMESTAMP: &str = #timestamp;
            #b
            #doc_envelopes
            const ENVELOPES: &[(ErrorCode, &str)] = &[#(#envelopes),*];
            #b
            #[test]
            fn envelopes_serialize_exactly_and_round_trip() {
                assert_eq!(ENVELOPES.len(), CODES.len());
                for (row, &(code, json)) in CODES.iter().zip(ENVELOPES) {
                    assert_eq!(code, row.code);
                    let error = ApiError::new(code).with_request_id(REQUEST_ID).with_timestamp(TIMESTAMP);
                    let envelope = error.to_envelope();
                    assert_eq!(serde_json::to_string(&envelope).unwrap(), json);
                    let read: ErrorEnvelope = serde_json::from_str(json).unwrap();
                    assert_eq!(read, envelope);
                    assert_eq!(ApiError::from_envelope(row.status, read), error);
                }
            }
            #b
            #[test]
            fn codes_serialize_as_wire_strings() {
                for row in CODES {
                    assert_eq!(serde_json::to_value(row.code).unwrap(), Value::from(row.wire));
                    assert_eq!(serde_json::from_value::<ErrorCode>(Value::from(row.wire)).unwrap(), row.code);
                    assert_eq!(serde_json::to_value(Code::from(row.code)).unwrap(), Value::from(row.wire));
                    assert_eq!(serde_json::from_value::<Code>(Value::from(row.wire)).unwrap(), row.code);
                }
                for &other in NOT_CODES {
                    assert!(serde_json::from_value::<ErrorCode>(Value::from(other)).is_err(), "{other:?}");
                    let code: Code = serde_json::from_value(Value::from(other)).unwrap();
                    assert!(matches!(&code, Code::Unknown(u) if u.code() == other));
                    assert_eq!(serde_json::to_value(code).unwrap(), Value::from(other));
                }
            }
            #b
            #[test]
            fn categories_serialize_as_ids() {
                for &(category, id, _, _) in CATEGORIES {
                    assert_eq!(serde_json::to_value(category).unwrap(), Value::from(id));
                    assert_eq!(serde_json::from_value::<Category>(Value::from(id)).unwrap(), category);
                }
                assert!(serde_json::from_value::<Category>(Value::from("not a category")).is_err());
            }
            #b
            #[test]
            fn success_true_is_not_an_error_envelope() {
                let json = #unknown_json;
                let success = json.replacen("\"success\":false", "\"success\":true", 1);
                assert_ne!(success, json);
                let error = serde_json::from_str::<ErrorEnvelope>(&success).unwrap_err();
                assert!(error.to_string().contains("success"), "{error}");
                let absent = json.replacen("\"success\":false,", "", 1);
                assert!(!serde_json::from_str::<ErrorEnvelope>(&absent).unwrap().success);
            }
            #b
            #[test]
            fn unknown_codes_are_kept() {
                let json = #unknown_json;
                let envelope: ErrorEnvelope = serde_json::from_str(json).unwrap();
                assert!(matches!(&envelope.error.code, Code::Unknown(u) if u.code() == #unknown_lit));
                assert_eq!(serde_json::to_string(&envelope).unwrap(), json);
                let error = ApiError::from_envelope(503, envelope);
                assert_eq!(error.code().map(Code::as_str), Some(#unknown_lit));
                assert_eq!(error.message(), "Something new");
                assert_eq!(error.request_id(), Some("req_1"));
                #retryable_503
            }
            #b
            #[test]
            fn missing_and_unknown_members_are_accepted() {
                let envelope: ErrorEnvelope = serde_json::from_str(#minimal_json).unwrap();
                assert!(!envelope.success);
                assert_eq!(envelope.error.code, #first_path);
                assert_eq!(envelope.error.message, "");
                assert_eq!(envelope.error.details, None);
                assert_eq!(envelope.meta, None);
                let envelope: ErrorEnvelope = serde_json::from_str(#extra_json).unwrap();
                assert_eq!(envelope.error.code, #first_path);
                assert_eq!(envelope.error.message, "m");
                assert_eq!(envelope.meta, Some(Meta::default()));
            }
        }
    })
}

/// `assert!(expr);` or `assert!(!expr);`: clippy rejects `assert_eq!` with a literal bool.
fn assert_bool(expr: TokenStream, value: bool) -> TokenStream {
    if value {
        quote!(assert!(#expr);)
    } else {
        quote!(assert!(!#expr);)
    }
}

/// A raw string literal holding `text`, with enough `#`s; a plain, escaped one when the text
/// holds a character that shows as nothing, which clippy's `invisible_characters` rejects in a
/// literal.
fn raw_lit(text: &str) -> Result<Literal, EmitError> {
    if text.contains(['\u{200B}', '\u{00AD}', '\u{2060}']) {
        return Ok(Literal::string(text));
    }
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let hashes = "#".repeat(hashes);
    let source = format!("r{hashes}\"{text}\"{hashes}");
    source
        .parse()
        .map_err(|e| error(format!("bad raw string literal {source}: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_literals_outgrow_their_content() {
        assert_eq!(
            raw_lit("{\"a\":1}").unwrap().to_string(),
            "r#\"{\"a\":1}\"#"
        );
        assert_eq!(raw_lit("\"#x").unwrap().to_string(), "r##\"\"#x\"##");
        assert_eq!(
            raw_lit("\"a\u{200B}b\u{AD}\u{2060}\"").unwrap().to_string(),
            r#""\"a\u{200b}b\u{ad}\u{2060}\"""#
        );
    }
}
