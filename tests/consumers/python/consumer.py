"""A service of another repository that calls the AI API through ai_api_errors.

It catches errors by family and by code, handles every code exhaustively and retries what the
catalog says to retry. The exhaustive part, ``handled.py`` (a ``match`` over every
``ErrorCode`` ending in ``assert_never``, and an ``ErrorHandlers`` with a handler per code),
is written from the catalog by ``cargo xtask test`` beside this file, as a developer would
write it by hand: mypy --strict fails when the catalog gains a code it lacks.
Run it: it checks its expectations on responses built in memory and prints ``ok``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from ai_api_errors import (
    ERROR_CLASSES,
    APIError,
    ErrorCode,
    RateLimitError,
    ServerError,
    error_from_response,
    error_from_response_async,
    family_class,
    handle_error,
    raise_for_error,
    raise_for_error_async,
    status_retryable,
    with_retry,
    with_retry_async,
)
from handled import HANDLERS, SOME_HANDLERS, action


@dataclass
class Response:
    """Anything with status_code, headers and text will do (requests and httpx have them)."""

    status_code: int
    text: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class AsyncResponse:
    """What aiohttp's ClientResponse has: status, headers and a coroutine read()."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    async def read(self) -> bytes:
        return self.body


async def main_async() -> None:
    """The async path: an aiohttp-like response, retried with with_retry_async."""
    retryable = first(lambda code: code.retryable)
    wire = "SOME_NEW_CODE" if retryable is None else retryable.value
    status = 503 if retryable is None else retryable.status
    failure = AsyncResponse(status, envelope(wire).encode(), {"X-Request-Id": "req_h"})
    error = await error_from_response_async(failure)
    assert error.request_id == "req_h" and error.raw_code == wire
    answers = [failure, failure, AsyncResponse(200, b"{}")]
    waits: list[float] = []

    async def call() -> AsyncResponse:
        response = answers.pop(0)
        await raise_for_error_async(response)
        return response

    async def sleep(delay: float) -> None:
        waits.append(delay)

    done = await with_retry_async(call, max_attempts=3, sleep=sleep)
    assert done.status == 200 and len(waits) == 2 and not answers
    # The sync path refuses a response only a coroutine can read, whatever its status.
    try:
        raise_for_error(AsyncResponse(200, b""))  # type: ignore[arg-type]
    except TypeError:
        pass
    else:
        raise AssertionError("no TypeError")


def envelope(code: str) -> str:
    return f'{{"success": false, "error": {{"code": "{code}", "message": "m"}}}}'


def first(predicate: Callable[[ErrorCode], bool]) -> ErrorCode | None:
    """The first code of the catalog with a property, if any has it."""
    return next((code for code in ErrorCode if predicate(code)), None)


def main() -> None:
    # Catching by family: a 429 with Retry-After, with a 429 code if the catalog has one.
    limited = first(lambda code: code.status == 429)
    wire = "SOME_NEW_CODE" if limited is None else limited.value
    try:
        raise_for_error(Response(429, envelope(wire), {"Retry-After": "7"}))
    except RateLimitError as error:
        assert error.code is limited and error.retry_after == 7.0
        expected = status_retryable(429) if limited is None else limited.retryable
        assert error.retryable is expected
    else:
        raise AssertionError("no RateLimitError")

    # Catching by code, and the same error by its family.
    own = first(lambda code: family_class(code.status) not in (APIError, RateLimitError))
    if own is not None:
        own_class, family = ERROR_CLASSES[own], family_class(own.status)
        response = Response(own.status, envelope(own.value))
        try:
            raise_for_error(response)
        except own_class as error:
            assert isinstance(error, family) and error.retryable is own.retryable
        else:
            raise AssertionError(f"no {own_class.__name__}")
        try:
            raise_for_error(response)
        except family as error:
            assert action(error) == own.value
        else:
            raise AssertionError(f"no {family.__name__}")

    # A gateway's HTML page is still a typed error.
    gateway = error_from_response(Response(502, "<html>Bad Gateway</html>"))
    assert isinstance(gateway, ServerError) and gateway.code is None
    assert action(gateway) == "report unknown code None"

    # Every code has an action and a handler.
    for code in ErrorCode:
        assert action(APIError(code=code)) == code.value
        assert handle_error(APIError(code=code), HANDLERS) == f"handled {code.value}"
    assert handle_error(APIError(status=400), HANDLERS) == "unknown"
    # Some codes and a default: the first code's handler, the default for the others.
    members: list[ErrorCode] = list(ErrorCode)
    head = members[0]
    assert handle_error(APIError(code=head), SOME_HANDLERS) == f"handled {head.value}"
    for code in members[1:]:
        assert handle_error(APIError(code=code), SOME_HANDLERS) == "unknown"

    # Retrying: two failures with a retryable code, then success; no real sleeping.
    retryable = first(lambda code: code.retryable)
    if retryable is not None:
        failure = Response(retryable.status, envelope(retryable.value))
        answers = [failure, failure, Response(200, "{}")]
        waits: list[float] = []

        def call() -> Response:
            response = answers.pop(0)
            raise_for_error(response)
            return response

        assert with_retry(call, max_attempts=3, sleep=waits.append).status_code == 200
        assert len(waits) == 2 and not answers
    asyncio.run(main_async())
    print("ok")


if __name__ == "__main__":
    main()
