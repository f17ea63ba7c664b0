"""The decision table of issue #11 through every HTTP stack a Python user has: requests (plain,
session hook, streaming), httpx (response hook and streaming, sync and async) and aiohttp
(explicit and as `raise_for_status`), against a real server on 127.0.0.1. Expectations come
from the catalog (conftest reads it with tomllib)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any
from urllib.parse import urlencode

import aiohttp
import httpx
import pytest
import requests

from clients import STACKS, TIMEOUT, error_for
from conftest import PACKAGE as pkg
from conftest import (
    REQUEST_ID,
    TIMESTAMP,
    Server,
    expected_retryable,
    family_name,
    pick,
    status_message,
    status_retryable,
)

APIError = pkg.APIError
AuthenticationError = pkg.AuthenticationError
ErrorCode = pkg.ErrorCode
RateLimitError = pkg.RateLimitError
ServerError = pkg.ServerError
error_from_response = pkg.error_from_response
error_from_response_async = pkg.error_from_response_async
raise_for_error = pkg.raise_for_error
raise_for_error_async = pkg.raise_for_error_async

MIB = 1024 * 1024


def respond(
    server: Server,
    status: int,
    body: str = "",
    headers: dict[str, str] | None = None,
    size: int | None = None,
) -> str:
    """The URL of the test server's answer with this status, body and headers."""
    query: list[tuple[str, str]] = [("status", str(status)), ("body", body)]
    query += [("header", f"{name}: {value}") for name, value in (headers or {}).items()]
    if size is not None:
        query.append(("size", str(size)))
    return f"{server.url}/respond?{urlencode(query)}"


def family_of(status: int) -> type[APIError]:
    family: type[APIError] = getattr(pkg, family_name(status))
    return family


@pytest.mark.parametrize("stack", STACKS)
def test_every_stack_reads_every_code_with_its_request_id(
    stack: str, server: Server, catalog: dict[str, Any]
) -> None:
    for name, entry in catalog["codes"].items():
        error = error_for(stack, f"{server.url}/code/{name}")
        assert type(error) is pkg.ERROR_CLASSES[ErrorCode(name)], name
        assert isinstance(error, family_of(entry["status"]))
        assert error.code is ErrorCode(name)
        assert error.status == entry["status"]
        assert error.message == "server message"
        assert error.details == pkg.ErrorDetails(field="f", issue="bad f")
        assert error.request_id == REQUEST_ID
        assert error.timestamp == TIMESTAMP
        assert error.retryable is expected_retryable(catalog, entry)
        assert f'"code": "{name}"' in error.body
        assert not error.body_truncated
        assert error.headers["content-type"] == "application/json"


@pytest.mark.parametrize("stack", STACKS)
def test_a_code_sent_with_a_5xx_is_a_server_error_not_the_codes_class(
    stack: str, server: Server, catalog: dict[str, Any]
) -> None:
    name = pick(catalog, "with status 429", lambda _, e: e["status"] == 429)
    error = error_for(stack, f"{server.url}/code/{name}?status=503")
    assert type(error) is ServerError
    assert not isinstance(error, RateLimitError)
    assert error.code is ErrorCode(name)
    assert error.raw_code == name
    assert error.status == 503
    assert error.retryable is expected_retryable(catalog, catalog["codes"][name])


@pytest.mark.parametrize("stack", STACKS)
def test_the_request_id_comes_from_meta_else_from_the_x_request_id_header(
    stack: str, server: Server, catalog: dict[str, Any]
) -> None:
    error = error_for(stack, respond(server, 429, "{}", {"X-Request-Id": " req_hdr "}))
    assert type(error) is RateLimitError
    assert error.request_id == "req_hdr"
    assert error.message == status_message(catalog, 429)
    name = next(iter(catalog["codes"]))
    error = error_for(stack, f"{server.url}/code/{name}?status=429")
    assert error.request_id == REQUEST_ID
    blank = json.dumps({"meta": {"request_id": ""}})
    error = error_for(stack, respond(server, 500, blank, {"x-request-id": "req_h"}))
    assert error.request_id == "req_h"


@pytest.mark.parametrize("stack", STACKS)
def test_common_error_shapes_give_their_message(stack: str, server: Server) -> None:
    error = error_for(stack, respond(server, 401, '{"error": "Invalid token"}'))
    assert type(error) is AuthenticationError
    assert error.message == "Invalid token"
    assert error.code is None and error.raw_code is None
    error = error_for(stack, respond(server, 503, '{"message": "Down for a while"}'))
    assert type(error) is ServerError
    assert error.message == "Down for a while"


@pytest.mark.parametrize("stack", STACKS)
def test_an_envelope_without_a_message_takes_the_catalogs_message(
    stack: str, server: Server, catalog: dict[str, Any]
) -> None:
    for name, entry in list(catalog["codes"].items())[:3]:
        for body in [{"code": name}, {"code": name, "message": ""}]:
            error = error_for(
                stack, respond(server, entry["status"], json.dumps({"error": body}))
            )
            assert type(error) is pkg.ERROR_CLASSES[ErrorCode(name)]
            assert error.message == entry["message"]


@pytest.mark.parametrize("stack", STACKS)
@pytest.mark.parametrize("status", [600, 418, 399])
def test_a_status_without_a_family_is_a_plain_api_error_and_600_is_never_retryable(
    stack: str, server: Server, catalog: dict[str, Any], status: int
) -> None:
    url = respond(server, status)
    if status < 400:
        # Nothing raises for it; error_from_response still decides.
        error = pkg.error_from_response(requests.get(url, timeout=TIMEOUT))
    else:
        error = error_for(stack, url)
    assert type(error) is APIError
    assert error.status == status
    assert error.retryable is (status_retryable(catalog, status) and status < 600)
    assert error.message == status_message(catalog, status)


