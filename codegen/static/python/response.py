"""Turning a failed HTTP response of the API into the right exception.

:func:`error_from_response` reads a ``requests`` or ``httpx`` response, read or streaming
(``client.stream(...)``, or inside a response hook, before the body is read);
:func:`error_from_response_async` also reads an ``aiohttp`` response and an unread ``httpx``
async response. Neither library is required: each is recognised by what it has. Whatever the
body holds (the JSON envelope, HTML from a gateway, nothing, truncated JSON, a code this
version does not know), the result is an :class:`APIError` of the right class that keeps the
status, the headers and the text; these functions never raise, except a :class:`TypeError`
when :func:`error_from_response` is given a response whose body only a coroutine can read.

The decision, the same in every package generated from the catalog:

- at most the first MiB of the body is read (``body_truncated`` says whether there was more);
- ``raw_code`` is ``error.code`` when the body is a JSON object whose ``error`` is an object
  with a string ``code``; ``code`` is that code when this version knows it;
- the class is the code's own class when the response's status is the code's status in the
  catalog, else the family class of the status (``RateLimitError`` for 429, ``ServerError``
  for any 5xx, ...), else :class:`APIError`: a 503 carrying a 429 code is a ``ServerError``;
- ``message`` is the first of: ``error.message``, ``error`` when it is a string
  (``{"error": "Invalid token"}``), ``message`` (``{"message": "..."}``), the code's message in
  the catalog, the status's title, ``HTTP status <status>``;
- ``request_id`` is ``meta.request_id``, else the ``X-Request-Id`` header;
- ``retryable`` is never true for a status outside 400-599; else it is the code's setting,
  else the status's (429 and 5xx unless the catalog's status table says otherwise);
- ``retry_after`` is the ``Retry-After`` header in seconds: delta-seconds or an HTTP date in
  any of its three forms; a negative, fractional, malformed or absurd (more than a day) value
  is ignored.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from .codes import ErrorCode
from ._base import APIError, ErrorDetails, error_class, family_class

# `typing` is for type checkers only: see `_runtime`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any, Protocol
else:
    from ._runtime import Protocol

# `json`, `re` and `datetime` are imported where they are first used, so that importing the
# package stays cheap (see `cargo xtask bench`).

__all__ = [
    "AsyncResponseLike",
    "ResponseLike",
    "error_from_response",
    "error_from_response_async",
    "parse_retry_after",
    "raise_for_error",
    "raise_for_error_async",
]

MAX_BODY_BYTES = 1024 * 1024
"""How much of a body is read: 1 MiB. The rest is dropped and ``body_truncated`` set."""

MAX_RETRY_AFTER = 86_400.0
"""The longest ``Retry-After`` taken seriously, in seconds (one day): longer is ignored."""

_CHUNK = 64 * 1024
_CO_COROUTINE = 0x80  # inspect.CO_COROUTINE, without importing inspect


class ResponseLike(Protocol):
    """What :func:`error_from_response` reads from a response.

    ``requests.Response`` and ``httpx.Response`` both have these attributes; the body is
    read from ``iter_content``/``iter_bytes`` when they have them (a streaming response),
    else from ``content`` or ``text``.
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


