//! `errors.py`: `ApiError`, one family class per status family, one class per code.

use super::literal::{docstring, docstring_text};
use super::{Ctx, FAMILIES, assignment, dunder_all, family_of, first_that_fits, retryable_words};

/// What `errors.py` exports (its `__all__`, and what `__init__.py` imports from it): the
/// class table, the base, the details, the family classes, every code's class and the
/// functions.
pub(super) fn exports<'a>(ctx: &'a Ctx) -> Vec<&'a str> {
    let mut names = vec!["ERROR_CLASSES", "ApiError", "ErrorDetails"];
    names.extend(FAMILIES.iter().map(|(_, name)| *name));
    names.extend(ctx.classes.iter().map(String::as_str));
    names.extend(["error_class", "family_class", "status_retryable"]);
    names
}

pub(super) fn generate(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let envelope = &catalog.envelope;
    let example_class = &ctx.classes[ctx.example];
    let example_family = family_of(catalog.codes[ctx.example].status);
    let mut out = String::new();
    out.push_str(&docstring(
        &format!(
            "Exceptions for the error responses of {title}.\n\n\
             Every exception is an :class:`ApiError`. Its class tells the status family\n\
             (:class:`RateLimitError` for 429, :class:`ServerError` for any 5xx, ...) and, when\n\
             the response carries a code this version knows, the code itself:\n\
             :class:`{example_class}` is a :class:`{example_family}`. Catch as broadly or as\n\
             narrowly as you need.",
            title = ctx.title()
        ),
        0,
    ));
    out.push_str(
        "\nfrom __future__ import annotations\n\
         \n\
         from collections.abc import Mapping\n\
         from dataclasses import dataclass\n\
         from types import MappingProxyType\n\
         from typing import Any, ClassVar, Self\n\
         \n\
         from .codes import CODES, STATUSES, CodeInfo, ErrorCode\n\
         \n",
    );
    out.push_str(&dunder_all(&exports(ctx)));
    out.push_str("\n\n");

    out.push_str("@dataclass(frozen=True, slots=True)\nclass ErrorDetails:\n");
    out.push_str(&docstring(&docstring_text(&envelope.details), 4));
    out.push_str("\n    field: str | None = None\n");
    out.push_str(&docstring(&docstring_text(&envelope.field), 4));
    out.push_str("\n    issue: str | None = None\n");
    out.push_str(&docstring(&docstring_text(&envelope.issue), 4));
    out.push_str("\n\nclass ApiError(Exception):\n");
    out.push_str(&docstring(
        &format!(
            "An error response of {}.\n\n{}\n\n\
             Catch it to handle every error of the API, or catch a family class or a code's\n\
             own class for less. Fields the response lacks come from the catalog.",
            ctx.title(),
            docstring_text(&envelope.description)
        ),
        4,
    ));
    out.push_str(API_ERROR_BEFORE_FIELDS);
    let field = |out: &mut String, assignment: &str, doc: String| {
        out.push_str(&format!("        {assignment}\n"));
        out.push_str(&docstring(&doc, 8));
    };
    field(
        &mut out,
        "self.code: ErrorCode | None = code",
        format!(
            "{}\n\n``None`` when the response has no code this version knows: see\n:attr:`raw_code`.",
            docstring_text(&envelope.code)
        ),
    );
    field(
        &mut out,
        "self.raw_code: str | None = raw_code if raw_code is not None else code_value",
        "The code exactly as received, known or not; ``None`` when the body has none.".to_owned(),
    );
    field(
        &mut out,
        "self.status: int = status",
        "The HTTP status of the response.".to_owned(),
    );
    field(
        &mut out,
        "self.message: str = message",
        docstring_text(&envelope.message),
    );
    field(
        &mut out,
        "self.details: ErrorDetails | None = details",
        docstring_text(&envelope.details),
    );
    field(
        &mut out,
        "self.request_id: str | None = request_id",
        docstring_text(&envelope.request_id),
    );
    field(
        &mut out,
        "self.timestamp: str | None = timestamp",
        docstring_text(&envelope.timestamp),
    );
    field(
        &mut out,
        "self.retryable: bool = retryable",
        "Whether the same request may succeed if sent again later: the code's setting in the\n\
         catalog, or for an unknown code the status's (429 and 5xx unless the catalog says\n\
         otherwise)."
            .to_owned(),
    );
    field(
        &mut out,
        "self.retry_after: float | None = retry_after",
        "Seconds to wait before retrying, from the ``Retry-After`` header; ``None`` without one."
            .to_owned(),
    );
    field(
        &mut out,
        "self.body: str = body",
        "The raw text of the response body (empty when there was none).".to_owned(),
    );
    out.push_str(API_ERROR_METHODS);

    for (status, family) in FAMILIES {
        out.push_str(&format!("class {family}(ApiError):\n"));
        let doc = crate::rules::summary(family).unwrap_or_default();
        out.push_str(&docstring(doc, 4));
        out.push_str(&format!(
            "\n    default_status: ClassVar[int] = {status}\n\n\n"
        ));
    }

    for (index, code) in catalog.codes.iter().enumerate() {
        let (class, family) = (&ctx.classes[index], family_of(code.status));
        out.push_str(&first_that_fits([
            format!("class {class}({family}):\n"),
            format!("class {class}(\n    {family}\n):\n"),
        ]));
        out.push_str(&docstring(
            &format!(
                "{}\n\n{}\n\nThe error for ``{}``: HTTP {} {}, {}.",
                docstring_text(&code.message),
                docstring_text(&code.description),
                code.wire,
                code.status,
                docstring_text(ctx.catalog.status_title(code.status)),
                retryable_words(code.retryable)
            ),
            4,
        ));
        out.push('\n');
        out.push_str(&assignment(
            4,
            "error_code: ClassVar[ErrorCode | None]",
            &ctx.code_ref(index),
        ));
        out.push_str("\n\n");
    }

    out.push_str("ERROR_CLASSES: Mapping[ErrorCode, type[ApiError]] = MappingProxyType(\n    {\n");
    for index in 0..catalog.codes.len() {
        out.push_str(&format!(
            "        {}: {},\n",
            ctx.code_ref(index),
            ctx.classes[index]
        ));
    }
    out.push_str("    }\n)\n\"\"\"The exception class of every code.\"\"\"\n\n");
    out.push_str("_FAMILIES: Mapping[int, type[ApiError]] = MappingProxyType(\n    {\n");
    for (status, family) in FAMILIES {
        if *status < 500 {
            out.push_str(&format!("        {status}: {family},\n"));
        }
    }
    out.push_str("    }\n)\n");
    out.push_str(FUNCTIONS);
    out
}

