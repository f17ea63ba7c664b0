"""with_retry / with_retry_async against a real server: what is retried, how many times, and
the exact delays (sleep and random are injected)."""

from __future__ import annotations

import asyncio
import itertools
import socket
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import requests

from clients import KINDS, TIMEOUT, fetch
from conftest import PACKAGE as pkg
from conftest import Server, expected_retryable, status_retryable

APIError = pkg.APIError
ErrorCode = pkg.ErrorCode
RateLimitError = pkg.RateLimitError
RetryEvent = pkg.RetryEvent
ServerError = pkg.ServerError
is_retryable = pkg.is_retryable
raise_for_error = pkg.raise_for_error
retry_delay = pkg.retry_delay
with_retry = pkg.with_retry
with_retry_async = pkg.with_retry_async

_keys = itertools.count()


def key() -> str:
    return f"k{next(_keys)}"


@dataclass
class Record:
    """What a `run` saw, kept even when it raises."""

    sleeps: list[float] = field(default_factory=list)
    events: list[RetryEvent] = field(default_factory=list)
    calls: int = 0


def run(
    kind: str, url: str, record: Record | None = None, **options: Any
) -> tuple[Any, list[float], list[RetryEvent]]:
    """Calls `url` through with_retry (with_retry_async for httpx_async), recording sleeps,
    retry events and calls in `record`."""
    record = Record() if record is None else record
    sleeps = record.sleeps
    events = record.events
    options.setdefault("random", lambda: 0.5)
    options.setdefault("on_retry", events.append)

    def call() -> Any:
        record.calls += 1
        response = fetch(kind, url)
        raise_for_error(response)
        return response

    if kind != "httpx_async":
        return with_retry(call, sleep=sleeps.append, **options), sleeps, events

    async def call_async() -> httpx.Response:
        record.calls += 1
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            response = await client.get(url)
        raise_for_error(response)
        return response

    async def sleep(delay: float) -> None:
        sleeps.append(delay)

    async def main() -> Any:
        return await with_retry_async(call_async, sleep=sleep, **options)

    return asyncio.run(main()), sleeps, events


@pytest.mark.parametrize("kind", KINDS)
def test_retryable_errors_are_retried_with_exponential_backoff_and_jitter(
    kind: str, server: Server, catalog: dict[str, Any], retryable_code: str
) -> None:
    k = key()
    status = catalog["codes"][retryable_code]["status"]
    url = f"{server.url}/flaky/{k}?fail=3&status={status}&code={retryable_code}"
    response, sleeps, events = run(
        kind, url, max_attempts=5, base_delay=1.0, max_delay=10.0
    )
    assert response.status_code == 200
    assert server.count(k) == 4
    # random() = 0.5 → 75 % of min(max_delay, base_delay * 2 ** (n - 1)).
    assert sleeps == [0.75, 1.5, 3.0]
    assert [e.attempt for e in events] == [1, 2, 3]
    assert [e.delay for e in events] == sleeps
    own = pkg.ERROR_CLASSES[ErrorCode(retryable_code)]
    assert all(type(e.error) is own for e in events)


@pytest.mark.parametrize("kind", KINDS)
def test_attempts_are_bounded_and_the_last_error_propagates(
    kind: str, server: Server, catalog: dict[str, Any], retryable_code: str
) -> None:
    k = key()
    status = catalog["codes"][retryable_code]["status"]
    url = f"{server.url}/flaky/{k}?fail=100&status={status}&code={retryable_code}"
    with pytest.raises(APIError) as caught:
        run(
            kind,
            url,
            max_attempts=3,
            base_delay=10.0,
            max_delay=15.0,
            random=lambda: 1.0,
        )
    assert server.count(k) == 3
    assert caught.value.raw_code == retryable_code
    assert type(caught.value) is pkg.ERROR_CLASSES[ErrorCode(retryable_code)]


def test_backoff_is_capped_and_jitter_stays_between_half_and_all() -> None:
    error = ServerError()
    delays = [
        retry_delay(n, error, base_delay=1.0, max_delay=5.0, random=lambda: 0.0)
        for n in range(1, 6)
    ]
    assert delays == [0.5, 1.0, 2.0, 2.5, 2.5]
    assert retry_delay(
        1000, error, base_delay=1.0, max_delay=5.0, random=lambda: 0.999
    ) == (pytest.approx(5.0 * (0.5 + 0.999 / 2)))


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_seconds_replace_the_backoff(
    kind: str, server: Server, catalog: dict[str, Any], retryable_code: str
) -> None:
    k = key()
    status = catalog["codes"][retryable_code]["status"]
    url = f"{server.url}/flaky/{k}?fail=2&status={status}&code={retryable_code}&retry_after=3"
    _, sleeps, _ = run(kind, url, max_attempts=3, base_delay=0.1, max_delay=10.0)
    assert sleeps == [3.0, 3.0]
    assert server.count(k) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_as_an_http_date_is_honoured(
    kind: str, server: Server, catalog: dict[str, Any], retryable_code: str
) -> None:
    k = key()
    status = catalog["codes"][retryable_code]["status"]
    # A date in the past: retry at once.
    date = "Wed,%2021%20Oct%202015%2007:28:00%20GMT"
    url = f"{server.url}/flaky/{k}?fail=1&status={status}&code={retryable_code}&retry_after={date}"
    _, sleeps, _ = run(kind, url, max_attempts=3, base_delay=5.0, max_delay=10.0)
    assert sleeps == [0.0]
    assert server.count(k) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_longer_than_the_cap_gives_up_at_once(
    kind: str, server: Server, catalog: dict[str, Any], retryable_code: str
) -> None:
    k = key()
    status = catalog["codes"][retryable_code]["status"]
    url = f"{server.url}/flaky/{k}?fail=5&status={status}&code={retryable_code}&retry_after=60"
    with pytest.raises(APIError) as caught:
        run(kind, url, max_attempts=5, base_delay=1.0, max_delay=30.0)
    assert caught.value.retry_after == 60.0
    # Given up because of the wait, not because the error stopped being retryable.
    assert caught.value.retryable
    assert server.count(k) == 1


