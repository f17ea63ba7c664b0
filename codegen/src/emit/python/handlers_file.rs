//! `handlers.py` (typed per-code handlers: mypy reports a code without one) and
//! `examples/handle_errors.py` (an exhaustive `match` over `ErrorCode`).

use super::literal::{docstring, string};
use super::{Ctx, dunder_all, first_that_fits};

/// What `handlers.py` exports (its `__all__`, and what `__init__.py` imports from it).
pub(super) const EXPORTS: &[&str] = &["ErrorHandlers", "ErrorHandlersWithDefault", "handle_error"];

pub(super) fn module(ctx: &Ctx) -> String {
    let mut out = String::new();
    out.push_str(&docstring(
        &format!(
            "Handling errors of {} per code, checked by mypy.\n\n\
             :func:`handle_error` takes either of two kinds of handlers, as the TypeScript\n\
             ``handleError`` does:\n\n\
             - :class:`ErrorHandlers`: one key per code of the catalog and ``unknown`` for an\n  \
             error without a code this version knows. Every key is required, so when a code is\n  \
             added to the catalog, ``mypy --strict`` reports each ``ErrorHandlers`` that lacks it.\n\
             - :class:`ErrorHandlersWithDefault`: any codes, and ``default`` for every other\n  \
             error (and for an unknown code when ``unknown`` is missing).",
            ctx.title()
        ),
        0,
    ));
    out.push_str(
        "\n# No `from __future__ import annotations` here: `TypedDict` would compile every key's\n\
         # annotation string when the module is imported.\n\
         \n\
         from collections.abc import Callable, Mapping\n\
         from typing import Any, Generic, Required, TypedDict, TypeVar, cast\n\
         \n\
         from . import errors\n\
         from .errors import APIError\n\
         \n",
    );
    out.push_str(&dunder_all(EXPORTS));
    out.push_str("\nT = TypeVar(\"T\")\n");
    let per_code = |out: &mut String| {
        for (code, class) in ctx.catalog.codes.iter().zip(&ctx.classes) {
            let code = &code.wire;
            // As ruff format splits a line that is too long.
            out.push_str(&first_that_fits([
                format!("    {code}: Callable[[errors.{class}], T]\n"),
                format!("    {code}: Callable[\n        [errors.{class}], T\n    ]\n"),
                format!(
                    "    {code}: Callable[\n        [\n            errors.{class}\n        ],\n        T,\n    ]\n"
                ),
            ]));
        }
    };
    out.push_str(
        "\n\n\
         class ErrorHandlers(TypedDict, Generic[T]):\n    \
         \"\"\"One handler per code (the key is the wire string), which gets the code's own\n    \
         exception class, and ``unknown``, which gets any :class:`APIError`.\"\"\"\n\n",
    );
    per_code(&mut out);
    out.push_str("    unknown: Callable[[APIError], T]\n");
    out.push_str(
        "\n\n\
         class ErrorHandlersWithDefault(TypedDict, Generic[T], total=False):\n    \
         \"\"\"Handlers for some codes, ``unknown`` if you like, and ``default`` (required) for\n    \
         every error they leave out.\"\"\"\n\n",
    );
    per_code(&mut out);
    out.push_str(
        "    unknown: Callable[[APIError], T]\n    \
         default: Required[Callable[[APIError], T]]\n\
         \n\
         \n\
         def handle_error(\n    \
         error: APIError, handlers: ErrorHandlers[T] | ErrorHandlersWithDefault[T]\n\
         ) -> T:\n    \
         \"\"\"Call the handler of the error's code, else ``unknown`` for an error without a\n    \
         known code, else ``default``.\"\"\"\n    \
         by_key = cast(Mapping[str, Callable[[Any], T]], handlers)\n    \
         key = \"unknown\" if error.code is None else error.code.value\n    \
         handler = by_key.get(key)\n    \
         if handler is None:\n        \
         handler = by_key.get(\"default\")\n    \
         if handler is None:\n        \
         raise TypeError(\n            \
         f\"no handler for error code {error.raw_code} and no default handler\"\n        \
         )\n    \
         return handler(error)\n",
    );
    out
}

pub(super) fn example(ctx: &Ctx) -> String {
    let package = &ctx.package;
    let mut out = String::new();
    out.push_str(&docstring(
        &format!(
            "Handling every error code of {}: a starting point to copy.\n\n\
             ``describe`` matches over every ``ErrorCode``. When the catalog gains a code and the\n\
             package is regenerated, ``mypy --strict`` reports the ``assert_never`` call below\n\
             (naming the new code) until a ``case`` handles it.",
            ctx.title()
        ),
        0,
    ));
    out.push_str(&format!(
        "\nfrom typing import assert_never\n\
         \n\
         from {package} import APIError, ErrorCode, RateLimitError\n\
         \n\
         \n\
         def describe(error: APIError) -> str:\n    \
         \"\"\"What to tell a user about ``error``.\"\"\"\n    \
         if isinstance(error, RateLimitError) and error.retry_after is not None:\n        \
         return f\"Too many requests: try again in {{error.retry_after:.0f}} s.\"\n    \
         code = error.code\n    \
         match code:\n"
    ));
    for (index, code) in ctx.catalog.codes.iter().enumerate() {
        out.push_str(&format!(
            "        case {}:\n            return {}\n",
            ctx.code_ref(index),
            string(&code.message)
        ));
    }
    out.push_str(
        "        case None:\n            \
         return f\"Unexpected error {error.raw_code}: {error.message}\"\n        \
         case _:\n            \
         assert_never(code)\n\
         \n\
         \n\
         if __name__ == \"__main__\":\n    \
         for code in ErrorCode:\n        \
         print(f\"{code.value}: {describe(APIError(code=code))}\")\n",
    );
    out
}