@pytest.mark.parametrize("stack", STACKS)
def test_an_html_502_from_a_proxy_is_a_server_error(
    stack: str, server: Server, catalog: dict[str, Any]
) -> None:
    error = error_for(stack, f"{server.url}/malformed/html")
    assert type(error) is ServerError
    assert error.message == status_message(catalog, 502)
    assert "502 Bad Gateway" in error.body
    assert error.retryable is status_retryable(catalog, 502)


def http_dates(when: float) -> dict[str, str]:
    """`when` in the three HTTP-date forms of RFC 9110, section 5.6.7."""
    t = time.gmtime(when)
    day = time.strftime("%A", t)
    clock = time.strftime("%H:%M:%S", t)
    month = time.strftime("%b", t)
    return {
        "imf": f"{day[:3]}, {t.tm_mday:02d} {month} {t.tm_year} {clock} GMT",
        "rfc850": f"{day}, {t.tm_mday:02d}-{month}-{t.tm_year % 100:02d} {clock} GMT",
        "asctime": f"{day[:3]} {month} {t.tm_mday:2d} {clock} {t.tm_year}",
    }


@pytest.mark.parametrize("stack", STACKS)
def test_retry_after_in_seconds_and_in_every_http_date_form(
    stack: str, server: Server
) -> None:
    for form, date in http_dates(time.time() + 120).items():
        error = error_for(stack, respond(server, 429, "", {"Retry-After": date}))
        assert error.retry_after is not None, form
        assert 115 <= error.retry_after <= 121, form
    error = error_for(stack, respond(server, 429, "", {"Retry-After": "7"}))
    assert error.retry_after == 7.0
    absurd = http_dates(time.time() + 86_400 + 120)["imf"]
    for ignored in ["-1", "1.5", "soon", "86401", absurd]:
        error = error_for(stack, respond(server, 503, "", {"Retry-After": ignored}))
        assert error.retry_after is None, ignored


def test_parse_retry_after_reads_the_three_date_forms_exactly() -> None:
    now = 784111777.0  # Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example
    for form in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ]:
        assert pkg.parse_retry_after(form, now=now - 30) == 30.0, form
        assert pkg.parse_retry_after(form, now=now + 30) == 0.0, form
    for bad in [
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun Nov 06 08:49:37 1994 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "86401",
        "99999999999999999999999",
        "+5",
    ]:
        assert pkg.parse_retry_after(bad, now=now) is None, bad
    assert pkg.parse_retry_after("86400") == 86_400.0
    assert pkg.parse_retry_after("007") == 7.0


@pytest.mark.parametrize("stack", STACKS)
def test_a_body_over_one_mib_is_cut_at_one_mib(stack: str, server: Server) -> None:
    envelope = json.dumps({"error": {"code": "X", "message": "big"}}) + " " * 50
    error = error_for(stack, respond(server, 500, envelope, size=10 * MIB))
    assert type(error) is ServerError
    assert error.body_truncated
    assert len(error.body) == MIB
    # Decided on what was read: the JSON is cut, so no message from it.
    assert error.raw_code is None
    error = error_for(stack, respond(server, 500, "a", size=MIB))
    assert not error.body_truncated
    assert len(error.body) == MIB


def test_hooks_leave_successful_responses_and_their_bodies_alone(
    server: Server,
) -> None:
    url = respond(server, 200, '{"ok": true}')
    with requests.Session() as session:
        session.hooks["response"].append(raise_for_error)
        assert session.get(url, timeout=TIMEOUT).json() == {"ok": True}
    assert requests.get(url, timeout=TIMEOUT, hooks={"response": raise_for_error}).ok
    with httpx.Client(event_hooks={"response": [raise_for_error]}) as client:
        assert client.get(url).json() == {"ok": True}

    async def run() -> None:
        hooks = {"response": [raise_for_error_async]}
        async with httpx.AsyncClient(event_hooks=hooks) as client:
            assert (await client.get(url)).json() == {"ok": True}
        async with aiohttp.ClientSession(raise_for_status=raise_for_error_async) as s:
            async with s.get(url) as response:
                assert await response.json() == {"ok": True}

    asyncio.run(run())


def test_the_sync_functions_refuse_responses_only_a_coroutine_can_read(
    server: Server,
) -> None:
    async def run() -> None:
        async with aiohttp.ClientSession() as session:
            for status in [200, 500]:
                async with session.get(respond(server, status)) as response:
                    with pytest.raises(TypeError, match="error_from_response_async"):
                        error_from_response(response)  # type: ignore[arg-type]
                    with pytest.raises(TypeError, match="raise_for_error_async"):
                        raise_for_error(response)  # type: ignore[arg-type]
        async with httpx.AsyncClient() as client:
            async with client.stream("GET", respond(server, 500)) as streamed:
                with pytest.raises(TypeError, match="error_from_response_async"):
                    error_from_response(streamed)
                error = await error_from_response_async(streamed)
                assert type(error) is ServerError

    asyncio.run(run())


def test_the_async_functions_read_responses_already_read(
    server: Server, catalog: dict[str, Any]
) -> None:
    name, entry = next(iter(catalog["codes"].items()))
    url = f"{server.url}/code/{name}"
    own = pkg.ERROR_CLASSES[ErrorCode(name)]

    async def run() -> list[APIError]:
        found = [
            await error_from_response_async(requests.get(url, timeout=TIMEOUT)),
            await error_from_response_async(httpx.get(url, timeout=TIMEOUT)),
        ]
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:
                await response.read()
                found.append(await error_from_response_async(response))
        return found

    for error in asyncio.run(run()):
        assert type(error) is own
        assert error.request_id == REQUEST_ID
        assert error.status == entry["status"]
