"""error_from_response / raise_for_error against a real server, through requests, httpx and
httpx's async client: every catalog code, malformed bodies and Retry-After."""

from __future__ import annotations

import pickle
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import ai_api_errors as pkg
from ai_api_errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ErrorCode,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    error_from_response,
    parse_retry_after,
    raise_for_error,
)

from clients import KINDS, fetch
from conftest import (
    REQUEST_ID,
    TIMESTAMP,
    Server,
    class_name,
    expected_retryable,
    family_name,
)


def family_of(status: int) -> type[ApiError]:
    family: type[ApiError] = getattr(pkg, family_name(status))
    return family


@pytest.mark.parametrize("kind", KINDS)
def test_every_catalog_code_raises_its_own_class_under_its_family(
    kind: str, server: Server, catalog: dict[str, Any]
) -> None:
    names = list(catalog["codes"])
    assert [code.value for code in ErrorCode] == names
    for name, entry in catalog["codes"].items():
        response = fetch(kind, f"{server.url}/code/{name}")
        with pytest.raises(ApiError) as caught:
            raise_for_error(response)
        error = caught.value
        assert error.code is ErrorCode(name)
        assert error.raw_code == name
        assert type(error) is pkg.ERROR_CLASSES[ErrorCode(name)]
        assert type(error).__name__ == class_name(name)
        assert isinstance(error, family_of(entry["status"])), name
        assert type(error).__mro__[1] is family_of(entry["status"]), name
        assert error.status == entry["status"]
        assert error.message == "server message"
        assert error.details == pkg.ErrorDetails(field="f", issue="bad f")
        assert error.request_id == REQUEST_ID
        assert error.timestamp == TIMESTAMP
        assert error.retryable is expected_retryable(catalog, entry)
        assert error.retry_after is None
        assert '"code": "' + name + '"' in error.body


@pytest.mark.parametrize("kind", KINDS)
def test_quota_exceeded_is_caught_by_its_class_and_by_its_family(
    kind: str, server: Server
) -> None:
    response = fetch(kind, f"{server.url}/code/QUOTA_EXCEEDED")
    try:
        raise_for_error(response)
    except QuotaExceededError as error:
        assert isinstance(error, PermissionDeniedError)
        assert error.status == 403
    else:
        pytest.fail("no exception")
    with pytest.raises(PermissionDeniedError):
        raise_for_error(response)


@pytest.mark.parametrize("kind", KINDS)
def test_a_code_sent_with_another_status_keeps_its_class_and_the_real_status(
    kind: str, server: Server
) -> None:
    error = error_from_response(
        fetch(kind, f"{server.url}/code/QUOTA_EXCEEDED?status=500")
    )
    assert isinstance(error, QuotaExceededError)
    assert error.status == 500


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("name", "status", "family", "message"),
    [
        ("html", 502, ServerError, "Bad Gateway"),
        ("empty", 500, ServerError, "Internal Server Error"),
        ("truncated", 400, BadRequestError, "Bad Request"),
        ("array", 400, BadRequestError, "Bad Request"),
        ("missing_fields", 404, NotFoundError, "Not Found"),
        ("wrong_types", 429, RateLimitError, "Rate Limit Exceeded"),
        ("unknown_code", 400, BadRequestError, "New"),
        ("non_utf8", 503, ServerError, "Service Unavailable"),
        ("error_string", 401, AuthenticationError, "Unauthorized"),
        ("deep", 400, BadRequestError, "Bad Request"),
        ("null", 500, ServerError, "Internal Server Error"),
    ],
)
def test_malformed_bodies_still_give_a_typed_error_with_status_and_raw_text(
    kind: str,
    server: Server,
    name: str,
    status: int,
    family: type[ApiError],
    message: str,
) -> None:
    response = fetch(kind, f"{server.url}/malformed/{name}")
    error = error_from_response(response)
    assert type(error) is family
    assert error.status == status
    assert error.message == message
    assert error.body == response.text
    assert error.code is None
    assert error.retryable is (status == 429 or status >= 500)
    if name == "unknown_code":
        assert error.raw_code == "BRAND_NEW_CODE"
        assert str(error) == "BRAND_NEW_CODE (400): New"
    else:
        assert error.raw_code is None
    if name == "html":
        assert "502 Bad Gateway" in error.body


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_in_seconds_and_as_an_http_date(kind: str, server: Server) -> None:
    error = error_from_response(
        fetch(kind, f"{server.url}/code/RATE_LIMIT_EXCEEDED?retry_after=7")
    )
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0
    when = datetime.now(timezone.utc) + timedelta(seconds=120)
    date = format_datetime(when, usegmt=True).replace(" ", "%20").replace(",", "%2C")
    error = error_from_response(
        fetch(kind, f"{server.url}/code/OVERLOADED?retry_after={date}")
    )
    assert isinstance(error, ServerError)
    assert error.retry_after is not None
    assert 115 <= error.retry_after <= 121


