//! `handlers.py` (typed per-code handlers: mypy reports a code without one) and
//! `examples/handle_errors.py` (an exhaustive `match` over `ErrorCode`).

use super::literal::{docstring, string};
use super::{Ctx, dunder_all, first_that_fits};

/// What `handlers.py` exports (its `__all__`, and what `__init__.py` imports from it).
pub(super) const EXPORTS: &[&str] = &["ErrorHandlers", "handle_error"];

pub(super) fn module(ctx: &Ctx) -> String {
    let mut out = String::new();
    out.push_str(&docstring(
        &format!(
            "Handling errors of {} per code, checked by mypy.\n\n\
             :class:`ErrorHandlers` has one key per code of the catalog and ``unknown`` for an error\n\
             without a code this version knows; every key is required, so when a code is added to\n\
             the catalog, ``mypy --strict`` reports each ``ErrorHandlers`` that lacks it.",
            ctx.title()
        ),
        0,
    ));
    out.push_str(
        "\nfrom __future__ import annotations\n\
         \n\
         from collections.abc import Callable, Mapping\n\
         from typing import Any, Generic, TypedDict, TypeVar, cast\n\
         \n\
         from . import errors\n\
         from .errors import ApiError\n\
         \n",
    );
    out.push_str(&dunder_all(EXPORTS));
    out.push_str(
        "\n\
         T = TypeVar(\"T\")\n\
         \n\
         \n\
         class ErrorHandlers(TypedDict, Generic[T]):\n    \
         \"\"\"One handler per code (the key is the wire string), which gets the code's own\n    \
         exception class, and ``unknown``, which gets any :class:`ApiError`.\"\"\"\n\n",
    );
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
    out.push_str(
        "    unknown: Callable[[ApiError], T]\n\
         \n\
         \n\
         def handle_error(error: ApiError, handlers: ErrorHandlers[T]) -> T:\n    \
         \"\"\"Call the handler of the error's code (``unknown`` when it has no known code).\"\"\"\n    \
         if error.code is None:\n        \
         return handlers[\"unknown\"](error)\n    \
         by_code = cast(Mapping[str, Callable[[Any], T]], handlers)\n    \
         return by_code[error.code.value](error)\n",
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
         from {package} import ApiError, ErrorCode, RateLimitError\n\
         \n\
         \n\
         def describe(error: ApiError) -> str:\n    \
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
         print(f\"{code.value}: {describe(ApiError(code=code))}\")\n",
    );
    out
}
