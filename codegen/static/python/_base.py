"""The part of the exception hierarchy that is the same for every catalog.

:class:`APIError`, the class of every error; one class per status family
(:class:`RateLimitError` for 429, :class:`ServerError` for any 5xx, ...); and the functions
that pick the class and the retryability of an error. The class of each code, below its
family, is in :mod:`.errors`, which re-exports everything here: import from there or from
the package.
"""

from __future__ import annotations

from collections.abc import Mapping

from .codes import CODES, STATUSES, CodeInfo, ErrorCode

# `typing` is for type checkers only: see `_runtime`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, NamedTuple, Self
else:
    from ._runtime import NamedTuple

__all__ = [
    "APIError",
    "ErrorDetails",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "ServerError",
    "error_class",
    "family_class",
    "status_retryable",
]


class ErrorDetails(NamedTuple):
    """More about an error (``error.details``): the request field and what is wrong with it.

    The catalog documents these members in the JSON error envelope: see
    :class:`~.envelope.ErrorBodyDetails` (and :class:`~.envelope.ErrorEnvelope`) in
    :mod:`.envelope`.
    """

    field: str | None = None
    """The request field the error concerns (``error.details.field``)."""

    issue: str | None = None
    """What is wrong with that field, in words (``error.details.issue``)."""


class APIError(Exception):
    """An error response of the API.

    The JSON body it is read from, the error envelope, is documented by the catalog: see
    :class:`~.envelope.ErrorEnvelope` in :mod:`.envelope`, whose ``error``
    (:class:`~.envelope.ErrorBody`) gives ``code``, ``message`` and ``details``, and whose
    ``meta`` (:class:`~.envelope.ErrorMeta`) gives ``request_id`` and ``timestamp``.

    Catch it to handle every error of the API, or catch a family class or a code's
    own class for less. Fields the response lacks come from the catalog.
    """

    error_code: ClassVar[ErrorCode | None] = None
    """The code of every instance of this class; ``None`` for a class of many codes."""

    default_status: ClassVar[int] = 500
    """The status of an instance created with neither a status nor a code."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        """An instance of the code's own class when ``code`` names a known code, ``status``
        is absent or the code's own status, and that class is this one or below it:
        ``APIError(code=ErrorCode.X)`` is always an instance of X's class, so ``isinstance``
        and ``except`` agree with ``code``; with another status it keeps the class asked for
        (see :func:`error_class`)."""
        code = kwargs.get("code")
        status = kwargs.get("status")
        target: type[Self] = cls
        if isinstance(code, ErrorCode) and (
            status is None or status == CODES[code].status
        ):
            own = _code_class(code)
            if issubclass(own, cls):
                target = own
        return super().__new__(target)

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        code: ErrorCode | None = None,
        raw_code: str | None = None,
        details: ErrorDetails | None = None,
        request_id: str | None = None,
        timestamp: str | None = None,
        retryable: bool | None = None,
        retry_after: float | None = None,
        body: str = "",
        body_truncated: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Create an error; what is not given comes from the catalog.

        ``code`` defaults to the class's own code, ``status`` to the code's (else to the
        class's default), ``message`` to the code's default message (else to the status's
        title, else ``HTTP status <status>``) and ``retryable`` to the code's setting (else
        to the status's); it is never true for a status outside 400-599.
        """
        if code is None:
            code = type(self).error_code
        info: CodeInfo | None = None if code is None else CODES[code]
        if status is None:
            status = type(self).default_status if info is None else info.status
        if message is None:
            message = _default_message(info, status)
        if retryable is None:
            retryable = status_retryable(status) if info is None else info.retryable
        if not _is_error_status(status):
            retryable = False
        code_value = None if code is None else code.value
        super().__init__(message)
        self.code: ErrorCode | None = code
        """The error code (``error.code``), one this version knows.

        ``None`` when the response has no code this version knows: see
        :attr:`raw_code`.
        """
        self.raw_code: str | None = raw_code if raw_code is not None else code_value
        """The code exactly as received, known or not; ``None`` when the body has none."""
        self.status: int = status
        """The HTTP status of the response."""
        self.message: str = message
        """The human-readable message (``error.message``); not meant to be parsed."""
        self.details: ErrorDetails | None = details
        """More about the error (``error.details``), when the server has more to say."""
        self.request_id: str | None = request_id
        """The id of the request (``meta.request_id``): quote it when you contact support."""
        self.timestamp: str | None = timestamp
        """When the error happened (``meta.timestamp``), as the server wrote it."""
        self.retryable: bool = retryable
        """Whether the same request may succeed if sent again later: the code's setting in the
        catalog, or for an unknown code the status's (429 and 5xx unless the catalog says
        otherwise).
        """
        self.retry_after: float | None = retry_after
        """Seconds to wait before retrying, from the ``Retry-After`` header; ``None`` without one."""
        self.body: str = body
        """The text of the response body as read (empty when there was none): at most its
        first MiB, decoded as UTF-8 with undecodable bytes replaced."""
        self.body_truncated: bool = body_truncated
        """Whether the body was longer than what :attr:`body` keeps (1 MiB): the rest was
        not read."""
        self.headers: Mapping[str, str] = {} if headers is None else headers
        """The response headers, by lower-case name (repeated headers joined by ``, ``);
        empty for an error not made from a response."""

    def __str__(self) -> str:
        """``CODE (status): message``, with the request id when there is one."""
        if self.raw_code is None:
            head = f"HTTP {self.status}"
        else:
            head = f"{self.raw_code} ({self.status})"
        text = f"{head}: {self.message}"
        if self.request_id is not None:
            text += f" [request {self.request_id}]"
        return text

    def __repr__(self) -> str:
        """The class, status, code, message and request id."""
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.raw_code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickling keeps the class and every field."""
        return (_rebuild, (type(self), dict(self.__dict__)))


ApiError = APIError
"""The former name of :class:`APIError`, kept as an alias of the same class so that code
written against it keeps working. New code uses ``APIError``, the PEP 8 spelling."""


class BadRequestError(APIError):
    """A 400 Bad Request: the request is wrong; fix it before sending it again."""

    default_status: ClassVar[int] = 400


class AuthenticationError(APIError):
    """A 401 Unauthorized: the API key is missing, invalid, expired or revoked."""

    default_status: ClassVar[int] = 401


class PermissionDeniedError(APIError):
    """A 403 Forbidden: the account may not do what the request asked."""

    default_status: ClassVar[int] = 403


class NotFoundError(APIError):
    """A 404 Not Found: the request names something that does not exist."""

    default_status: ClassVar[int] = 404


class ConflictError(APIError):
    """A 409 Conflict: the request conflicts with the current state of a resource."""

    default_status: ClassVar[int] = 409


class UnprocessableEntityError(APIError):
    """A 422 Unprocessable Entity: the request is well-formed but its content is rejected."""

    default_status: ClassVar[int] = 422


class RateLimitError(APIError):
    """A 429 Too Many Requests: slow down, waiting as long as the server's Retry-After asks."""

    default_status: ClassVar[int] = 429


