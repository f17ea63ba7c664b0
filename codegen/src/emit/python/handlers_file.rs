//! `handlers.py` and its stub `handlers.pyi` (typed per-code handlers: mypy reports a code
//! without one) and `examples/handle_errors.py` (a `match` over a few codes of `ErrorCode`
//! and a default).

use super::literal::{docstring, string};
use super::{Ctx, dunder_all, first_that_fits};

/// What `handlers.py` exports (its `__all__`, and what `__init__.py` imports from it).
pub(super) const EXPORTS: &[&str] = &["ErrorHandlers", "ErrorHandlersWithDefault", "handle_error"];

/// The module docstring, the same in the module and its stub.
fn module_doc(ctx: &Ctx) -> String {
    docstring(
        &format!(
            "Handling errors of {} per code, checked by mypy.\n\n\
             :func:`handle_error` takes either of two kinds of handlers, as the TypeScript\n\
             ``handleError`` does:\n\n\
             - :class:`ErrorHandlers`: one key per code of the catalog and ``unknown`` for an\n  \
             error without a code this version knows. Every key is required, so when a code is\n  \
             added to the catalog, ``mypy --strict`` reports each ``ErrorHandlers`` that lacks it.\n\
             - :class:`ErrorHandlersWithDefault`: any codes, and ``default`` for every other\n  \
             error (and for an unknown code when ``unknown`` is missing).\n\n\
             The key of each code is declared in ``handlers.pyi``, which type checkers read; at\n\
             run time the two classes declare only ``unknown`` and ``default``. The package\n\
             imports this module, and with it `typing`, when one of its names is first asked for.",
            ctx.title()
        ),
        0,
    )
}

/// The docstrings of the two classes.
const HANDLERS_DOC: &str = "    \"\"\"One handler per code (the key is the wire string), which gets the code's own\n    \
     exception class, and ``unknown``, which gets any :class:`APIError`.\"\"\"\n\n";
const WITH_DEFAULT_DOC: &str = "    \"\"\"Handlers for some codes, ``unknown`` if you like, and ``default`` (required) for\n    \
     every error they leave out.\"\"\"\n\n";

pub(super) fn module(ctx: &Ctx) -> String {
    let mut out = module_doc(ctx);
    out.push_str(
        "\n# No `from __future__ import annotations` here: `TypedDict` would compile every key's\n\
         # annotation string when the module is imported.\n\
         \n\
         from collections.abc import Callable, Mapping\n\
         from typing import Any, Generic, Required, TypedDict, TypeVar, cast\n\
         \n\
         from .errors import APIError\n\
         \n",
    );
    out.push_str(&dunder_all(EXPORTS));
    out.push_str("\nT = TypeVar(\"T\")\n\n\nclass ErrorHandlers(TypedDict, Generic[T]):\n");
    out.push_str(HANDLERS_DOC);
    out.push_str(
        "    unknown: Callable[[APIError], T]\n\
         \n\
         \n\
         class ErrorHandlersWithDefault(TypedDict, Generic[T], total=False):\n",
    );
    out.push_str(WITH_DEFAULT_DOC);
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

/// `handlers.pyi`: both classes with the key of every code (`_On[C, T]` is a handler of the
/// exception class `C`).
pub(super) fn stub(ctx: &Ctx) -> String {
    // The classes of the codes come by `*` (in a stub, the names `errors.pyi` exports): ruff
    // would report each use of one as maybe undefined.
    let mut out = String::from("# ruff: noqa: F403, F405\n");
    out.push_str(&module_doc(ctx));
    out.push_str(
        "\nfrom collections.abc import Callable\n\
         from typing import Generic, Required, TypeAlias, TypedDict, TypeVar\n\
         \n\
         from .errors import *\n\
         \n",
    );
    out.push_str(&dunder_all(EXPORTS));
    out.push_str(
        "\nT = TypeVar(\"T\")\n\
         _E = TypeVar(\"_E\", bound=APIError)\n\
         _On: TypeAlias = Callable[[_E], T]\n\
         \n\
         class ErrorHandlers(TypedDict, Generic[T]):\n",
    );
    let per_code = |out: &mut String| {
        for (code, class) in ctx.catalog.codes.iter().zip(&ctx.classes) {
            let code = &code.wire;
            // As ruff format splits a line that is too long.
            out.push_str(&first_that_fits([
                format!("    {code}: _On[{class}, T]\n"),
                format!("    {code}: _On[\n        {class}, T\n    ]\n"),
                format!("    {code}: _On[\n        {class},\n        T,\n    ]\n"),
            ]));
        }
    };
    out.push_str(HANDLERS_DOC);
    per_code(&mut out);
    out.push_str(
        "    unknown: Callable[[APIError], T]\n\
         \n\
         class ErrorHandlersWithDefault(TypedDict, Generic[T], total=False):\n",
    );
    out.push_str(WITH_DEFAULT_DOC);
    per_code(&mut out);
    out.push_str(
        "    unknown: Callable[[APIError], T]\n    \
         default: Required[Callable[[APIError], T]]\n\
         \n\
         def handle_error(\n    \
         error: APIError, handlers: ErrorHandlers[T] | ErrorHandlersWithDefault[T]\n\
         ) -> T: ...\n",
    );
    out
}

/// How many codes the example handles each in its own way.
const EXAMPLE_CODES: usize = 3;

pub(super) fn example(ctx: &Ctx) -> String {
    let package = &ctx.package;
    let mut out = String::new();
    out.push_str(&docstring(
        &format!(
            "Handling the error codes of {}: a starting point to copy.\n\n\
             ``describe`` matches a few codes of ``ErrorCode`` and gives every other error its\n\
             message. To handle every code, write a ``case`` per code and end the ``match`` with\n\
             ``case _: assert_never(code)``, or give :func:`handle_error` an ``ErrorHandlers``\n\
             dict: ``mypy --strict`` then reports each code left unhandled, and each code the\n\
             catalog adds when the package is regenerated.",
            ctx.title()
        ),
        0,
    ));
    out.push_str(&format!(
        "\nfrom {package} import APIError, ErrorCode, RateLimitError\n\
         \n\
         \n\
         def describe(error: APIError) -> str:\n    \
         \"\"\"What to tell a user about ``error``.\"\"\"\n    \
         if isinstance(error, RateLimitError) and error.retry_after is not None:\n        \
         return f\"Too many requests: try again in {{error.retry_after:.0f}} s.\"\n    \
         match error.code:\n"
    ));
    for (index, code) in ctx.catalog.codes.iter().enumerate().take(EXAMPLE_CODES) {
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
         return error.message\n\
         \n\
         \n\
         if __name__ == \"__main__\":\n    \
         for code in ErrorCode:\n        \
         print(f\"{code.value}: {describe(APIError(code=code))}\")\n",
    );
    out
}
