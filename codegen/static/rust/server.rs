//! With the `axum` feature: a request id and a timestamp on every error response.

use core::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{HeaderName, HeaderValue};

use crate::ApiError;

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being served: the request's `X-Request-Id` header, or one
/// [`stamp_request_ids`] made up. Handlers read it as an extension
/// (`axum::Extension<RequestId>`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestId(pub String);

/// axum middleware that gives every error response (4xx and 5xx) a request id and a timestamp:
/// `X-Request-Id` in its headers and, when the handler answered with an [`ApiError`] that lacks
/// them, `meta.request_id` and `meta.timestamp` in its envelope.
///
/// The id is the request's `X-Request-Id` header (trimmed, non-empty, at most 200 bytes), else a
/// new one, unique within the process (`req_` and 24 hex digits: the time in milliseconds, the
/// process id and a counter). Handlers find it in the request's extensions as a [`RequestId`].
///
/// Add it to a router with `.layer(axum::middleware::from_fn(stamp_request_ids))`.
pub async fn stamp_request_ids(mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(X_REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|id| !id.is_empty() && id.len() <= 200)
        .map_or_else(new_request_id, str::to_owned);
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let incomplete = response
        .extensions()
        .get::<ApiError>()
        .filter(|error| error.request_id().is_none() || error.timestamp().is_none())
        .cloned();
    if let Some(mut error) = incomplete {
        if error.request_id().is_none() {
            error = error.with_request_id(id.clone());
        }
        if error.timestamp().is_none() {
            error = error.with_timestamp(now_rfc3339());
        }
        let mut stamped = error.into_response();
        for (name, value) in response.headers() {
            if !stamped.headers().contains_key(name) {
                stamped.headers_mut().append(name, value.clone());
            }
        }
        response = stamped;
    }
    if !response.headers().contains_key(X_REQUEST_ID) {
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(X_REQUEST_ID, value);
        }
    }
    response
}

/// `req_` and 24 hex digits: milliseconds since the Unix epoch, the process id, a counter.
fn new_request_id() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "req_{:012x}{:04x}{:08x}",
        millis & 0xffff_ffff_ffff,
        std::process::id() & 0xffff,
        count
    )
}

/// The current time as RFC 3339 in UTC, to the second (`2024-01-01T00:00:00Z`).
fn now_rfc3339() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = crate::time::civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}
