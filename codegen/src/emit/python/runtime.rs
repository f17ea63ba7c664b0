//! `response.py` and `retry.py`: the same Python for every catalog, except for the title in
//! their docstrings.

use super::{Ctx, dunder_all};

/// What `response.py` exports (its `__all__`, and what `__init__.py` imports from it).
pub(super) const RESPONSE_EXPORTS: &[&str] = &[
    "ResponseLike",
    "error_from_response",
    "parse_retry_after",
    "raise_for_error",
];

/// What `retry.py` exports (its `__all__`, and what `__init__.py` imports from it).
pub(super) const RETRY_EXPORTS: &[&str] = &[
    "RetryEvent",
    "is_retryable",
    "retry_delay",
    "with_retry",
    "with_retry_async",
];

pub(super) fn response(ctx: &Ctx) -> String {
    RESPONSE
        .replace("@TITLE@", &ctx.title())
        .replace("@ALL@\n", &dunder_all(RESPONSE_EXPORTS))
}

pub(super) fn retry(ctx: &Ctx) -> String {
    RETRY
        .replace("@TITLE@", &ctx.title())
        .replace("@ALL@\n", &dunder_all(RETRY_EXPORTS))
}

const RESPONSE: &str = r#""""Turning a failed HTTP response of @TITLE@ into the right exception.

:func:`error_from_response` reads any object with ``status_code``, ``headers`` and
``text``: a ``requests.Response`` or an ``httpx.Response`` (neither library is required).
Whatever the body holds (the JSON envelope, HTML from a gateway, nothing, truncated JSON, a
code this version does not know), it returns an :class:`ApiError` of the right class that
keeps the status and the raw text, and never raises.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from datetime import timezone
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

from .codes import ErrorCode
from .errors import ApiError, ErrorDetails, error_class

@ALL@


class ResponseLike(Protocol):
    """What :func:`error_from_response` reads from a response.

    ``requests.Response`` and ``httpx.Response`` both have these attributes.
    """

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        ...

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers (looked up case-insensitively)."""
        ...

    @property
    def text(self) -> str:
        """The body, decoded."""
        ...


def error_from_response(response: ResponseLike) -> ApiError:
    """The exception for a failed response: never raises.

    The class is the code's own class when the body carries a code this version knows
    (e.g. a :class:`~.errors.PermissionDeniedError` subclass for a 403 code), else the family
    class of the status (:class:`~.errors.RateLimitError`, :class:`~.errors.ServerError`,
    ...). Fields missing from the body, or of the wrong type, come from the catalog;
    ``retry_after`` comes from the ``Retry-After`` header (seconds or an HTTP date), and
    ``request_id`` from ``meta.request_id`` or else the ``X-Request-Id`` header.
    """
    status = _status_of(response)
    body = _text_of(response)
    try:
        return _parse(response, status, body)
    except Exception:  # a bug or a hostile response must not hide the API's error
        return ApiError(status=status, body=body)


def raise_for_error(response: ResponseLike) -> None:
    """Raise :func:`error_from_response` of the response if its status is 400 or more."""
    if _status_of(response) >= 400:
        raise error_from_response(response)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header value, or ``None`` if it has none.

    The value is a number of seconds (``"120"``) or an HTTP date
    (``"Wed, 21 Oct 2015 07:28:00 GMT"``), counted from ``now`` (a Unix time; the current
    time by default); a date in the past gives ``0.0``. Anything else gives ``None``.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def _parse(response: ResponseLike, status: int, body: str) -> ApiError:
    envelope = _json_object(body)
    error_member = None if envelope is None else envelope.get("error")
    error = error_member if isinstance(error_member, dict) else None
    meta_member = None if envelope is None else envelope.get("meta")
    meta = meta_member if isinstance(meta_member, dict) else None

    raw_code = _string(error, "code")
    message = _string(error, "message")
    if message is None and isinstance(error_member, str) and error_member:
        message = error_member
    if message is None:
        message = _string(envelope, "message")
    details_member = None if error is None else error.get("details")
    details = None
    if isinstance(details_member, dict):
        details = ErrorDetails(
            field=_string(details_member, "field"),
            issue=_string(details_member, "issue"),
        )
    request_id = _string(meta, "request_id")
    if request_id is None:
        request_id = _header(response, "X-Request-Id")
    code = ErrorCode.parse(raw_code)
    return error_class(code, status)(
        message or None,
        status=status,
        code=code,
        raw_code=raw_code,
        details=details,
        request_id=request_id,
        timestamp=_string(meta, "timestamp"),
        retry_after=parse_retry_after(_header(response, "Retry-After")),
        body=body,
    )


def _status_of(response: ResponseLike) -> int:
    try:
        status = response.status_code
    except Exception:
        return 0
    return status if isinstance(status, int) and not isinstance(status, bool) else 0


def _text_of(response: ResponseLike) -> str:
    try:
        text: Any = response.text
    except Exception:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, bytes):
        return text.decode("utf-8", errors="replace")
    return ""


def _header(response: ResponseLike, name: str) -> str | None:
    try:
        headers = response.headers
        value = headers.get(name)
        if value is None:
            lowered = name.lower()
            value = next(
                (v for k, v in headers.items() if str(k).lower() == lowered), None
            )
    except Exception:
        return None
    return value if isinstance(value, str) else None


def _json_object(body: str) -> dict[str, Any] | None:
    try:
        value = json.loads(body)
    except Exception:
        return None
    return value if isinstance(value, dict) else None


def _string(member: dict[str, Any] | None, key: str) -> str | None:
    value = None if member is None else member.get(key)
    return value if isinstance(value, str) else None
"#;

const RETRY: &str = r#""""Retrying calls to @TITLE@ that fail with a retryable error.

