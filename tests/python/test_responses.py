"""error_from_response / raise_for_error against a real server, through requests, httpx and
httpx's async client: every catalog code, malformed bodies and Retry-After."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any

import pytest

from clients import KINDS, fetch
from conftest import PACKAGE as pkg
from conftest import (
    REQUEST_ID,
    TIMESTAMP,
    Server,
    class_name,
    default_retryable,
    expected_retryable,
    family_name,
    status_message,
    status_retryable,
    unknown_code,
)

APIError = pkg.APIError
BadRequestError = pkg.BadRequestError
ErrorCode = pkg.ErrorCode
NotFoundError = pkg.NotFoundError
RateLimitError = pkg.RateLimitError
ServerError = pkg.ServerError
error_from_response = pkg.error_from_response
parse_retry_after = pkg.parse_retry_after
raise_for_error = pkg.raise_for_error


def family_of(status: int) -> type[APIError]:
    family: type[APIError] = getattr(pkg, family_name(status))
    return family


@pytest.mark.parametrize("kind", KINDS)
def test_every_catalog_code_raises_its_own_class_under_its_family(
    kind: str, server: Server, catalog: dict[str, Any]
) -> None:
    names = list(catalog["codes"])
    assert [code.value for code in ErrorCode] == names
    for name, entry in catalog["codes"].items():
        response = fetch(kind, f"{server.url}/code/{name}")
        with pytest.raises(APIError) as caught:
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
def test_a_code_is_caught_by_its_class_and_by_its_family(
    kind: str, server: Server, catalog: dict[str, Any], family_code: str
) -> None:
    status = catalog["codes"][family_code]["status"]
    own = pkg.ERROR_CLASSES[ErrorCode(family_code)]
    response = fetch(kind, f"{server.url}/code/{family_code}")
    try:
        raise_for_error(response)
    except own as error:
        assert isinstance(error, family_of(status))
        assert error.status == status
    else:
        pytest.fail("no exception")
    with pytest.raises(family_of(status)):
        raise_for_error(response)


@pytest.mark.parametrize("kind", KINDS)
def test_a_code_sent_with_another_status_gets_the_family_class_of_that_status(
    kind: str, server: Server, catalog: dict[str, Any]
) -> None:
    for name, entry in catalog["codes"].items():
        for other in sorted({400, 429, 503, 418} - {entry["status"]}):
            error = error_from_response(
                fetch(kind, f"{server.url}/code/{name}?status={other}")
            )
            # Its family's class, not the code's own class, which is below another family.
            assert type(error) is family_of(other), (name, other)
            assert error.code is ErrorCode(name)
            assert error.raw_code == name
            assert error.status == other
            assert error.message == "server message"
            assert error.retryable is expected_retryable(catalog, entry)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("html", 502),
        ("empty", 500),
        ("truncated", 400),
        ("array", 400),
        ("missing_fields", 404),
        ("wrong_types", 429),
        ("unknown_code", 400),
        ("non_utf8", 503),
        ("error_string", 401),
        ("deep", 400),
        ("null", 500),
    ],
)
def test_malformed_bodies_still_give_a_typed_error_with_status_and_raw_text(
    kind: str,
    server: Server,
    catalog: dict[str, Any],
    name: str,
    status: int,
) -> None:
    response = fetch(kind, f"{server.url}/malformed/{name}")
    error = error_from_response(response)
    assert type(error) is family_of(status)
    assert error.status == status
    # The body's message when it has one, else the status's title.
    message = {"unknown_code": "New", "error_string": "Unauthorized"}
    assert error.message == message.get(name, status_message(catalog, status))
    # The body as read, decoded as UTF-8 (JSON's encoding) whatever the content type says.
    assert error.body == response.content.decode("utf-8", errors="replace")
    assert not error.body_truncated
    assert error.code is None
    assert error.retryable is status_retryable(catalog, status)
    if name == "unknown_code":
        new = unknown_code(catalog)
        assert error.raw_code == new
        assert str(error) == f"{new} (400): New"
    else:
        assert error.raw_code is None
    if name == "html":
        assert "502 Bad Gateway" in error.body


class Plain:
    """A response with a status and an empty body."""

    def __init__(self, status: int) -> None:
        self.status_code = status
        self.headers: dict[str, str] = {}
        self.text = ""


@pytest.mark.parametrize("status", [0, 200, 399, 600, 999])
def test_statuses_outside_4xx_and_5xx_have_no_family_and_are_not_retryable(
    status: int,
) -> None:
    assert not default_retryable(status)
    assert pkg.family_class(status) is APIError
    assert not pkg.status_retryable(status)
    error = error_from_response(Plain(status))
    assert type(error) is APIError
    assert error.status == status
    assert not error.retryable
    assert type(APIError(status=status)) is APIError
    assert not APIError(status=status).retryable


@pytest.mark.parametrize("status", [429, 500, 503, 599])
def test_429_and_every_5xx_are_retryable_unless_the_status_table_says_otherwise(
    status: int, catalog: dict[str, Any]
) -> None:
    assert default_retryable(status)
    assert pkg.family_class(status) is family_of(status)
    assert family_of(status) is (RateLimitError if status == 429 else ServerError)
    expected = status_retryable(catalog, status)
    if str(status) not in catalog["statuses"]:
        assert expected, status
    assert pkg.status_retryable(status) is expected
    error = error_from_response(Plain(status))
    assert type(error) is family_of(status)
    assert error.retryable is expected


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_in_seconds_and_as_an_http_date(
    kind: str, server: Server, catalog: dict[str, Any]
) -> None:
    first, last = list(catalog["codes"])[0], list(catalog["codes"])[-1]
    error = error_from_response(fetch(kind, f"{server.url}/code/{first}?retry_after=7"))
    assert type(error) is pkg.ERROR_CLASSES[ErrorCode(first)]
    assert error.retry_after == 7.0
    when = datetime.now(timezone.utc) + timedelta(seconds=120)
    date = format_datetime(when, usegmt=True).replace(" ", "%20").replace(",", "%2C")
    error = error_from_response(
        fetch(kind, f"{server.url}/code/{last}?retry_after={date}")
    )
    assert type(error) is pkg.ERROR_CLASSES[ErrorCode(last)]
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
    assert type(error) is APIError
    assert error.status == 0
    assert error.body == ""


def test_errors_read_well_and_survive_pickling(
    catalog: dict[str, Any], family_code: str
) -> None:
    code = ErrorCode(family_code)
    cls = pkg.ERROR_CLASSES[code]
    status = catalog["codes"][family_code]["status"]
    error = cls(request_id="req_1")
    assert error.code is code
    assert error.status == status
    assert error.message == catalog["codes"][family_code]["message"]
    assert str(error) == f"{family_code} ({status}): {error.message} [request req_1]"
    assert f"{cls.__name__}(status={status}" in repr(error)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert copy.__dict__ == error.__dict__
    assert str(APIError(status=418)) == f"HTTP 418: {status_message(catalog, 418)}"
    assert str(APIError(status=600)) == "HTTP 600: HTTP status 600"


def test_error_code_lookup_never_raises(catalog: dict[str, Any]) -> None:
    for name, entry in catalog["codes"].items():
        assert ErrorCode.parse(name) is ErrorCode(name)
        assert ErrorCode(name).category is pkg.Category(entry["category"])
        for value in [name.lower(), f" {name}", [name]]:
            assert ErrorCode.parse(value) is None
    for value in ["", unknown_code(catalog), None, 42, {}]:
        assert ErrorCode.parse(value) is None


def test_an_api_error_built_with_a_code_is_an_instance_of_the_codes_class(
    catalog: dict[str, Any], family_code: str
) -> None:
    code = ErrorCode(family_code)
    own = pkg.ERROR_CLASSES[code]
    family = family_of(catalog["codes"][family_code]["status"])
    assert type(APIError(code=code)) is own
    assert type(family(code=code)) is own
    # A class the code's class is not below keeps its own class.
    other = RateLimitError if family is not RateLimitError else BadRequestError
    assert type(other(code=code)) is other
    assert type(NotFoundError(status=500)) is NotFoundError
    # With a status other than the code's, the class asked for, as error_from_response does.
    other_status = 418 if catalog["codes"][family_code]["status"] != 418 else 400
    assert type(APIError(code=code, status=other_status)) is APIError
    assert (
        type(APIError(code=code, status=catalog["codes"][family_code]["status"])) is own
    )
    assert type(APIError(status=403)) is APIError


def test_handle_error_calls_the_handler_of_the_code_or_unknown() -> None:
    handlers: Any = {
        code.value: (lambda e, c=code: f"{c.value}:{type(e).__name__}")
        for code in ErrorCode
    }
    handlers["unknown"] = lambda e: f"unknown:{e.raw_code}"
    for code in ErrorCode:
        expected = f"{code.value}:{class_name(code.value)}"
        assert pkg.handle_error(APIError(code=code), handlers) == expected
    assert (
        pkg.handle_error(APIError(status=400, raw_code="NEW"), handlers)
        == "unknown:NEW"
    )


def test_handle_error_with_a_default_calls_the_code_handler_then_unknown_then_default() -> (
    None
):
    first = next(iter(ErrorCode))
    handlers: pkg.ErrorHandlersWithDefault[str] = {
        "default": lambda e: f"default:{e.raw_code}",
    }
    by_key: Any = handlers
    by_key[first.value] = lambda e: f"own:{type(e).__name__}"
    for code in ErrorCode:
        expected = (
            f"own:{class_name(code.value)}"
            if code is first
            else f"default:{code.value}"
        )
        assert pkg.handle_error(APIError(code=code), handlers) == expected
    unknown = APIError(status=400, raw_code="NEW")
    assert pkg.handle_error(unknown, handlers) == "default:NEW"
    by_key["unknown"] = lambda e: f"unknown:{e.raw_code}"
    assert pkg.handle_error(unknown, handlers) == "unknown:NEW"


def test_handle_error_without_a_handler_raises_type_error() -> None:
    empty: Any = {}
    with pytest.raises(TypeError, match="no handler for error code NEW"):
        pkg.handle_error(APIError(status=400, raw_code="NEW"), empty)