const API_ERROR_BEFORE_FIELDS: &str = r#"
    error_code: ClassVar[ErrorCode | None] = None
    """The code of every instance of this class; ``None`` for a class of many codes."""

    default_status: ClassVar[int] = 500
    """The status of an instance created with neither a status nor a code."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        """An instance of the code's own class when ``code`` names a known code and that
        class is this one or below it: ``ApiError(code=ErrorCode.X)`` is always an instance
        of X's class, so ``isinstance`` and ``except`` agree with ``code``."""
        code = kwargs.get("code")
        target: type[Self] = cls
        if isinstance(code, ErrorCode):
            own = ERROR_CLASSES[code]
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
    ) -> None:
        """Create an error; what is not given comes from the catalog.

        ``code`` defaults to the class's own code, ``status`` to the code's (else to the
        class's default), ``message`` to the code's default message (else to the status's
        title) and ``retryable`` to the code's setting (else to the status's).
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
        code_value = None if code is None else code.value
        super().__init__(message)
"#;

const API_ERROR_METHODS: &str = r#"
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


"#;

const FUNCTIONS: &str = r#"

def family_class(status: int) -> type[ApiError]:
    """The family class of a status: :class:`ServerError` for any 5xx, else the class of
    that status, else :class:`ApiError`."""
    if 500 <= status <= 599:
        return ServerError
    return _FAMILIES.get(status, ApiError)


def error_class(code: ErrorCode | None, status: int) -> type[ApiError]:
    """The class of an error: the code's own class when the code is known, else the family
    class of the status."""
    if code is not None:
        return ERROR_CLASSES[code]
    return family_class(status)


def status_retryable(status: int) -> bool:
    """Whether an error with this status and no known code is retryable: the catalog's status
    table says, else true for 429 and 5xx."""
    info = STATUSES.get(status)
    if info is not None:
        return info.retryable
    return status == 429 or 500 <= status <= 599


def _default_message(info: CodeInfo | None, status: int) -> str:
    if info is not None:
        return info.message
    row = STATUSES.get(status)
    return f"HTTP {status}" if row is None else row.title


def _rebuild(cls: type[ApiError], fields: dict[str, Any]) -> ApiError:
    error = cls.__new__(cls)
    Exception.__init__(error, fields.get("message", ""))
    error.__dict__.update(fields)
    return error
"#;