class AsyncResponseLike(Protocol):
    """What :func:`error_from_response_async` reads from an ``aiohttp`` response.

    ``aiohttp.ClientResponse`` has these attributes; the body is read from its ``content``
    stream when it has one.
    """

    @property
    def status(self) -> int:
        """The HTTP status."""
        ...

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers (looked up case-insensitively)."""
        ...

    def read(self) -> Awaitable[bytes]:
        """The body."""
        ...


def error_from_response(response: ResponseLike) -> APIError:
    """The exception for a failed response (see the module's documentation).

    Reads at most 1 MiB of an unread body (a streaming ``httpx`` or ``requests`` response,
    or one seen by a response hook), and closes the response when it had more. Never raises,
    except :class:`TypeError` for an ``aiohttp`` response or an unread ``httpx`` async one:
    use :func:`error_from_response_async` for those.
    """
    _refuse_async(response)
    status = _status_of(response)
    headers = _headers_of(response)
    body, truncated = _body_of(response)
    return _decide(status, headers, body, truncated)


async def error_from_response_async(
    response: AsyncResponseLike | ResponseLike,
) -> APIError:
    """:func:`error_from_response` for any response, awaiting the body where it must: an
    ``aiohttp`` response or an unread ``httpx`` async response (``AsyncClient.stream``, an
    async response hook). Never raises."""
    status = _status_of(response)
    headers = _headers_of(response)
    body, truncated = await _body_of_async(response)
    return _decide(status, headers, body, truncated)


def raise_for_error(response: ResponseLike, *args: Any, **kwargs: Any) -> None:
    """Raise :func:`error_from_response` of the response if its status is 400 or more.

    Usable as a response hook: ``requests.Session().hooks["response"].append(raise_for_error)``
    (or ``hooks={"response": raise_for_error}``; the keyword arguments ``requests`` passes are
    ignored) and ``httpx.Client(event_hooks={"response": [raise_for_error]})``. Raises
    :class:`TypeError` for an ``aiohttp`` response, whatever its status: use
    :func:`raise_for_error_async`.
    """
    _refuse_async(response)
    if _status_of(response) >= 400:
        raise error_from_response(response)


async def raise_for_error_async(
    response: AsyncResponseLike | ResponseLike, *args: Any, **kwargs: Any
) -> None:
    """Raise :func:`error_from_response_async` of the response if its status is 400 or more.

    Usable as ``aiohttp.ClientSession(raise_for_status=raise_for_error_async)`` and as
    ``httpx.AsyncClient(event_hooks={"response": [raise_for_error_async]})``.
    """
    if _status_of(response) >= 400:
        raise await error_from_response_async(response)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header value, or ``None`` if it gives none.

    The value is a number of seconds (``"120"``, ASCII digits) or an HTTP date in any of the
    three forms of RFC 9110 (``"Sun, 06 Nov 1994 08:49:37 GMT"``,
    ``"Sunday, 06-Nov-94 08:49:37 GMT"``, ``"Sun Nov  6 08:49:37 1994"``), counted from
    ``now`` (a Unix time; the current time by default); a date in the past gives ``0.0``.
    Anything else (negative, fractional, malformed) and a wait longer than one day give
    ``None``.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        digits = text.lstrip("0")
        if len(digits) > len(str(int(MAX_RETRY_AFTER))):
            return None
        seconds = float(int(digits or "0"))
        return seconds if seconds <= MAX_RETRY_AFTER else None
    current = time.time() if now is None else now
    when = _http_date(text, current)
    if when is None:
        return None
    wait = max(0.0, when - current)
    return wait if wait <= MAX_RETRY_AFTER else None


def _decide(
    status: int, headers: Mapping[str, str], raw: bytes, truncated: bool
) -> APIError:
    body = raw.decode("utf-8", errors="replace")
    try:
        return _parse(status, headers, body, truncated)
    except Exception:  # a bug or a hostile response must not hide the API's error
        return family_class(status)(
            status=status, body=body, body_truncated=truncated, headers=headers
        )


def _parse(
    status: int, headers: Mapping[str, str], body: str, truncated: bool
) -> APIError:
    envelope = _json_object(body)
    error_member = None if envelope is None else envelope.get("error")
    error = error_member if isinstance(error_member, dict) else None
    meta_member = None if envelope is None else envelope.get("meta")
    meta = meta_member if isinstance(meta_member, dict) else None

    raw_code = _string(error, "code")
    code = ErrorCode.parse(raw_code)
    message = _non_empty(error, "message")
    if message is None and isinstance(error_member, str) and error_member:
        message = error_member
    if message is None:
        message = _non_empty(envelope, "message")
    details_member = None if error is None else error.get("details")
    details = None
    if isinstance(details_member, dict):
        details = ErrorDetails(
            field=_string(details_member, "field"),
            issue=_string(details_member, "issue"),
        )
    request_id = _non_empty(meta, "request_id")
    if request_id is None:
        request_id = headers.get("x-request-id", "").strip() or None
    # With no message in the body, no retryable given: APIError takes them from the code's
    # catalog entry, else from the status (never retryable outside 400-599).
    return error_class(code, status)(
        message,
        status=status,
        code=code,
        raw_code=raw_code,
        details=details,
        request_id=request_id,
        timestamp=_string(meta, "timestamp"),
        retry_after=parse_retry_after(headers.get("retry-after")),
        body=body,
        body_truncated=truncated,
        headers=headers,
    )


def _status_of(response: object) -> int:
    for name in ("status_code", "status"):
        try:
            status = getattr(response, name)
        except Exception:
            continue
        if isinstance(status, int) and not isinstance(status, bool):
            return status
    return 0


def _headers_of(response: Any) -> dict[str, str]:
    """The headers by lower-case name, repeated ones joined by ``", "``."""
    found: dict[str, str] = {}
    try:
        items: Any = response.headers.items()
        for name, value in items:
            if not isinstance(name, str) or not isinstance(value, str):
                continue
            key = name.lower()
            found[key] = f"{found[key]}, {value}" if key in found else value
    except Exception:
        pass
    return found


def _refuse_async(response: object) -> None:
    """A loud :class:`TypeError` for a response whose body only a coroutine can read."""
    if _reads_with_coroutine(response):
        raise TypeError(
            f"{type(response).__name__} reads its body with a coroutine (an aiohttp "
            "response?): use `await error_from_response_async(response)` or "
            "`await raise_for_error_async(response)`"
        )


def _body_of(response: Any) -> tuple[bytes, bool]:
    """At most :data:`MAX_BODY_BYTES` of the body, and whether there was more."""
    if hasattr(response, "iter_bytes"):  # httpx
        content = _read_content(response)
        if content is not None:
            return _capped(content)
        if not hasattr(getattr(response, "stream", None), "__iter__"):
            raise TypeError(
                "an unread httpx async response: use "
                "`await error_from_response_async(response)` or "
                "`await raise_for_error_async(response)`"
            )
        return _read_chunks(response.iter_bytes(), response.close)
    if hasattr(response, "iter_content"):
        # requests: streams the body, or slices the body it has already read.
        return _read_chunks(response.iter_content(_CHUNK), response.close)
    content = _read_content(response)
    if content is not None:
        return _capped(content)
    try:
        text: Any = response.text
    except Exception:
        return b"", False
    if isinstance(text, str):
        return _capped(text.encode("utf-8", errors="replace"))
    if isinstance(text, bytes):
        return _capped(text)
    return b"", False


async def _body_of_async(response: Any) -> tuple[bytes, bool]:
    if hasattr(response, "aiter_bytes"):  # httpx
        content = _read_content(response)
        if content is not None:
            return _capped(content)
        if hasattr(getattr(response, "stream", None), "__aiter__"):
            return await _read_chunks_async(response.aiter_bytes(), response.aclose)
        return _body_of(response)
    if _is_coroutine_function(getattr(type(response), "read", None)):  # aiohttp
        # What an earlier `await response.read()` kept; else the stream, at most 1 MiB.
        cached = getattr(response, "_body", None)
        if isinstance(cached, bytes):
            return _capped(cached)
        stream: Any = getattr(response, "content", None)
        if hasattr(stream, "iter_chunked"):
            return await _read_chunks_async(
                stream.iter_chunked(_CHUNK), getattr(response, "close", None)
            )
        try:
            data = await response.read()
        except Exception:
            return b"", False
        return _capped(data) if isinstance(data, bytes) else (b"", False)
    if _is_coroutine_function(getattr(type(response), "text", None)):
        try:
            text = await response.text()
        except Exception:
            return b"", False
        if isinstance(text, str):
            return _capped(text.encode("utf-8", errors="replace"))
        return b"", False
    return _body_of(response)


def _read_content(response: Any) -> bytes | None:
    """``response.content`` when it is the body already read (httpx raises
    ``ResponseNotRead`` for a streaming response or in a response hook)."""
    try:
        content = response.content
    except Exception:
        return None
    return content if isinstance(content, bytes) else None


def _read_chunks(
    chunks: Iterable[Any], close: Callable[[], object] | None
) -> tuple[bytes, bool]:
    parts: list[bytes] = []
    size = 0
    try:
        for chunk in chunks:
            if isinstance(chunk, bytes):
                parts.append(chunk)
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    break
    except Exception:
        pass  # the connection failed or the stream was consumed: keep what came
    return _finish(parts, size, close)


async def _read_chunks_async(
    chunks: Any, close: Callable[[], object] | None
) -> tuple[bytes, bool]:
    parts: list[bytes] = []
    size = 0
    try:
        async for chunk in chunks:
            if isinstance(chunk, bytes):
                parts.append(chunk)
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    break
    except Exception:
        pass
    body, truncated = _finish(parts, size, None)
    if truncated and close is not None:
        try:
            closing = close()
            if hasattr(closing, "__await__"):
                await closing
        except Exception:
            pass
    return body, truncated


def _finish(
    parts: list[bytes], size: int, close: Callable[[], object] | None
) -> tuple[bytes, bool]:
    """The body read from ``parts``; a body longer than the cap is cut and its response
    closed (``close``), so the rest is never read."""
    truncated = size > MAX_BODY_BYTES
    if truncated and close is not None:
        try:
            close()
        except Exception:
            pass
    return b"".join(parts)[:MAX_BODY_BYTES], truncated


def _capped(body: bytes) -> tuple[bytes, bool]:
    return body[:MAX_BODY_BYTES], len(body) > MAX_BODY_BYTES


def _reads_with_coroutine(response: object) -> bool:
    """Whether the response's ``read`` or ``text`` is a coroutine method (looked up on its
    class: reading the attribute of a ``requests`` response would read the body)."""
    cls = type(response)
    return _is_coroutine_function(getattr(cls, "read", None)) or (
        _is_coroutine_function(getattr(cls, "text", None))
    )


def _is_coroutine_function(function: object) -> bool:
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    flags = getattr(code, "co_flags", 0)
    return isinstance(flags, int) and bool(flags & _CO_COROUTINE)


_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_DATE_FORMS: list[re.Pattern[str]] = []


def _http_date(text: str, now: float) -> float | None:
    """The Unix time of an HTTP date in one of the three forms of RFC 9110, section 5.6.7,
    or ``None``."""
    if not _DATE_FORMS:  # compiled on first use, to keep the import cheap
        days = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"
        long_days = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
        months = "|".join(_MONTHS)
        time_of_day = r"(?P<h>\d\d):(?P<m>\d\d):(?P<s>\d\d)"
        import re

        _DATE_FORMS.extend(
            re.compile(form, re.ASCII)
            for form in (
                rf"(?:{days}), (?P<d>\d\d) (?P<mon>{months}) (?P<y>\d{{4}}) {time_of_day} GMT",
                rf"(?:{long_days}), (?P<d>\d\d)-(?P<mon>{months})-(?P<yy>\d\d) {time_of_day} GMT",
                rf"(?:{days}) (?P<mon>{months}) (?P<d>[ \d]\d) {time_of_day} (?P<y>\d{{4}})",
            )
        )
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match is None:
            continue
        fields = match.groupdict()
        if fields.get("yy") is not None:
            # RFC 9110: a two-digit year more than 50 years ahead is in the past century.
            this_year = time.gmtime(now).tm_year
            year = this_year - this_year % 100 + int(fields["yy"])
            if year > this_year + 50:
                year -= 100
        else:
            year = int(fields["y"])
        from datetime import datetime, timezone

        try:
            return datetime(
                year,
                _MONTHS.index(fields["mon"]) + 1,
                int(fields["d"]),
                int(fields["h"]),
                int(fields["m"]),
                int(fields["s"]),
                tzinfo=timezone.utc,
            ).timestamp()
        except (ValueError, OverflowError):
            return None
    return None


def _json_object(body: str) -> dict[str, Any] | None:
    import json

    try:
        value = json.loads(body)
    except Exception:
        return None
    return value if isinstance(value, dict) else None


def _string(member: dict[str, Any] | None, key: str) -> str | None:
    value = None if member is None else member.get(key)
    return value if isinstance(value, str) else None


def _non_empty(member: dict[str, Any] | None, key: str) -> str | None:
    return _string(member, key) or None