def test_parse_retry_after() -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=timezone.utc).timestamp()
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=now) == 30.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now=now) == 0.0
    for bad in [None, "", "soon", "-5", "1.5", "٣", "Wed, 99 Oct 2015 07:28:30 GMT"]:
        assert parse_retry_after(bad, now=now) is None, bad


class Weird:
    """A response whose attributes are all wrong or raise."""

    @property
    def status_code(self) -> Any:
        return "not a number"

    @property
    def text(self) -> str:
        raise RuntimeError("stream not read")

    @property
    def headers(self) -> Any:
        raise RuntimeError("no headers")


def test_a_response_whose_attributes_fail_still_gives_an_api_error() -> None:
    error = error_from_response(Weird())  # type: ignore[arg-type]
    assert type(error) is ApiError
    assert error.status == 0
    assert error.body == ""


def test_errors_read_well_and_survive_pickling() -> None:
    error = QuotaExceededError(request_id="req_1")
    assert error.code is ErrorCode.QUOTA_EXCEEDED
    assert error.status == 403
    assert error.message == ErrorCode.QUOTA_EXCEEDED.message
    assert str(error) == f"QUOTA_EXCEEDED (403): {error.message} [request req_1]"
    assert "QuotaExceededError(status=403" in repr(error)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is QuotaExceededError
    assert copy.__dict__ == error.__dict__
    assert str(ApiError(status=502)) == "HTTP 502: Bad Gateway"
    assert ApiError(status=418).message == "HTTP 418"


def test_error_code_lookup_never_raises() -> None:
    assert ErrorCode.parse("QUOTA_EXCEEDED") is ErrorCode.QUOTA_EXCEEDED
    for value in [
        "quota_exceeded",
        "",
        "BRAND_NEW_CODE",
        None,
        42,
        ["QUOTA_EXCEEDED"],
        {},
    ]:
        assert ErrorCode.parse(value) is None
    assert ErrorCode.RATE_LIMIT_EXCEEDED.retryable
    assert ErrorCode.QUOTA_EXCEEDED.category is pkg.Category.AUTHENTICATION


def test_an_api_error_built_with_a_code_is_an_instance_of_the_codes_class() -> None:
    assert type(ApiError(code=ErrorCode.QUOTA_EXCEEDED)) is QuotaExceededError
    assert (
        type(PermissionDeniedError(code=ErrorCode.QUOTA_EXCEEDED)) is QuotaExceededError
    )
    # A class the code's class is not below keeps its own class.
    assert type(RateLimitError(code=ErrorCode.QUOTA_EXCEEDED)) is RateLimitError
    assert type(ApiError(status=403)) is ApiError


def test_handle_error_calls_the_handler_of_the_code_or_unknown() -> None:
    handlers: Any = {
        code.value: (lambda e, c=code: f"{c.value}:{type(e).__name__}")
        for code in ErrorCode
    }
    handlers["unknown"] = lambda e: f"unknown:{e.raw_code}"
    for code in ErrorCode:
        expected = f"{code.value}:{class_name(code.value)}"
        assert pkg.handle_error(ApiError(code=code), handlers) == expected
    assert (
        pkg.handle_error(ApiError(status=400, raw_code="NEW"), handlers)
        == "unknown:NEW"
    )
