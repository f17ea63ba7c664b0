//! `errors.py` and its type stub `errors.pyi`: one exception class per code, under the family
//! class of its status, and the table of them. `APIError` and the family classes are static
//! (`_base.py`); this module re-exports them, so `from <package>.errors import APIError` keeps
//! working.
//!
//! The classes of the codes are declared in the stub, where type checkers and IDEs read them,
//! and made at run time the first time one is asked for (by name through the module's
//! `__getattr__`, PEP 562, or through `ERROR_CLASSES`): making ten thousand classes would cost
//! an import a second and more, for the few a program ever meets.

use super::literal::{docstring, string};
use super::static_modules::{self, BASE};
use super::{Ctx, first_that_fits};
use crate::emit::EmitError;
use crate::names::python::python_class;
use crate::rules::family_of;

/// What `errors.py` exports besides the classes of the codes (its `__all__` lists these, then
/// the classes; `__init__.py` imports these and asks `errors.py` for the classes on demand).
pub(super) fn exports() -> Result<Vec<&'static str>, EmitError> {
    let mut names = vec!["ERROR_CLASSES"];
    names.extend(static_modules::exports(&BASE)?);
    Ok(names)
}

/// The module docstring, the same in the module and its stub.
fn module_doc(ctx: &Ctx) -> String {
    let example_class = &ctx.classes[ctx.example];
    let example_family = python_class(family_of(ctx.catalog.codes[ctx.example].status));
    docstring(
        &format!(
            "Exceptions for the error responses of {title}.\n\n\
             Every exception is an :class:`APIError`. Its class tells the status family\n\
             (:class:`RateLimitError` for 429, :class:`ServerError` for any 5xx, ...) and, when\n\
             the response carries a code this version knows, the code itself:\n\
             :class:`{example_class}` is a :class:`{example_family}`. Catch as broadly or as\n\
             narrowly as you need.\n\n\
             The class of each code is declared in ``errors.pyi`` for type checkers, and made\n\
             the first time it is asked for.",
            title = ctx.title()
        ),
        0,
    )
}

pub(super) fn generate(ctx: &Ctx) -> Result<String, EmitError> {
    let mut out = module_doc(ctx);
    out.push_str(
        "\nfrom __future__ import annotations\n\
         \n\
         from collections.abc import Iterator, Mapping\n\
         \n\
         from ._base import (\n",
    );
    // `as` marks each one re-exported (the module's `__all__` is made on demand).
    for name in static_modules::exports(&BASE)? {
        out.push_str(&format!("    {name} as {name},\n"));
    }
    out.push_str(")\nfrom .codes import CODES, STATUSES, ErrorCode\n\n");
    out.push_str("_EXPORTS = [\n");
    for name in exports()? {
        out.push_str(&format!("    \"{name}\",\n"));
    }
    out.push_str("]\n\n_OTHER_NAMES: dict[str, str] = ");
    let others: Vec<(&String, &String)> = ctx
        .members
        .iter()
        .zip(&ctx.classes)
        .filter(|(member, class)| runtime_class_name(member).as_ref() != Some(*class))
        .collect();
    if others.is_empty() {
        out.push_str("{}\n");
    } else {
        out.push_str("{\n");
        for (member, class) in others {
            out.push_str(&format!("    {}: {},\n", string(member), string(class)));
        }
        out.push_str("}\n");
    }
    out.push_str(
        "\"\"\"The class names, by member name, that :func:`_class_name` does not make from the\n\
         member name.\"\"\"\n",
    );
    out.push_str(RUNTIME);
    out.push_str(&super::lazy_classes("", ""));
    out.push_str(RUNTIME_END);
    Ok(out)
}

/// The name `_class_name` in `errors.py` gives the class of the member `member` by its rule
/// (`None` for a name the rule does not handle): the name in CamelCase (`str.capitalize` of
/// each part between underscores), without a trailing `Error`, then `Error`. Where this is not
/// the class of [`crate::names::python::class_name`], `_OTHER_NAMES` gives the name.
fn runtime_class_name(member: &str) -> Option<String> {
    if !member.is_ascii() {
        return None;
    }
    let camel: String = member
        .split('_')
        .map(|part| {
            let (first, rest) = part.split_at(part.len().min(1));
            format!(
                "{}{}",
                first.to_ascii_uppercase(),
                rest.to_ascii_lowercase()
            )
        })
        .collect();
    let stem = camel
        .strip_suffix("Error")
        .filter(|stem| !stem.is_empty())
        .unwrap_or(&camel);
    Some(format!("{stem}Error"))
}

/// The part of `errors.py` that makes the classes.
const RUNTIME: &str = r#"
_CLASSES: dict[ErrorCode, type[APIError]] = {}
_BY_NAME: dict[str, ErrorCode] = {}


