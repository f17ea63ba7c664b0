//! With the `axum` feature: a request id and a timestamp on every error response, and the CORS
//! header that lets a browser page of another origin read `Retry-After` and `X-Request-Id`.

use core::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{HeaderName, HeaderValue, ACCESS_CONTROL_EXPOSE_HEADERS, RETRY_AFTER};

use crate::ApiError;

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The response headers of an error a browser client must read: `Retry-After` (when to retry)
/// and `X-Request-Id` (what to quote to support). A page of another origin than the API's can
/// read a response header only when the response lists it in `Access-Control-Expose-Headers`;
/// [`expose_error_headers`] lists these on error responses, or pass them to your CORS layer
/// (tower-http's `CorsLayer::expose_headers(EXPOSED_HEADERS)`).
pub const EXPOSED_HEADERS: [HeaderName; 2] = [RETRY_AFTER, X_REQUEST_ID];

/// [`EXPOSED_HEADERS`] as HTTP documents spell them, for `Access-Control-Expose-Headers`.
const EXPOSED_NAMES: [&str; 2] = ["Retry-After", "X-Request-Id"];

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

/// axum middleware that lists [`EXPOSED_HEADERS`] (`Retry-After`, `X-Request-Id`) in the
/// `Access-Control-Expose-Headers` header of every error response (4xx and 5xx), so that a
/// browser page of another origin can read them: without it, `fetch` in the page hides both
/// headers, and a client reads no `Retry-After` and no request id unless the body has one.
///
/// It adds only the expose header: the CORS layer of your app still decides which origins may
/// read responses at all (`Access-Control-Allow-Origin`, e.g. tower-http's `CorsLayer`). Names
/// already listed are kept, and each is listed once, so add it outside that layer (after it,
/// with `.layer(cors).layer(axum::middleware::from_fn(expose_error_headers))`) to merge with
/// the headers the layer exposes. Responses that are not errors are left as they are.
pub async fn expose_error_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let headers = response.headers_mut();
    let mut names: Vec<String> = headers
        .get_all(ACCESS_CONTROL_EXPOSE_HEADERS)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    for name in EXPOSED_NAMES {
        if !names.iter().any(|listed| listed.eq_ignore_ascii_case(name)) {
            names.push(name.to_owned());
        }
    }
    if let Ok(value) = HeaderValue::from_str(&names.join(", ")) {
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, value);
    }
    response
}
