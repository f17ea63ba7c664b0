//! `codes.py`: `Category`, `ErrorCode` and their metadata, and the status table.

use super::literal::{docstring, docstring_text, optional_string, string};
use super::{Ctx, assignment, dunder_all, retryable_words};
use crate::model::{AttributeType, AttributeValue, CODE_ATTRIBUTES};

/// The Python type of an attribute's values: the one place that maps the model's types.
fn attribute_type(ty: AttributeType) -> &'static str {
    match ty {
        AttributeType::Status => "int",
        AttributeType::Category => "Category",
        AttributeType::Line | AttributeType::Paragraphs => "str",
        AttributeType::OptionalLine => "str | None",
        AttributeType::Flag => "bool",
    }
}

/// An attribute's value as a Python expression of [`attribute_type`].
fn attribute_value(ctx: &Ctx, value: AttributeValue) -> String {
    match value {
        AttributeValue::Status(status) => status.to_string(),
        AttributeValue::Category(index) => format!("Category.{}", ctx.categories[index]),
        AttributeValue::Text(text) => string(text),
        AttributeValue::OptionalText(text) => optional_string(text),
        AttributeValue::Flag(flag) => if flag { "True" } else { "False" }.to_owned(),
    }
}

/// `CodeInfo`: the code, then one field per attribute.
fn code_info() -> String {
    let mut out = String::from(
        "@dataclass(frozen=True, slots=True)\n\
         class CodeInfo:\n    \
         \"\"\"What the catalog says about an error code.\"\"\"\n\
         \n    \
         code: ErrorCode\n    \
         \"\"\"The code.\"\"\"\n",
    );
    for attribute in CODE_ATTRIBUTES {
        out.push_str(&format!(
            "\n    {}: {}\n",
            attribute.name,
            attribute_type(attribute.ty)
        ));
        out.push_str(&docstring(&docstring_text(attribute.doc), 4));
    }
    out.push_str("\n\n");
    out
}

/// The accessors of `ErrorCode`: `parse`, `info`, then one property per attribute.
fn error_code_methods() -> String {
    let mut out = String::from(ERROR_CODE_METHODS);
    for attribute in CODE_ATTRIBUTES {
        out.push_str(&format!(
            "\n    @property\n    def {name}(self) -> {ty}:\n",
            name = attribute.name,
            ty = attribute_type(attribute.ty)
        ));
        out.push_str(&docstring(&docstring_text(attribute.doc), 8));
        out.push_str(&format!("        return CODES[self].{}\n", attribute.name));
    }
    out.push_str("\n\n");
    out
}

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
    out.push_str(&error_code_methods());
    out.push_str(&code_info());
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
            "        {code_ref}: CodeInfo(\n            code={code_ref},\n"
        ));
        for attribute in CODE_ATTRIBUTES {
            out.push_str(&format!(
                "            {}={},\n",
                attribute.name,
                attribute_value(ctx, attribute.of(code))
            ));
        }
        out.push_str("        ),\n");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn every_attribute_is_a_field_an_accessor_and_a_value_of_every_row() {
        let catalog = sample::catalog();
        let ctx = Ctx::new(&catalog);
        let codes = generate(&ctx);
        let record = &codes[codes.find("class CodeInfo:\n").unwrap()..];
        let rows = &codes[codes.find("CODES: Mapping").unwrap()..];
        for attribute in CODE_ATTRIBUTES {
            let (name, ty) = (attribute.name, attribute_type(attribute.ty));
            assert!(record.contains(&format!("\n    {name}: {ty}\n")), "{name}");
            assert!(
                codes.contains(&format!(
                    "    def {name}(self) -> {ty}:\n        \"\"\"{}\"\"\"\n        \
                     return CODES[self].{name}\n",
                    attribute.doc
                )),
                "{name}"
            );
            for code in &catalog.codes {
                let value = attribute_value(&ctx, attribute.of(code));
                let row = format!("            {name}={value},\n");
                let start = rows
                    .find(&format!("code=ErrorCode.{},\n", code.wire))
                    .unwrap();
                let end = start + rows[start..].find("        ),\n").unwrap();
                assert!(rows[start..end].contains(&row), "{} {row}", code.wire);
            }
        }
    }
}
