//! [`ApiError`]: an error response, to send or as received.

use core::fmt;

use crate::{is_retryable_status, Code, Details, ErrorBody, ErrorCode, ErrorEnvelope, Meta};

/// An API error: a code, an HTTP status, a message, optional details and request metadata.
///
/// Servers build one from an [`ErrorCode`] with [`ApiError::new`], which takes the status and
/// message from the catalog, refine it with the `with_*` builders and send
/// [`to_envelope`](ApiError::to_envelope) as the JSON body (with the `axum` feature, return it
/// from a handler). Clients rebuild one from a response with [`ApiError::from_envelope`], which
/// keeps codes this version of the catalog does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    code: Code,
    status: u16,
    message: String,
    details: Option<Details>,
    request_id: Option<String>,
    timestamp: Option<String>,
}

impl ApiError {
    /// An error with the code's HTTP status and default message. When the code concerns a request
    /// field, the details name it.
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

    /// Rebuilds an error from a response: its HTTP status and its envelope.
    ///
    /// The code is kept even when this version of the catalog does not know it.
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

    /// Replaces the message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Replaces the details.
    #[must_use]
    pub fn with_details(mut self, details: Details) -> Self {
        self.details = Some(details);
        self
    }

    /// Sets the request field the error concerns.
    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.details.get_or_insert_with(Details::default).field = Some(field.into());
        self
    }

    /// Sets what is wrong, in detail.
    #[must_use]
    pub fn with_issue(mut self, issue: impl Into<String>) -> Self {
        self.details.get_or_insert_with(Details::default).issue = Some(issue.into());
        self
    }

    /// Sets the id of the request that failed.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets when the error happened (RFC 3339).
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }

    /// The code, known to this catalog or not.
    pub const fn code(&self) -> &Code {
        &self.code
    }

    /// The code, if this catalog knows it.
    pub const fn known_code(&self) -> Option<ErrorCode> {
        self.code.known()
    }

    /// The HTTP status.
    pub const fn status(&self) -> u16 {
        self.status
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The details, if any.
    pub const fn details(&self) -> Option<&Details> {
        self.details.as_ref()
    }

    /// The id of the request that failed, if set.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// When the error happened, if set.
    pub fn timestamp(&self) -> Option<&str> {
        self.timestamp.as_deref()
    }

    /// Whether the request may be retried: the code's flag when the catalog knows the code,
    /// otherwise [`is_retryable_status`] of the HTTP status.
    pub const fn is_retryable(&self) -> bool {
        match self.code.known() {
            Some(code) => code.is_retryable(),
            None => is_retryable_status(self.status),
        }
    }

    /// The JSON body of the error response. `meta` is present only when a request id or a
    /// timestamp is set.
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

    /// The HTTP status as an `http::StatusCode` (`500` if it is not a valid status).
    #[cfg(feature = "http")]
    pub fn http_status(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        Self::new(code)
    }
}

/// Prints `CODE: message`.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

/// Responds with the error's HTTP status and its envelope as JSON.
#[cfg(feature = "axum")]
impl axum::response::IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        (self.http_status(), axum::Json(self.to_envelope())).into_response()
    }
}
