//! The server side of the generated crate, as an axum application sees it: the headers
//! `IntoResponse` writes, what the `stamp_request_ids` middleware adds to error responses, and
//! what `expose_error_headers` lets a browser page of another origin read.
//! Nothing here names a code of the catalog: the codes are taken from `ErrorCode::ALL`.

use std::time::Duration;

use ai_api_errors::{
    expose_error_headers, stamp_request_ids, ApiError, ErrorCode, EXPOSED_HEADERS,
};
use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use serde_json::Value;
use tower::ServiceExt;
use tower_http::cors::CorsLayer;

fn any_code() -> ErrorCode {
    ErrorCode::ALL[0]
}

/// A router whose routes answer with an error without request id, an error with its own
/// request id, a plain-text 500 that is no `ApiError`, and a success.
fn app() -> Router {
    Router::new()
        .route("/error", get(|| async { ApiError::new(any_code()) }))
        .route(
            "/own-id",
            get(|| async { ApiError::new(any_code()).with_request_id("req_handler") }),
        )
        .route(
            "/plain",
            get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "boom") }),
        )
        .route("/ok", get(|| async { "fine" }))
        .layer(middleware::from_fn(stamp_request_ids))
}

async fn call(path: &str, request_id: Option<&str>) -> Response {
    let mut request = Request::get(path);
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    app()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("infallible")
}

fn header_of<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

async fn envelope(response: Response) -> Value {
    let bytes = to_bytes(response.into_body(), 1 << 20).await.expect("body");
    serde_json::from_slice(&bytes).expect("a JSON envelope")
}

#[tokio::test]
async fn an_error_without_request_id_gets_a_new_one_in_header_and_meta_with_a_timestamp() {
    let first = call("/error", None).await;
    assert_eq!(first.status().as_u16(), any_code().status());
    let id = header_of(&first, "x-request-id")
        .expect("X-Request-Id")
        .to_owned();
    assert!(id.starts_with("req_") && id.len() > 4, "{id}");
    let body = envelope(first).await;
    assert_eq!(body["meta"]["request_id"], id.as_str());
    let timestamp = body["meta"]["timestamp"].as_str().expect("meta.timestamp");
    let shape = timestamp.len() == 20
        && timestamp.as_bytes()[4] == b'-'
        && timestamp.as_bytes()[10] == b'T'
        && timestamp.ends_with('Z');
    assert!(shape, "not RFC 3339 UTC: {timestamp}");

    let second = call("/error", None).await;
    let other = header_of(&second, "x-request-id").expect("X-Request-Id");
    assert_ne!(other, id, "two requests got the same generated id");
}

#[tokio::test]
async fn the_request_s_own_id_is_echoed_and_a_handler_s_id_is_kept() {
    let echoed = call("/error", Some("  req_from_client ")).await;
    assert_eq!(header_of(&echoed, "x-request-id"), Some("req_from_client"));
    assert_eq!(
        envelope(echoed).await["meta"]["request_id"],
        "req_from_client"
    );

    let kept = call("/own-id", Some("req_from_client")).await;
    assert_eq!(header_of(&kept, "x-request-id"), Some("req_handler"));
    assert_eq!(envelope(kept).await["meta"]["request_id"], "req_handler");
}

#[tokio::test]
async fn every_error_response_gets_the_header_and_successes_are_left_alone() {
    let plain = call("/plain", Some("req_plain")).await;
    assert_eq!(plain.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(header_of(&plain, "x-request-id"), Some("req_plain"));

    let ok = call("/ok", Some("req_ok")).await;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(header_of(&ok, "x-request-id"), None);
}

#[test]
fn a_401_carries_www_authenticate_bearer_unless_a_challenge_is_set() {
    let unauthorized = ApiError::from_response_parts(401, &[], b"");
    let response = unauthorized.clone().into_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        header_of(&response, header::WWW_AUTHENTICATE.as_str()),
        Some(ai_api_errors::DEFAULT_CHALLENGE)
    );
    let custom = unauthorized
        .with_challenge(r#"Basic realm="api""#)
        .into_response();
    assert_eq!(
        header_of(&custom, header::WWW_AUTHENTICATE.as_str()),
        Some(r#"Basic realm="api""#)
    );
    let other = ApiError::from_response_parts(403, &[], b"").into_response();
    assert_eq!(header_of(&other, header::WWW_AUTHENTICATE.as_str()), None);
}

#[test]
fn retry_after_is_sent_in_whole_seconds_rounded_up_only_when_set() {
    let code = any_code();
    let with = ApiError::new(code)
        .with_retry_after(Duration::from_millis(1500))
        .into_response();
    assert_eq!(header_of(&with, header::RETRY_AFTER.as_str()), Some("2"));
    let without = ApiError::new(code).into_response();
    assert_eq!(header_of(&without, header::RETRY_AFTER.as_str()), None);
}

/// A router as an app serving browser pages of another origin builds it: tower-http's
/// `CorsLayer` allowing one origin and exposing a header of its own, then, outside it, the
/// crate's `expose_error_headers` (unless `expose` is false).
fn browser_app(expose: bool) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(HeaderValue::from_static(PAGE_ORIGIN))
        .expose_headers([HeaderName::from_static("x-app-version")]);
    let app = Router::new()
        .route(
            "/error",
            get(|| async { ApiError::new(any_code()).with_retry_after(Duration::from_secs(7)) }),
        )
        .route("/ok", get(|| async { "fine" }))
        .layer(middleware::from_fn(stamp_request_ids))
        .layer(cors);
    if expose {
        app.layer(middleware::from_fn(expose_error_headers))
    } else {
        app
    }
}

const PAGE_ORIGIN: &str = "http://127.0.0.1:8080";

async fn call_from_page(app: Router, path: &str) -> Response {
    let request = Request::get(path)
        .header(header::ORIGIN, PAGE_ORIGIN)
        .body(Body::empty())
        .expect("request");
    app.oneshot(request).await.expect("infallible")
}

/// The names `Access-Control-Expose-Headers` lists, in lower case.
fn exposed(response: &Response) -> Vec<String> {
    response
        .headers()
        .get_all(header::ACCESS_CONTROL_EXPOSE_HEADERS)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test]
async fn error_responses_expose_retry_after_and_the_request_id_to_pages_of_another_origin() {
    let response = call_from_page(browser_app(true), "/error").await;
    assert_eq!(
        header_of(&response, "access-control-allow-origin"),
        Some(PAGE_ORIGIN)
    );
    let mut names = exposed(&response);
    names.sort();
    let mut expected: Vec<String> = EXPOSED_HEADERS
        .iter()
        .map(|name| name.as_str().to_owned())
        .chain(["x-app-version".to_owned()])
        .collect();
    expected.sort();
    assert_eq!(names, expected, "each listed once, the CORS layer's kept");
    assert_eq!(header_of(&response, "retry-after"), Some("7"));
    assert!(header_of(&response, "x-request-id").is_some());
    assert_eq!(
        EXPOSED_HEADERS.map(|name| name.as_str().to_owned()),
        ["retry-after", "x-request-id"]
    );
}

#[tokio::test]
async fn without_the_middleware_or_on_success_nothing_more_is_exposed() {
    let response = call_from_page(browser_app(false), "/error").await;
    assert_eq!(exposed(&response), ["x-app-version"]);
    let response = call_from_page(browser_app(true), "/ok").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(exposed(&response), ["x-app-version"]);
}