:func:`with_retry` and :func:`with_retry_async` call a function until it returns, it raises
an error that is not retryable, or ``max_attempts`` calls have failed; then the last error
propagates unchanged. What is retried (:func:`is_retryable`):

- an :class:`~.errors.ApiError` whose ``retryable`` is true (the catalog decides per code,
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

import asyncio
import random as _random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from .errors import ApiError

@ALL@

T = TypeVar("T")

_TRANSIENT_CLASSES = frozenset(
    {
        ("requests", "ConnectionError"),
        ("requests", "Timeout"),
        ("httpx", "TimeoutException"),
        ("httpx", "NetworkError"),
        ("httpx", "RemoteProtocolError"),
    }
)


@dataclass(frozen=True, slots=True)
class RetryEvent:
    """What ``on_retry`` is told before each wait."""

    attempt: int
    """The attempt that failed, from 1."""

    delay: float
    """Seconds the helper waits now before the next attempt."""

    error: Exception
    """The error of the failed attempt."""


def is_retryable(error: BaseException) -> bool:
    """Whether an error is worth retrying: a retryable :class:`~.errors.ApiError`, or a
    connection failure or timeout (see the module's documentation)."""
    if isinstance(error, ApiError):
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
    random: Callable[[], float] = _random.random,
) -> float | None:
    """Seconds to wait after failed attempt number ``attempt`` (from 1), or ``None`` when
    the error's ``retry_after`` exceeds ``max_delay``. ``random`` returns a float in [0, 1).
    """
    retry_after = error.retry_after if isinstance(error, ApiError) else None
    if retry_after is not None:
        return retry_after if retry_after <= max_delay else None
    backoff = min(max_delay, base_delay * 2.0 ** min(attempt - 1, 64))
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
    random: Callable[[], float] = _random.random,
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
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    random: Callable[[], float] = _random.random,
) -> T:
    """:func:`with_retry` for coroutines: awaits ``fn()`` and ``sleep``."""
    _check(max_attempts, base_delay, max_delay)
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
    random: Callable[[], float],
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
"#;
