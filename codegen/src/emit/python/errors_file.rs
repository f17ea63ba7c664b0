//! `errors.py`: one exception class per code, under the family class of its status, and the
//! table of them. `APIError` and the family classes are static (`_base.py`); this module
//! re-exports them, so `from <package>.errors import APIError` keeps working.

use super::literal::{docstring, docstring_text};
use super::static_modules::{self, BASE};
use super::{Ctx, assignment, dunder_all, first_that_fits, retryable_words};
use crate::emit::EmitError;
use crate::names::python::python_class;
use crate::rules::family_of;

/// What `errors.py` exports (its `__all__`, and what `__init__.py` imports from it): the class
/// table, everything `_base.py` exports, and every code's class.
pub(super) fn exports<'a>(ctx: &'a Ctx) -> Result<Vec<&'a str>, EmitError> {
    let mut names = vec!["ERROR_CLASSES"];
    names.extend(static_modules::exports(&BASE)?);
    names.extend(ctx.classes.iter().map(String::as_str));
    Ok(names)
}

pub(super) fn generate(ctx: &Ctx) -> Result<String, EmitError> {
    let catalog = ctx.catalog;
    let example_class = &ctx.classes[ctx.example];
    let example_family = python_class(family_of(catalog.codes[ctx.example].status));
    let mut out = String::new();
    out.push_str(&docstring(
        &format!(
            "Exceptions for the error responses of {title}.\n\n\
             Every exception is an :class:`APIError`. Its class tells the status family\n\
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
         from types import MappingProxyType\n\
         from typing import ClassVar\n\
         \n\
         from ._base import (\n",
    );
    for name in static_modules::exports(&BASE)? {
        out.push_str(&format!("    {name},\n"));
    }
    out.push_str(")\nfrom .codes import ErrorCode\n\n");
    out.push_str(&dunder_all(&exports(ctx)?));

    for (index, code) in catalog.codes.iter().enumerate() {
        let (class, family) = (&ctx.classes[index], python_class(family_of(code.status)));
        out.push_str("\n\n");
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
    }

    out.push_str(
        "\n\nERROR_CLASSES: Mapping[ErrorCode, type[APIError]] = MappingProxyType(\n    {\n",
    );
    for index in 0..catalog.codes.len() {
        out.push_str(&format!(
            "        {}: {},\n",
            ctx.code_ref(index),
            ctx.classes[index]
        ));
    }
    out.push_str("    }\n)\n\"\"\"The exception class of every code.\"\"\"\n");
    Ok(out)
}
