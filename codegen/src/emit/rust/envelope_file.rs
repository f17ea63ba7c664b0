//! `src/envelope.rs`: the JSON error envelope.

use proc_macro2::TokenStream;
use quote::quote;

use super::rustdoc::{Doc, code_block};
use super::{Ctx, json_string, spaced};

pub(super) fn tokens(ctx: &Ctx) -> TokenStream {
    let envelope = &ctx.catalog.envelope;
    let example = ctx.example_code();
    let details = match &example.field {
        Some(field) => format!(
            ",\n    \"details\": {{ \"field\": {} }}",
            json_string(field)
        ),
        None => String::new(),
    };
    let json = format!(
        "{{\n  \"success\": false,\n  \"error\": {{\n    \"code\": {},\n    \"message\": {}{details}\n  }},\n  \"meta\": {{ \"request_id\": {}, \"timestamp\": {} }}\n}}",
        json_string(&example.wire),
        json_string(&example.message),
        json_string(&envelope.request_id_example),
        json_string(&envelope.timestamp_example),
    );
    let module_doc = Doc::new()
        .md("The JSON error envelope: the body of every error response.")
        .inner();
    let serde_note = "With the `serde` feature it serializes to exactly this shape: `None` members are\n\
                      left out, missing ones read as `None`, and unknown ones are ignored.";
    let doc_envelope = Doc::new()
        .text(&envelope.description)
        .md_para(code_block("json", &json))
        .md_para(serde_note)
        .outer();
    let doc_success = Doc::new()
        .text(&envelope.success)
        .md_para("Read as `false` when absent.")
        .outer();
    let doc_error = Doc::new().text(&envelope.error).outer();
    let doc_meta = Doc::new().text(&envelope.meta).outer();
    let doc_body = Doc::new()
        .md("The `error` member of an [`ErrorEnvelope`].")
        .text_para(&envelope.error)
        .outer();
    let doc_code = Doc::new().text(&envelope.code).outer();
    let doc_message = Doc::new()
        .text(&envelope.message)
        .md_para("Read as empty when absent.")
        .outer();
    let doc_details = Doc::new().text(&envelope.details).outer();
    let doc_details_struct = Doc::new()
        .md("The `error.details` member of an [`ErrorEnvelope`].")
        .text_para(&envelope.details)
        .outer();
    let doc_field = Doc::new().text(&envelope.field).outer();
    let doc_issue = Doc::new().text(&envelope.issue).outer();
    let doc_meta_struct = Doc::new()
        .md("The `meta` member of an [`ErrorEnvelope`].")
        .text_para(&envelope.meta)
        .outer();
    let doc_request_id = Doc::new().text(&envelope.request_id).outer();
    let doc_timestamp = Doc::new().text(&envelope.timestamp).outer();
    let skip = quote!(#[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]);
    let derive_serde =
        quote!(#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]);
    let items = spaced([
        quote!(
            use crate::Code;
        ),
        quote! {
            #doc_envelope
            #[derive(Clone, Debug, PartialEq, Eq)]
            #derive_serde
            pub struct ErrorEnvelope {
                #doc_success
                #[cfg_attr(feature = "serde", serde(default))]
                pub success: bool,
                #doc_error
                pub error: ErrorBody,
                #doc_meta
                #skip
                pub meta: Option<Meta>,
            }
        },
        quote! {
            #doc_body
            #[derive(Clone, Debug, PartialEq, Eq)]
            #derive_serde
            pub struct ErrorBody {
                #doc_code
                pub code: Code,
                #doc_message
                #[cfg_attr(feature = "serde", serde(default))]
                pub message: String,
                #doc_details
                #skip
                pub details: Option<Details>,
            }
        },
        quote! {
            #doc_details_struct
            #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
            #derive_serde
            pub struct Details {
                #doc_field
                #skip
                pub field: Option<String>,
                #doc_issue
                #skip
                pub issue: Option<String>,
            }
        },
        quote! {
            #doc_meta_struct
            #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
            #derive_serde
            pub struct Meta {
                #doc_request_id
                #skip
                pub request_id: Option<String>,
                #doc_timestamp
                #skip
                pub timestamp: Option<String>,
            }
        },
    ]);
    quote! {
        #module_doc
        #items
    }
}
