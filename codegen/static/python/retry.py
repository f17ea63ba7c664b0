"""Retrying calls to the API that fail with a retryable error.

:func:`with_retry` and :func:`with_retry_async` call a function until it returns, it raises
an error that is not retryable, or ``max_attempts`` calls have failed; then the last error
propagates unchanged. What is retried (:func:`is_retryable`):

- an :class:`~.errors.APIError` whose ``retryable`` is true (the catalog decides per code,
  else per status: 429 and 5xx);
- a connection failure or timeout: the built-in ``ConnectionError`` and ``TimeoutError``,
  and, recognised by class name so neither library is imported, ``requests``'
  ``ConnectionError`` and ``Timeout`` and ``httpx``'s ``TimeoutException``,
  ``NetworkError`` and ``RemoteProtocolError`` (with their subclasses).

Pass ``retry_if`` to decide otherwise.

Delays: the n-th retry waits a random time between half and all of
``min(max_delay, base_delay * 2 ** (n - 1))`` ("equal jitter": never zero, never above the
cap). When the error has ``retry_after`` (the server's ``Retry-After``), that wait replaces
the backoff exactly; if it is longer than ``max_delay`` the error propagates at once instead
of retrying early, and the caller can read ``retry_after`` from it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from ._base import APIError

# `typing` is for type checkers only: see `_runtime`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple, TypeVar

    T = TypeVar("T")
else:
    from ._runtime import NamedTuple

__all__ = [
    "RetryEvent",
    "is_retryable",
    "retry_delay",
    "with_retry",
    "with_retry_async",
]

_TRANSIENT_CLASSES = frozenset(
    {
        ("requests", "ConnectionError"),
        ("requests", "Timeout"),
        ("httpx", "TimeoutException"),
        ("httpx", "NetworkError"),
        ("httpx", "RemoteProtocolError"),
    }
)


class RetryEvent(NamedTuple):
    """What ``on_retry`` is told before each wait."""

    attempt: int
    """The attempt that failed, from 1."""

    delay: float
    """Seconds the helper waits now before the next attempt."""

    error: Exception
    """The error of the failed attempt."""


def is_retryable(error: BaseException) -> bool:
    """Whether an error is worth retrying: a retryable :class:`~.errors.APIError`, or a
    connection failure or timeout (see the module's documentation)."""
    if isinstance(error, APIError):
        return error.retryable
    if isinstance(error, (ConnectionError, TimeoutError)):
        return True
    return any(
        (cls.__module__.partition(".")[0], cls.__name__) in _TRANSIENT_CLASSES
        for cls in type(error).__mro__
    )


def retry_delay(
    attempt: int,
    error: BaseException,
    *,
    base_delay: float,
    max_delay: float,
    random: Callable[[], float] | None = None,
) -> float | None:
    """Seconds to wait after failed attempt number ``attempt`` (from 1), or ``None`` when
    the error's ``retry_after`` exceeds ``max_delay``. ``random`` returns a float in [0, 1)
    (by default :func:`random.random`).
    """
    retry_after = error.retry_after if isinstance(error, APIError) else None
    if retry_after is not None:
        return retry_after if retry_after <= max_delay else None
    backoff = min(max_delay, base_delay * 2.0 ** min(attempt - 1, 64))
    if random is None:
        # Imported when first needed, as asyncio below: importing the package stays cheap.
        import random as random_module

        random = random_module.random
    return backoff * (0.5 + random() / 2)


def with_retry(
    fn: Callable[[], T],
    *,
    max_attempts: int = 3,
    base_delay: float = 0.5,
    max_delay: float = 30.0,
    on_retry: Callable[[RetryEvent], None] | None = None,
    retry_if: Callable[[Exception], bool] = is_retryable,
    sleep: Callable[[float], None] = time.sleep,
    random: Callable[[], float] | None = None,
) -> T:
    """Call ``fn`` until it returns, retrying retryable errors with backoff.

    ``fn`` raises on failure: call :func:`~.response.raise_for_error` in it. At most
    ``max_attempts`` calls (1 means no retry); ``on_retry`` is called before each wait;
    ``sleep`` and ``random`` can be replaced, in tests for instance.
    """
    _check(max_attempts, base_delay, max_delay)
    attempt = 1
    while True:
        try:
            return fn()
        except Exception as error:
            delay = _next_delay(
                attempt, error, max_attempts, base_delay, max_delay, retry_if, random
            )
            if delay is None:
                raise
            if on_retry is not None:
                on_retry(RetryEvent(attempt=attempt, delay=delay, error=error))
            sleep(delay)
        attempt += 1


async def with_retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    max_attempts: int = 3,
    base_delay: float = 0.5,
    max_delay: float = 30.0,
    on_retry: Callable[[RetryEvent], None] | None = None,
    retry_if: Callable[[Exception], bool] = is_retryable,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    random: Callable[[], float] | None = None,
) -> T:
    """:func:`with_retry` for coroutines: awaits ``fn()`` and ``sleep`` (by default
    :func:`asyncio.sleep`)."""
    _check(max_attempts, base_delay, max_delay)
    if sleep is None:
        import asyncio

        sleep = asyncio.sleep
    attempt = 1
    while True:
        try:
            return await fn()
        except Exception as error:
            delay = _next_delay(
                attempt, error, max_attempts, base_delay, max_delay, retry_if, random
            )
            if delay is None:
                raise
            if on_retry is not None:
                on_retry(RetryEvent(attempt=attempt, delay=delay, error=error))
            await sleep(delay)
        attempt += 1


def _next_delay(
    attempt: int,
    error: Exception,
    max_attempts: int,
    base_delay: float,
    max_delay: float,
    retry_if: Callable[[Exception], bool],
    random: Callable[[], float] | None,
) -> float | None:
    if attempt >= max_attempts or not retry_if(error):
        return None
    return retry_delay(
        attempt, error, base_delay=base_delay, max_delay=max_delay, random=random
    )


def _check(max_attempts: int, base_delay: float, max_delay: float) -> None:
    if max_attempts < 1:
        raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
    if base_delay < 0 or max_delay < 0:
        raise ValueError("base_delay and max_delay must not be negative")