def not_retryable(catalog: dict[str, Any]) -> list[tuple[int, str]]:
    """(status, code) of every code the catalog marks not retryable, and of every error status
    of the table not retryable sent without a code."""
    found = [
        (entry["status"], name)
        for name, entry in catalog["codes"].items()
        if not expected_retryable(catalog, entry)
    ]
    for status in catalog["statuses"]:
        if int(status) >= 400 and not status_retryable(catalog, int(status)):
            found.append((int(status), ""))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_errors_the_catalog_marks_not_retryable_are_not_retried(
    kind: str, server: Server, catalog: dict[str, Any]
) -> None:
    cases = not_retryable(catalog)
    if not cases:
        pytest.skip("the catalog marks every code and status retryable")
    for status, code in cases:
        k = key()
        url = f"{server.url}/flaky/{k}?fail=5&status={status}&code={code}"
        with pytest.raises(APIError) as caught:
            run(kind, url, max_attempts=5)
        assert caught.value.retryable is False
        assert server.count(k) == 1


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize("kind", KINDS)
def test_connection_failures_are_retried(kind: str) -> None:
    url = f"http://127.0.0.1:{closed_port()}/"
    expected = requests.ConnectionError if kind == "requests" else httpx.ConnectError
    record = Record()
    with pytest.raises(expected):
        run(kind, url, record, max_attempts=4, base_delay=1.0, max_delay=10.0)
    assert record.calls == 4
    assert record.sleeps == [0.75, 1.5, 3.0]
    assert [e.attempt for e in record.events] == [1, 2, 3]
    assert [e.delay for e in record.events] == record.sleeps
    assert all(isinstance(e.error, expected) for e in record.events)


def test_the_defaults_are_3_attempts_a_half_second_base_and_a_30_second_cap() -> None:
    def failing(retry_after: float | None = None) -> Any:
        calls: list[None] = []

        def call() -> None:
            calls.append(None)
            raise ServerError(retryable=True, retry_after=retry_after)

        return calls, call

    calls, call = failing()
    sleeps: list[float] = []
    with pytest.raises(ServerError):
        with_retry(call, sleep=sleeps.append, random=lambda: 1.0)
    assert len(calls) == 3
    assert sleeps == [0.5, 1.0]

    calls, call = failing()
    sleeps = []
    with pytest.raises(ServerError):
        with_retry(call, max_attempts=9, sleep=sleeps.append, random=lambda: 1.0)
    assert len(calls) == 9
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]

    # The cap also bounds Retry-After.
    calls, call = failing(retry_after=30.0)
    sleeps = []
    with pytest.raises(ServerError):
        with_retry(call, sleep=sleeps.append)
    assert sleeps == [30.0, 30.0]
    calls, call = failing(retry_after=30.5)
    with pytest.raises(ServerError):
        with_retry(call, sleep=sleeps.append)
    assert len(calls) == 1

    # with_retry_async has the same defaults.
    calls, call = failing()
    async_sleeps: list[float] = []

    async def sleep(delay: float) -> None:
        async_sleeps.append(delay)

    async def call_async() -> None:
        call()

    with pytest.raises(ServerError):
        asyncio.run(with_retry_async(call_async, sleep=sleep, random=lambda: 1.0))
    assert len(calls) == 3
    assert async_sleeps == [0.5, 1.0]


def test_what_is_retryable(catalog: dict[str, Any]) -> None:
    for code in ErrorCode:
        entry = catalog["codes"][code.value]
        assert is_retryable(APIError(code=code)) is expected_retryable(catalog, entry)
    for status in [400, 429, 500, 599, 600]:
        expected = status_retryable(catalog, status)
        assert is_retryable(APIError(status=status)) is expected, status
    assert is_retryable(ServerError(retryable=True))
    assert not is_retryable(RateLimitError(retryable=False))
    assert is_retryable(ConnectionRefusedError())
    assert is_retryable(TimeoutError())
    assert is_retryable(requests.ConnectionError())
    assert is_retryable(requests.ConnectTimeout())
    assert is_retryable(requests.ReadTimeout())
    assert is_retryable(httpx.ConnectError("x"))
    assert is_retryable(httpx.ReadTimeout("x"))
    assert is_retryable(httpx.RemoteProtocolError("x"))
    assert not is_retryable(httpx.UnsupportedProtocol("x"))
    assert not is_retryable(requests.HTTPError())
    assert not is_retryable(ValueError())
    assert not is_retryable(FileNotFoundError())


def test_other_exceptions_propagate_at_once_and_bad_options_are_refused() -> None:
    calls = 0

    def call() -> None:
        nonlocal calls
        calls += 1
        raise KeyError("bug")

    with pytest.raises(KeyError):
        with_retry(call, max_attempts=5, sleep=lambda _: None)
    assert calls == 1
    with pytest.raises(ValueError):
        with_retry(lambda: 1, max_attempts=0)


def test_real_sleeps_are_short_when_delays_are_short() -> None:
    attempts = 0

    async def call() -> str:
        nonlocal attempts
        attempts += 1
        if attempts < 3:
            raise ServerError(retryable=True)
        return "done"

    result = asyncio.run(with_retry_async(call, base_delay=0.001, max_delay=0.01))
    assert result == "done"
    assert attempts == 3
