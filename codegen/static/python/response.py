"""Turning a failed HTTP response of the API into the right exception.

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
from ._base import ApiError, ErrorDetails, error_class

__all__ = [
    "ResponseLike",
    "error_from_response",
    "parse_retry_after",
    "raise_for_error",
]


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
