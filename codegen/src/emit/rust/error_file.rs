//! `src/error.rs`: `ApiError`.

use proc_macro2::TokenStream;
use quote::quote;

use super::rustdoc::{Doc, doc};
use super::{Ctx, blank, spaced};

pub(super) fn tokens(_ctx: &Ctx) -> TokenStream {
    let b = blank();
    let module_doc = Doc::new()
        .md("[`ApiError`]: an error response, to send or as received.")
        .inner();
    let doc_struct = Doc::new()
        .md("An API error: a code, an HTTP status, a message, optional details and request metadata.")
        .md_para("Servers build one from an [`ErrorCode`] with [`ApiError::new`], which takes the status and")
        .md("message from the catalog, refine it with the `with_*` builders and send")
        .md("[`to_envelope`](ApiError::to_envelope) as the JSON body (with the `axum` feature, return it")
        .md("from a handler). Clients rebuild one from a response with [`ApiError::from_envelope`], which")
        .md("keeps codes this version of the catalog does not know.")
        .outer();
    let doc_new = Doc::new()
        .md("An error with the code's HTTP status and default message. When the code concerns a request")
        .md("field, the details name it.")
        .outer();
    let doc_from_envelope = Doc::new()
        .md("Rebuilds an error from a response: its HTTP status and its envelope.")
        .md_para("The code is kept even when this version of the catalog does not know it.")
        .outer();
    let doc_with_message = doc("Replaces the message.");
    let doc_with_details = doc("Replaces the details.");
    let doc_with_field = doc("Sets the request field the error concerns.");
    let doc_with_issue = doc("Sets what is wrong, in detail.");
    let doc_with_request_id = doc("Sets the id of the request that failed.");
    let doc_with_timestamp = doc("Sets when the error happened (RFC 3339).");
    let doc_code = doc("The code, known to this catalog or not.");
    let doc_known_code = doc("The code, if this catalog knows it.");
    let doc_status = doc("The HTTP status.");
    let doc_message = doc("The human-readable message.");
    let doc_details = doc("The details, if any.");
    let doc_request_id = doc("The id of the request that failed, if set.");
    let doc_timestamp = doc("When the error happened, if set.");
    let doc_is_retryable = Doc::new()
        .md("Whether the request may be retried: the code's flag when the catalog knows the code,")
        .md("otherwise [`is_retryable_status`] of the HTTP status.")
        .outer();
    let doc_to_envelope = Doc::new()
        .md("The JSON body of the error response. `meta` is present only when a request id or a")
        .md("timestamp is set.")
        .outer();
    let doc_http_status =
        doc("The HTTP status as an `http::StatusCode` (`500` if it is not a valid status).");
    let doc_display = doc("Prints `CODE: message`.");
    let doc_into_response = doc("Responds with the error's HTTP status and its envelope as JSON.");
    let builder = |doc: TokenStream, name: TokenStream, value: TokenStream, body: TokenStream| {
        quote! {
            #doc
            #[must_use]
            pub fn #name(mut self, #value: impl Into<String>) -> Self {
                #body
                self
            }
        }
    };
    let with_message = builder(
        doc_with_message,
        quote!(with_message),
        quote!(message),
        quote!(self.message = message.into();),
    );
    let with_field = builder(
        doc_with_field,
        quote!(with_field),
        quote!(field),
        quote!(self.details.get_or_insert_with(Details::default).field = Some(field.into());),
    );
    let with_issue = builder(
        doc_with_issue,
        quote!(with_issue),
        quote!(issue),
        quote!(self.details.get_or_insert_with(Details::default).issue = Some(issue.into());),
    );
    let with_request_id = builder(
        doc_with_request_id,
        quote!(with_request_id),
        quote!(request_id),
        quote!(self.request_id = Some(request_id.into());),
    );
    let with_timestamp = builder(
        doc_with_timestamp,
        quote!(with_timestamp),
        quote!(timestamp),
        quote!(self.timestamp = Some(timestamp.into());),
    );
    let items = spaced([
        quote! {
            use core::fmt;
        },
        quote! {
            use crate::{Code, Details, ErrorBody, ErrorCode, ErrorEnvelope, Meta, is_retryable_status};
        },
        quote! {
            #doc_struct
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub struct ApiError {
                code: Code,
                status: u16,
                message: String,
                details: Option<Details>,
                request_id: Option<String>,
                timestamp: Option<String>,
            }
        },
        quote! {
            impl ApiError {
                #doc_new
                pub fn new(code: ErrorCode) -> Self {
                    Self {
                        code: Code::Known(code),
                        status: code.status(),
                        message: code.message().to_owned(),
                        details: code.field().map(|field| Details {
                            field: Some(field.to_owned()),
                            issue: None,
                        }),
                        request_id: None,
                        timestamp: None,
                    }
                }
                #b
                #doc_from_envelope
                pub fn from_envelope(status: u16, envelope: ErrorEnvelope) -> Self {
                    let ErrorEnvelope { error, meta, .. } = envelope;
                    let meta = meta.unwrap_or_default();
                    Self {
                        code: error.code,
                        status,
                        message: error.message,
                        details: error.details,
                        request_id: meta.request_id,
                        timestamp: meta.timestamp,
                    }
                }
                #b
                #with_message
                #b
                #doc_with_details
                #[must_use]
                pub fn with_details(mut self, details: Details) -> Self {
                    self.details = Some(details);
                    self
                }
                #b
                #with_field
                #b
                #with_issue
                #b
                #with_request_id
                #b
                #with_timestamp
                #b
                #doc_code
                pub const fn code(&self) -> &Code {
                    &self.code
                }
                #b
                #doc_known_code
                pub const fn known_code(&self) -> Option<ErrorCode> {
                    self.code.known()
                }
                #b
                #doc_status
                pub const fn status(&self) -> u16 {
                    self.status
                }
                #b
                #doc_message
                pub fn message(&self) -> &str {
                    &self.message
                }
                #b
                #doc_details
                pub const fn details(&self) -> Option<&Details> {
                    self.details.as_ref()
                }
                #b
                #doc_request_id
                pub fn request_id(&self) -> Option<&str> {
                    self.request_id.as_deref()
                }
                #b
                #doc_timestamp
                pub fn timestamp(&self) -> Option<&str> {
                    self.timestamp.as_deref()
                }
                #b
                #doc_is_retryable
                pub const fn is_retryable(&self) -> bool {
                    match self.code.known() {
                        Some(code) => code.is_retryable(),
                        None => is_retryable_status(self.status),
                    }
                }
                #b
                #doc_to_envelope
                pub fn to_envelope(&self) -> ErrorEnvelope {
                    let meta = (self.request_id.is_some() || self.timestamp.is_some()).then(|| Meta {
                        request_id: self.request_id.clone(),
                        timestamp: self.timestamp.clone(),
                    });
                    ErrorEnvelope {
                        success: false,
                        error: ErrorBody {
                            code: self.code.clone(),
                            message: self.message.clone(),
                            details: self.details.clone(),
                        },
                        meta,
                    }
                }
                #b
                #doc_http_status
                #[cfg(feature = "http")]
                pub fn http_status(&self) -> http::StatusCode {
                    http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
                }
            }
        },
        quote! {
            impl From<ErrorCode> for ApiError {
                fn from(code: ErrorCode) -> Self {
                    Self::new(code)
                }
            }
        },
        quote! {
            #doc_display
            impl fmt::Display for ApiError {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, "{}: {}", self.code, self.message)
                }
            }
        },
        quote!(impl std::error::Error for ApiError {}),
        quote! {
            #doc_into_response
            #[cfg(feature = "axum")]
            impl axum::response::IntoResponse for ApiError {
                fn into_response(self) -> axum::response::Response {
                    (self.http_status(), axum::Json(self.to_envelope())).into_response()
                }
            }
        },
    ]);
    quote! {
        #module_doc
        #items
    }
}
