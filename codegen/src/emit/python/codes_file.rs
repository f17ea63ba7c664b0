//! `codes.py`: `Category`, `ErrorCode` and their metadata, and the status table.

use super::literal::{docstring, docstring_text, optional_string, string};
use super::{Ctx, assignment, dunder_all, retryable_words};

/// What `codes.py` exports (its `__all__`, and what `__init__.py` imports from it).
pub(super) const EXPORTS: &[&str] = &[
    "CATEGORIES",
    "CODES",
    "STATUSES",
    "Category",
    "CategoryInfo",
    "CodeInfo",
    "ErrorCode",
    "StatusInfo",
];

pub(super) fn generate(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let mut out = String::new();
    let module_doc = format!(
        "Error codes of {}, their categories and what the catalog says about each.\n\n{}",
        ctx.title(),
        docstring_text(&catalog.description)
    );
    out.push_str(&docstring(&module_doc, 0));
    out.push_str(
        "\nfrom __future__ import annotations\n\
         \n\
         import enum\n\
         from collections.abc import Mapping\n\
         from dataclasses import dataclass\n\
         from types import MappingProxyType\n\
         \n",
    );
    out.push_str(&dunder_all(EXPORTS));
    out.push_str("\n\n");

    // Category.
    out.push_str("class Category(enum.StrEnum):\n");
    out.push_str(&docstring(
        "A group of related error codes. The value is the category's id in the catalog.",
        4,
    ));
    for (category, member) in catalog.categories.iter().zip(&ctx.categories) {
        out.push('\n');
        out.push_str(&assignment(4, member, &string(&category.id)));
        out.push_str(&docstring(
            &format!(
                "{}.\n\n{}",
                docstring_text(&category.title),
                docstring_text(&category.description)
            ),
            4,
        ));
    }
    out.push_str(
        "\n    @property\n    def info(self) -> CategoryInfo:\n        \
         \"\"\"The title and description of this category.\"\"\"\n        \
         return CATEGORIES[self]\n\n\n",
    );

    out.push_str(CATEGORY_INFO);

    // ErrorCode.
    out.push_str("class ErrorCode(enum.StrEnum):\n");
    out.push_str(&docstring(
        &format!(
            "An error code of {}, as sent in ``error.code``.\n\n\
             The value of each member is its exact wire string. Read a code from a response with\n\
             :meth:`parse`, which returns ``None`` for a code this version does not know (the API\n\
             adds codes without notice) instead of raising.",
            ctx.title()
        ),
        4,
    ));
    for (index, code) in catalog.codes.iter().enumerate() {
        out.push('\n');
        out.push_str(&assignment(4, &ctx.members[index], &string(&code.wire)));
        out.push_str(&docstring(
            &format!(
                "{}\n\n{}\n\nHTTP {} {}, {}.",
                docstring_text(&code.message),
                docstring_text(&code.description),
                code.status,
                docstring_text(ctx.catalog.status_title(code.status)),
                retryable_words(code.retryable)
            ),
            4,
        ));
    }
    out.push_str(ERROR_CODE_METHODS);
    out.push_str(CODE_INFO);
    out.push_str(STATUS_INFO);

    // CATEGORIES.
    out.push_str("CATEGORIES: Mapping[Category, CategoryInfo] = MappingProxyType(\n    {\n");
    for (category, member) in catalog.categories.iter().zip(&ctx.categories) {
        out.push_str(&format!(
            "        Category.{member}: CategoryInfo(\n            \
             category=Category.{member},\n            \
             title={},\n            \
             description={},\n        ),\n",
            string(&category.title),
            string(&category.description)
        ));
    }
    out.push_str(
        "    }\n)\n\"\"\"The title and description of every category, in catalog order.\"\"\"\n\n",
    );

    // CODES.
    out.push_str("CODES: Mapping[ErrorCode, CodeInfo] = MappingProxyType(\n    {\n");
    for (index, code) in catalog.codes.iter().enumerate() {
        let code_ref = ctx.code_ref(index);
        out.push_str(&format!(
            "        {code_ref}: CodeInfo(\n            \
             code={code_ref},\n            \
             status={},\n            \
             message={},\n            \
             description={},\n            \
             category=Category.{},\n            \
             field={},\n            \
             retryable={},\n        ),\n",
            code.status,
            string(&code.message),
            string(&code.description),
            ctx.categories[code.category],
            optional_string(code.field.as_deref()),
            if code.retryable { "True" } else { "False" },
        ));
    }
    out.push_str(
        "    }\n)\n\"\"\"What the catalog says about every code, in catalog order.\"\"\"\n\n",
    );

    // STATUSES.
    out.push_str("STATUSES: Mapping[int, StatusInfo] = MappingProxyType(\n    {\n");
    for status in &catalog.statuses {
        out.push_str(&format!(
            "        {code}: StatusInfo(\n            \
             status={code},\n            \
             title={},\n            \
             retryable={},\n        ),\n",
            string(&status.title),
            if status.retryable { "True" } else { "False" },
            code = status.code,
        ));
    }
    out.push_str(
        "    }\n)\n\"\"\"The HTTP status table of the catalog, sorted by status (success statuses \
         included).\"\"\"\n\n\
         _BY_WIRE: dict[str, ErrorCode] = {code.value: code for code in ErrorCode}\n",
    );
    out
}

const CATEGORY_INFO: &str = r#"@dataclass(frozen=True, slots=True)
class CategoryInfo:
    """What the catalog says about a category."""

    category: Category
    """The category."""

    title: str
    """Its title, as the docs show it."""

    description: str
    """What the codes of this category have in common."""


"#;

const ERROR_CODE_METHODS: &str = r#"
    @classmethod
    def parse(cls, text: object) -> ErrorCode | None:
        """The code whose wire string is ``text``, or ``None`` if there is none.

        Never raises: a code added to the API after this package was generated, or a value
        that is not a string at all, gives ``None``. Constant time.
        """
        if isinstance(text, str):
            return _BY_WIRE.get(text)
        return None

    @property
    def info(self) -> CodeInfo:
        """Everything the catalog says about this code."""
        return CODES[self]

    @property
    def status(self) -> int:
        """The HTTP status of responses carrying this code."""
        return CODES[self].status

    @property
    def message(self) -> str:
        """The default human-readable message sent with this code."""
        return CODES[self].message

    @property
    def description(self) -> str:
        """What this code means."""
        return CODES[self].description

    @property
    def category(self) -> Category:
        """The category of this code."""
        return CODES[self].category

    @property
    def field(self) -> str | None:
        """The request field this code concerns, if any."""
        return CODES[self].field

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed if sent again later."""
        return CODES[self].retryable


"#;

const CODE_INFO: &str = r#"@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What the catalog says about an error code."""

    code: ErrorCode
    """The code."""

    status: int
    """The HTTP status of responses carrying the code."""

    message: str
    """The default human-readable message sent with the code."""

    description: str
    """What the code means."""

    category: Category
    """The category of the code."""

    field: str | None
    """The request field the code concerns, if any."""

    retryable: bool
    """Whether the same request may succeed if sent again later."""


"#;

const STATUS_INFO: &str = r#"@dataclass(frozen=True, slots=True)
class StatusInfo:
    """A row of the catalog's HTTP status table."""

    status: int
    """The HTTP status."""

    title: str
    """Its title."""

    retryable: bool
    """Whether errors with this status are retryable unless their code says otherwise."""


"#;
