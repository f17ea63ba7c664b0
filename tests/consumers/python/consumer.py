"""A service of another repository that calls the AI API through ai_api_errors.

It catches errors by family and by code, matches exhaustively over ``ErrorCode`` (mypy
--strict fails when a code is left unhandled), and retries what the catalog says to retry.
Run it: it checks its expectations on responses built in memory and prints ``ok``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never

from ai_api_errors import (
    ApiError,
    ErrorCode,
    ErrorHandlers,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    error_from_response,
    handle_error,
    raise_for_error,
    with_retry,
)


@dataclass
class Response:
    """Anything with status_code, headers and text will do (requests and httpx have them)."""

    status_code: int
    text: str
    headers: dict[str, str] = field(default_factory=dict)


def envelope(code: str) -> str:
    return f'{{"success": false, "error": {{"code": "{code}", "message": "m"}}}}'


def action(error: ApiError) -> str:
    """What this service does about an error: every code is handled."""
    code = error.code
    match code:
        case (
            ErrorCode.MISSING_API_KEY
            | ErrorCode.INVALID_API_KEY
            | ErrorCode.EXPIRED_API_KEY
            | ErrorCode.REVOKED_API_KEY
        ):
            return "renew the API key"
        case (
            ErrorCode.INSUFFICIENT_PERMISSIONS
            | ErrorCode.ACCOUNT_SUSPENDED
            | ErrorCode.QUOTA_EXCEEDED
        ):
            return "tell the account owner"
        case (
            ErrorCode.INVALID_REQUEST
            | ErrorCode.MISSING_REQUIRED_FIELD
            | ErrorCode.INVALID_FIELD_VALUE
            | ErrorCode.UNSUPPORTED_MODEL
            | ErrorCode.INVALID_FILE_FORMAT
            | ErrorCode.FILE_TOO_LARGE
            | ErrorCode.PROMPT_TOO_LONG
            | ErrorCode.INVALID_TEMPERATURE
            | ErrorCode.INVALID_MAX_TOKENS
            | ErrorCode.INVALID_IMAGE_SIZE
            | ErrorCode.INVALID_IMAGE_QUALITY
            | ErrorCode.PROMPT_VIOLATION
        ):
            return "fix the request"
        case (
            ErrorCode.RESOURCE_NOT_FOUND
            | ErrorCode.ENDPOINT_NOT_FOUND
            | ErrorCode.MODEL_NOT_FOUND
        ):
            return "check the name"
        case ErrorCode.RATE_LIMIT_EXCEEDED | ErrorCode.CONCURRENT_LIMIT_EXCEEDED:
            return "slow down"
        case (
            ErrorCode.INTERNAL_ERROR
            | ErrorCode.MODEL_UNAVAILABLE
            | ErrorCode.PROCESSING_ERROR
            | ErrorCode.SERVICE_UNAVAILABLE
            | ErrorCode.OVERLOADED
        ):
            return "try again later"
        case None:
            return f"report unknown code {error.raw_code}"
        case _:
            assert_never(code)


def _fix(error: ApiError) -> str:
    return f"fix {error.details.field if error.details else 'the request'}"


def _later(error: ApiError) -> str:
    return "later"


def _other(error: ApiError) -> str:
    return "other"


HANDLERS: ErrorHandlers[str] = {
    "MISSING_API_KEY": _other,
    "INVALID_API_KEY": _other,
    "EXPIRED_API_KEY": _other,
    "REVOKED_API_KEY": _other,
    "INSUFFICIENT_PERMISSIONS": _other,
    "ACCOUNT_SUSPENDED": _other,
    "QUOTA_EXCEEDED": _other,
    "INVALID_REQUEST": _fix,
    "MISSING_REQUIRED_FIELD": _fix,
    "INVALID_FIELD_VALUE": _fix,
    "UNSUPPORTED_MODEL": _fix,
    "INVALID_FILE_FORMAT": _fix,
    "FILE_TOO_LARGE": _fix,
    "RESOURCE_NOT_FOUND": _other,
    "ENDPOINT_NOT_FOUND": _other,
    "MODEL_NOT_FOUND": _other,
    "RATE_LIMIT_EXCEEDED": _later,
    "CONCURRENT_LIMIT_EXCEEDED": _later,
    "INTERNAL_ERROR": _later,
    "MODEL_UNAVAILABLE": _later,
    "PROCESSING_ERROR": _later,
    "SERVICE_UNAVAILABLE": _later,
    "OVERLOADED": _later,
    "PROMPT_TOO_LONG": _fix,
    "INVALID_TEMPERATURE": _fix,
    "INVALID_MAX_TOKENS": _fix,
    "INVALID_IMAGE_SIZE": _fix,
    "INVALID_IMAGE_QUALITY": _fix,
    "PROMPT_VIOLATION": _fix,
    "unknown": _other,
}


def main() -> None:
    # Catching by family: a 429 with Retry-After.
    limited = Response(429, envelope("RATE_LIMIT_EXCEEDED"), {"Retry-After": "7"})
    try:
        raise_for_error(limited)
    except RateLimitError as error:
        assert error.code is ErrorCode.RATE_LIMIT_EXCEEDED
        assert error.retry_after == 7.0 and error.retryable
    else:
        raise AssertionError("no RateLimitError")

    # Catching by code, and the same error by its family.
    quota = Response(403, envelope("QUOTA_EXCEEDED"))
    try:
        raise_for_error(quota)
    except QuotaExceededError as error:
        assert isinstance(error, PermissionDeniedError) and not error.retryable
    else:
        raise AssertionError("no QuotaExceededError")
    try:
        raise_for_error(quota)
    except PermissionDeniedError as error:
        assert action(error) == "tell the account owner"
    else:
        raise AssertionError("no PermissionDeniedError")

    # A gateway's HTML page is still a typed error.
    gateway = error_from_response(Response(502, "<html>Bad Gateway</html>"))
    assert isinstance(gateway, ServerError) and gateway.code is None
    assert action(gateway) == "report unknown code None"

    # Every code has an action and a handler.
    for code in ErrorCode:
        assert action(ApiError(code=code))
        assert handle_error(ApiError(code=code), HANDLERS)
    assert (
        handle_error(ApiError(code=ErrorCode.INVALID_TEMPERATURE), HANDLERS)
        == "fix the request"
    )

    # Retrying: two 503s, then success; no real sleeping.
    answers = [
        Response(503, envelope("OVERLOADED")),
        Response(503, ""),
        Response(200, "{}"),
    ]
    waits: list[float] = []

    def call() -> Response:
        response = answers.pop(0)
        raise_for_error(response)
        return response

    assert with_retry(call, max_attempts=3, sleep=waits.append).status_code == 200
    assert len(waits) == 2 and not answers
    print("ok")


if __name__ == "__main__":
    main()