def _class_name(code: ErrorCode) -> str:
    """The name of the class of ``code``: the code's name in CamelCase without a trailing
    ``Error``, then ``Error`` (``QUOTA_USED_UP``: ``QuotaUsedUpError``), unless
    ``_OTHER_NAMES`` names it. The generator checks the rule against every class name."""
    other = _OTHER_NAMES.get(code.name)
    if other is not None:
        return other
    camel = "".join(part.capitalize() for part in code.name.split("_"))
    return (camel.removesuffix("Error") or camel) + "Error"


def _by_name() -> dict[str, ErrorCode]:
    """The code of every class name, in the order of :class:`ErrorCode`."""
    if not _BY_NAME:
        _BY_NAME.update((_class_name(code), code) for code in ErrorCode)
    return _BY_NAME


def _class_of(code: ErrorCode) -> type[APIError]:
    """The class of ``code``: made the first time, the same class every time after."""
    found = _CLASSES.get(code)
    if found is not None:
        return found
    info = CODES[code]
    name = _class_name(code)
    row = STATUSES.get(info.status)
    title = "" if row is None else f" {row.title}"
    retryable = "retryable" if info.retryable else "not retryable"
    doc = (
        f"{info.message}\n\n{info.description}\n\n"
        f"The error for ``{code.value}``: HTTP {info.status}{title}, {retryable}."
    )
    namespace = {"__doc__": doc, "__module__": __name__, "__qualname__": name}
    made = type(name, (family_class(info.status),), namespace)
    made.error_code = code
    # Another thread may have made it meanwhile: every caller gets the first one.
    return _CLASSES.setdefault(code, made)


def _class_named(name: str) -> type[APIError] | None:
    """The class called ``name`` of a code, or ``None``.

    No such class starts with ``_``: the import system's ``__path__`` and the like are
    answered without listing every class."""
    if name.startswith("_"):
        return None
    code = _by_name().get(name)
    return None if code is None else _class_of(code)
"#;

/// The rest of `errors.py`, after [`super::lazy_classes`].
const RUNTIME_END: &str = r#"

class _ErrorClasses(Mapping[ErrorCode, type[APIError]]):
    """The type of :data:`ERROR_CLASSES`: a read-only mapping that makes each class when it
    is first read."""

    def __getitem__(self, code: ErrorCode) -> type[APIError]:
        member = ErrorCode.parse(code)
        if member is None:
            raise KeyError(code)
        return _class_of(member)

    def __iter__(self) -> Iterator[ErrorCode]:
        return iter(ErrorCode)

    def __len__(self) -> int:
        return len(ErrorCode)

    def __repr__(self) -> str:
        return f"ERROR_CLASSES({dict(self)!r})"


ERROR_CLASSES: Mapping[ErrorCode, type[APIError]] = _ErrorClasses()
"""The exception class of every code."""
"#;

/// `errors.pyi`: the classes of the codes, declared for type checkers, and what `errors.py`
/// re-exports.
pub(super) fn stub(ctx: &Ctx) -> Result<String, EmitError> {
    let mut out = module_doc(ctx);
    out.push_str("\nfrom collections.abc import Mapping\n\nfrom ._base import (\n");
    for name in static_modules::exports(&BASE)? {
        out.push_str(&format!("    {name} as {name},\n"));
    }
    out.push_str(
        ")\nfrom .codes import ErrorCode\n\n\
         ERROR_CLASSES: Mapping[ErrorCode, type[APIError]]\n\
         \"\"\"The exception class of every code.\"\"\"\n\n",
    );
    for (code, class) in ctx.catalog.codes.iter().zip(&ctx.classes) {
        let family = python_class(family_of(code.status));
        out.push_str(&first_that_fits([
            format!("class {class}({family}): ...\n"),
            format!("class {class}(\n    {family}\n): ...\n"),
        ]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;
    use crate::names::python::class_name;

    #[test]
    fn the_runtime_rule_names_most_classes_and_the_table_the_others() {
        for (member, class) in [
            ("QUOTA_USED_UP", "QuotaUsedUpError"),
            ("UPSTREAM_ERROR", "UpstreamError"),
            ("HTTP2_ERROR", "Http2Error"),
            ("ERROR", "ErrorError"),
        ] {
            assert_eq!(runtime_class_name(member).as_deref(), Some(class));
            assert_eq!(class_name(member), class);
        }
        // A reserved name takes `CodeError`, which the rule does not know: the table has it.
        let mut catalog = sample::catalog();
        catalog.codes[0].wire = "NOT_FOUND".to_owned();
        let ctx = Ctx::new(&catalog);
        let module = generate(&ctx).unwrap();
        assert!(module.contains(
            "_OTHER_NAMES: dict[str, str] = {\n    \"NOT_FOUND\": \"NotFoundCodeError\",\n}\n"
        ));
        assert!(stub(&ctx).unwrap().contains("\nclass NotFoundCodeError("));
    }
}