class ServerError(APIError):
    """A 5xx: the server failed on a request that may well be valid."""

    default_status: ClassVar[int] = 500


_FAMILIES: dict[int, type[APIError]] = {
    family.default_status: family
    for family in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        UnprocessableEntityError,
        RateLimitError,
    )
}


def family_class(status: int) -> type[APIError]:
    """The family class of a status: :class:`ServerError` for any 5xx, else the class of
    that status, else :class:`APIError`."""
    if 500 <= status <= 599:
        return ServerError
    return _FAMILIES.get(status, APIError)


def error_class(code: ErrorCode | None, status: int) -> type[APIError]:
    """The class of an error: the code's own class when the code is known and the status is
    the code's own status in the catalog, else the family class of the status (a 503 carrying
    a 429 code is a :class:`ServerError`, not that code's class)."""
    if code is not None and CODES[code].status == status:
        return _code_class(code)
    return family_class(status)


def status_retryable(status: int) -> bool:
    """Whether an error with this status and no known code is retryable: never outside
    400-599; else the catalog's status table says, else true for 429 and 5xx."""
    if not _is_error_status(status):
        return False
    info = STATUSES.get(status)
    if info is not None:
        return info.retryable
    return status == 429 or 500 <= status <= 599


def _is_error_status(status: int) -> bool:
    return 400 <= status <= 599


def _code_class(code: ErrorCode) -> type[APIError]:
    # The classes of the codes subclass the ones above, so their module imports this one:
    # read their table when it is first needed, once both modules are loaded.
    from .errors import ERROR_CLASSES

    return ERROR_CLASSES[code]


def _default_message(info: CodeInfo | None, status: int) -> str:
    if info is not None:
        return info.message
    row = STATUSES.get(status)
    return f"HTTP status {status}" if row is None else row.title


def _rebuild(cls: type[APIError], fields: dict[str, Any]) -> APIError:
    error = cls.__new__(cls)
    Exception.__init__(error, fields.get("message", ""))
    error.__dict__.update(fields)
    return error
