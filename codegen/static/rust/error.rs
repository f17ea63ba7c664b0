//! [`ApiError`]: an error response, to send or as received.

use core::fmt;
use core::time::Duration;

use crate::{
    is_retryable_status, Code, Details, ErrorBody, ErrorCode, ErrorEnvelope, Family, Meta,
    UnknownCode,
};

/// An API error: a code, an HTTP status, a message, optional details and request metadata.
///
/// Servers build one from an [`ErrorCode`] with [`ApiError::new`], which takes the status and
/// message from the catalog, refine it with the `with_*` builders and send
/// [`to_envelope`](ApiError::to_envelope) as the JSON body (with the `axum` feature, return it
/// from a handler). Clients read one from any error response with
/// `ApiError::from_response_parts` (`json` feature, on by default), or rebuild one from an
/// envelope with [`ApiError::from_envelope`]; both keep codes this version of the catalog does
/// not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub(crate) code: Option<Code>,
    pub(crate) status: u16,
    pub(crate) message: String,
    pub(crate) details: Option<Details>,
    pub(crate) request_id: Option<String>,
    pub(crate) timestamp: Option<String>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) challenge: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<String>,
}

/// The `WWW-Authenticate` challenge of a 401 response unless [`ApiError::with_challenge`] sets
/// another: `Bearer`, for an API key sent as a bearer token (RFC 6750).
pub const DEFAULT_CHALLENGE: &str = "Bearer";

impl ApiError {
    /// An error with the code's HTTP status and default message. When the code concerns a request
    /// field, the details name it.
    #[must_use]
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code: Some(Code::Known(code)),
            status: code.status(),
            message: code.message().to_owned(),
            details: code.field().map(|field| Details::new().with_field(field)),
            request_id: None,
            timestamp: None,
            retry_after: None,
            challenge: None,
            headers: Vec::new(),
            body: None,
        }
    }

    /// Rebuilds an error from a response: its HTTP status and its envelope.
    ///
    /// The code is kept even when this version of the catalog does not know it.
    #[must_use]
    pub fn from_envelope(status: u16, envelope: ErrorEnvelope) -> Self {
        let ErrorEnvelope { error, meta, .. } = envelope;
        let meta = meta.unwrap_or_default();
        Self {
            code: Some(error.code),
            status,
            message: error.message,
            details: error.details,
            request_id: meta.request_id,
            timestamp: meta.timestamp,
            retry_after: None,
            challenge: None,
            headers: Vec::new(),
            body: None,
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

    /// Sets how long the client should wait before retrying, sent as a `Retry-After` header
    /// (whole seconds, rounded up).
    #[must_use]
    pub fn with_retry_after(mut self, retry_after: Duration) -> Self {
        self.retry_after = Some(retry_after);
        self
    }

    /// Sets the `WWW-Authenticate` challenge sent with a 401 (otherwise
    /// [`DEFAULT_CHALLENGE`]), e.g. `Bearer realm="api"`.
    #[must_use]
    pub fn with_challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// How long the server asks to wait before retrying, if it said so.
    #[must_use]
    pub const fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The `WWW-Authenticate` challenge a 401 response carries.
    #[must_use]
    pub fn challenge(&self) -> &str {
        self.challenge.as_deref().unwrap_or(DEFAULT_CHALLENGE)
    }

    /// The code, known to this catalog or not; `None` for a response that carried no code
    /// (read by [`from_response_parts`](ApiError::from_response_parts)).
    #[must_use]
    pub const fn code(&self) -> Option<&Code> {
        self.code.as_ref()
    }

    /// The code, if this catalog knows it.
    #[must_use]
    pub const fn known_code(&self) -> Option<ErrorCode> {
        match &self.code {
            Some(code) => code.known(),
            None => None,
        }
    }

    /// Whether the code's own meaning applies: the catalog knows the code and the response has
    /// the code's status. A 503 carrying a 429 code is a server error, not that code's error.
    #[must_use]
    pub const fn is_own_code(&self) -> bool {
        match self.known_code() {
            Some(code) => code.status() == self.status,
            None => false,
        }
    }

    /// The response headers, as received.
    #[must_use]
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first response header named `name` (in any case), as received.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The response body as read (up to 1 MiB, invalid UTF-8 replaced), for an error read from
    /// a response.
    #[must_use]
    pub fn body(&self) -> Option<&str> {
        self.body.as_deref()
    }

    /// The HTTP status.
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.status
    }

    /// The family of the HTTP status, what a client acts on.
    #[must_use]
    pub const fn family(&self) -> Family {
        Family::of(self.status)
    }

    /// The human-readable message.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The details, if any.
    #[must_use]
    pub const fn details(&self) -> Option<&Details> {
        self.details.as_ref()
    }

    /// The id of the request that failed, if set.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// When the error happened, if set.
    #[must_use]
    pub fn timestamp(&self) -> Option<&str> {
        self.timestamp.as_deref()
    }

    /// Whether the request may be retried: never for a status outside 400–599; else the code's
    /// flag when the catalog knows the code, otherwise [`is_retryable_status`] of the status.
    #[must_use]
    pub const fn is_retryable(&self) -> bool {
        if self.status < 400 || self.status > 599 {
            return false;
        }
        match self.known_code() {
            Some(code) => code.is_retryable(),
            None => is_retryable_status(self.status),
        }
    }

    /// The JSON body of the error response. `meta` is present only when a request id or a
    /// timestamp is set. An error read from a response without a code has an empty code.
    #[must_use]
    pub fn to_envelope(&self) -> ErrorEnvelope {
        let meta = (self.request_id.is_some() || self.timestamp.is_some()).then(|| Meta {
            request_id: self.request_id.clone(),
            timestamp: self.timestamp.clone(),
        });
        ErrorEnvelope {
            success: false,
            error: ErrorBody {
                code: self
                    .code
                    .clone()
                    .unwrap_or_else(|| Code::Unknown(UnknownCode(String::new()))),
                message: self.message.clone(),
                details: self.details.clone(),
            },
            meta,
        }
    }

    /// The HTTP status as an `http::StatusCode` (`500` if it is not a valid status).
    #[cfg(feature = "http")]
    #[must_use]
    pub fn http_status(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        Self::new(code)
    }
}

/// Prints `CODE: message`, or `HTTP <status>: message` without a code.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{code}: {}", self.message),
            None => write!(f, "HTTP {}: {}", self.status, self.message),
        }
    }
}

impl std::error::Error for ApiError {}

/// Responds with the error's HTTP status and its envelope as JSON, with the headers it calls
/// for: `Retry-After` when set (whole seconds, rounded up), `WWW-Authenticate` on a 401 and
/// `X-Request-Id` when the error has a request id. The error itself rides along in the
/// response's extensions, where [`stamp_request_ids`](crate::stamp_request_ids) finds it.
#[cfg(feature = "axum")]
impl axum::response::IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        use http::header::{HeaderName, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};

        let mut response = (self.http_status(), axum::Json(self.to_envelope())).into_response();
        let headers = response.headers_mut();
        if let Some(after) = self.retry_after {
            let seconds = after.as_secs() + u64::from(after.subsec_nanos() > 0);
            headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.status == 401 {
            if let Ok(challenge) = HeaderValue::from_str(self.challenge()) {
                headers.insert(WWW_AUTHENTICATE, challenge);
            }
        }
        if let Some(Ok(id)) = self.request_id.as_deref().map(HeaderValue::from_str) {
            headers.insert(HeaderName::from_static("x-request-id"), id);
        }
        response.extensions_mut().insert(self);
        response
    }
}
