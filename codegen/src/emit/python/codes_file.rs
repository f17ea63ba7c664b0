//! `codes.py`: `Category`, `ErrorCode` and their metadata, and the status table.

use super::literal::{docstring, docstring_text, optional_string, string};
use super::{Ctx, assignment, dunder_all, first_that_fits};
use crate::model::{AttributeType, AttributeValue, CODE_ATTRIBUTES, CodeAttribute};

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
        "class CodeInfo(NamedTuple):\n    \
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
    out.push_str(
        "\n    deprecated: Deprecation | None\n    \
         \"\"\"Set when the code is deprecated: since which version, its replacement, why.\"\"\"\n",
    );
    out.push_str("\n\n");
    out
}

/// `Deprecation` and `RetiredCode`: what the catalog keeps of its past.
const EVOLUTION_TYPES: &str = r#"class Deprecation(NamedTuple):
    """Why and since when a code is deprecated: servers still send it, clients should move off it."""

    since: str
    """The catalog version that deprecated the code."""

    replaced_by: ErrorCode | None
    """The code to use instead, if any."""

    note: str | None
    """Why, or what to do instead."""


class RetiredCode(NamedTuple):
    """A retired code: servers no longer send it.

    It is not an :class:`ErrorCode` (:meth:`ErrorCode.parse` gives ``None`` for it, and an
    error carrying it has no ``code``), but :func:`retired_code` says what it was, for logs and
    tooling. Its name is never reused.
    """

    code: str
    """The wire string the code had."""

    since: str
    """The catalog version that retired it."""

    status: int
    """The last HTTP status it had."""

    replaced_by: ErrorCode | None
    """The code that replaced it, if any."""

    note: str
    """Why it was retired, or what to do instead."""


"#;

/// The column of an attribute (its definition: name, type and value) and the expression that
/// reads a code's value from it in `_make_rows` (`i` is the code's index, `categories` the
/// `Category` members in order).
fn column(ctx: &Ctx, attribute: &CodeAttribute) -> (String, String) {
    let name = format!("_{}", attribute.name.to_ascii_uppercase());
    let values = ctx.catalog.codes.iter().map(|code| attribute.of(code));
    let (definition, read) = match attribute.ty {
        AttributeType::Status => {
            // The distinct statuses, then each code's as its index among them.
            let mut statuses: Vec<u16> = values
                .clone()
                .filter_map(|v| match v {
                    AttributeValue::Status(status) => Some(status),
                    _ => None,
                })
                .collect();
            statuses.sort_unstable();
            statuses.dedup();
            let small = values.map(|v| match v {
                AttributeValue::Status(status) => statuses.binary_search(&status).unwrap_or(0),
                _ => 0,
            });
            let listed: Vec<String> = statuses.iter().map(u16::to_string).collect();
            let definition = format!(
                "{}\n{name}: str = {}",
                tuple(&format!("{name}_VALUES: tuple[int, ...]"), &listed),
                small_numbers(small)
            );
            (definition, format!("{name}_VALUES[ord({name}[i]) - 48]"))
        }
        AttributeType::Category => {
            let small = values.map(|v| match v {
                AttributeValue::Category(index) => index,
                _ => 0,
            });
            let definition = format!("{name}: str = {}", small_numbers(small));
            (definition, format!("categories[ord({name}[i]) - 48]"))
        }
        AttributeType::Line | AttributeType::Paragraphs => {
            let items: Vec<String> = values.map(|v| attribute_value(ctx, v)).collect();
            let definition = tuple(&format!("{name}: tuple[str, ...]"), &items);
            (definition, format!("{name}[i]"))
        }
        AttributeType::OptionalLine => {
            let items = values
                .enumerate()
                .filter_map(|(i, v)| match v {
                    AttributeValue::OptionalText(Some(text)) => Some((i, string(text))),
                    _ => None,
                })
                .collect::<Vec<_>>();
            let definition = format!("{name}: dict[int, str] = {}", dict(&items));
            (definition, format!("{name}.get(i)"))
        }
        AttributeType::Flag => {
            let small = values.map(|v| usize::from(matches!(v, AttributeValue::Flag(true))));
            let definition = format!("{name}: str = {}", small_numbers(small));
            (definition, format!("{name}[i] == \"1\""))
        }
    };
    (definition, read)
}

/// A column of small numbers (indices, flags) as a string of one character per code:
/// `chr(48 + n)`, so `"0"` for 0 and `"1"` for 1. A tuple would take a line per code.
fn small_numbers(numbers: impl Iterator<Item = usize>) -> String {
    let text: String = numbers
        .map(|n| {
            u32::try_from(n)
                .ok()
                .and_then(|n| char::from_u32(48 + n))
                .unwrap_or('\u{fffd}')
        })
        .collect();
    string(&text)
}

/// `{target} = (...)`, a tuple of `items` as ruff formats it: one a line (a trailing comma
/// keeps it so), or on one line when it has one item and that fits.
fn tuple(target: &str, items: &[String]) -> String {
    match items {
        [] => format!("{target} = ()"),
        [item] => first_that_fits([
            format!("{target} = ({item},)\n"),
            format!("{target} = (\n    {item},\n)\n"),
        ])
        .trim_end()
        .to_owned(),
        _ => {
            let mut out = format!("{target} = (\n");
            for item in items {
                out.push_str(&format!("    {item},\n"));
            }
            out.push(')');
            out
        }
    }
}

/// A dict from code indices, one item a line.
fn dict(items: &[(usize, String)]) -> String {
    if items.is_empty() {
        return "{}".to_owned();
    }
    let mut out = String::from("{\n");
    for (index, value) in items {
        out.push_str(&format!("    {index}: {value},\n"));
    }
    out.push('}');
    out
}

/// The data of `CODES`, a column per attribute in catalog order (see [`column`]), and `CODES`
/// itself, which makes each code's `CodeInfo` from them when first read: making ten thousand
/// records at import would cost more than the rest of the import together.
fn code_table(ctx: &Ctx) -> String {
    let mut out = String::from(
        "# The data of `CODES`: a column per field, a code's value at its index in `ErrorCode`.\n\
         # Optional texts are by index; statuses, categories and flags are strings of one\n\
         # character per code, `chr(48 + n)` for the number `n`: the index of the status in\n\
         # `_STATUS_VALUES`, of the category in `Category`, 1 for true and 0 for false.\n",
    );
    let mut reads = Vec::new();
    for attribute in CODE_ATTRIBUTES {
        let (definition, read) = column(ctx, attribute);
        out.push_str(&definition);
        out.push('\n');
        reads.push((attribute.name, read));
    }
    let deprecated: Vec<(usize, String)> = ctx
        .catalog
        .codes
        .iter()
        .enumerate()
        .filter_map(|(i, code)| {
            let d = code.deprecated.as_ref()?;
            Some((
                i,
                format!(
                    "Deprecation(\n        since={},\n        replaced_by={},\n        note={},\n    )",
                    string(&d.since),
                    replacement(ctx, d.replaced_by.as_deref()),
                    optional_string(d.note.as_deref())
                ),
            ))
        })
        .collect();
    out.push_str(&format!(
        "_DEPRECATED: dict[int, Deprecation] = {}\n",
        dict(&deprecated)
    ));
    out.push_str(
        "\n\ndef _make_rows() -> dict[ErrorCode, CodeInfo]:\n    \
         categories = tuple(Category.__members__.values())\n",
    );
    out.push_str("    return {\n        code: CodeInfo(\n            code=code,\n");
    for (name, read) in &reads {
        out.push_str(&format!("            {name}={read},\n"));
    }
    out.push_str(
        "            deprecated=_DEPRECATED.get(i),\n        )\n        \
         for i, code in enumerate(ErrorCode.__members__.values())\n    }\n",
    );
    out.push_str(CODE_TABLE);
    out
}

const CODE_TABLE: &str = r#"

class _CodeTable(Mapping[ErrorCode, CodeInfo]):
    """The type of :data:`CODES`: a read-only mapping whose records are made when first
    read."""

    _rows: dict[ErrorCode, CodeInfo] | None = None

    def _table(self) -> dict[ErrorCode, CodeInfo]:
        if self._rows is None:
            self._rows = _make_rows()
        return self._rows

    def __getitem__(self, code: ErrorCode) -> CodeInfo:
        return self._table()[code]

    def __iter__(self) -> Iterator[ErrorCode]:
        return iter(ErrorCode)

    def __len__(self) -> int:
        return len(ErrorCode)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in _BY_WIRE

    def __repr__(self) -> str:
        return f"CODES({self._table()!r})"


CODES: Mapping[ErrorCode, CodeInfo] = _CodeTable()
"""What the catalog says about every code, in catalog order."""

"#;

/// `ErrorCode.MEMBER` of a replacement code, or `None`.
fn replacement(ctx: &Ctx, code: Option<&str>) -> String {
    code.and_then(|code| ctx.catalog.codes.iter().position(|c| c.wire == code))
        .map_or_else(|| "None".to_owned(), |index| ctx.code_ref(index))
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
    out.push_str(
        "\n    @property\n    def deprecated(self) -> \"Deprecation | None\":\n        \
         \"\"\"Set when this code is deprecated: since which version, its replacement, why.\"\"\"\n        \
         return CODES[self].deprecated\n",
    );
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
    "Deprecation",
    "ErrorCode",
    "RETIRED_CODES",
    "RetiredCode",
    "StatusInfo",
    "retired_code",
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
        "\nimport enum\n\
         from collections.abc import Iterator, Mapping\n\
         from types import MappingProxyType\n\
         \n\
         # `typing` is for type checkers only: see `_runtime`.\n\
         TYPE_CHECKING = False\n\
         if TYPE_CHECKING:\n    \
         from typing import NamedTuple\n\
         else:\n    \
         from ._runtime import NamedTuple\n\
         \n\
         # Annotations are evaluated on import: types are defined before the fields that use\n\
         # them, and only the methods' forward references are quoted.\n\
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
        "\n    @property\n    def info(self) -> \"CategoryInfo\":\n        \
         \"\"\"The title and description of this category.\"\"\"\n        \
         return CATEGORIES[self]\n\n\n",
    );

    out.push_str(CATEGORY_INFO);

    // ErrorCode.
    out.push_str("class ErrorCode(enum.StrEnum):\n");
    out.push_str(&docstring(
        &format!(
            "An error code of {}, as sent in ``error.code``.\n\n\
             The value of each member is its exact wire string, and :attr:`info` (or\n\
             :data:`CODES`) is what the catalog says about it. Read a code from a response with\n\
             :meth:`parse`, which returns ``None`` for a code this version does not know (the API\n\
             adds codes without notice) instead of raising.",
            ctx.title()
        ),
        4,
    ));
    // One line a member: what the catalog says of each is in `CODES` (the docstring of a
    // member would repeat it, and at thousands of codes double the module). A deprecated
    // member keeps Sphinx's directive, which IDEs show in its hover.
    out.push('\n');
    for (index, code) in catalog.codes.iter().enumerate() {
        out.push_str(&assignment(4, &ctx.members[index], &string(&code.wire)));
        if let Some(deprecation) = &code.deprecated {
            let mut doc = format!(".. deprecated:: {}", deprecation.since);
            if let Some(replacement) = &deprecation.replaced_by {
                doc.push_str(&format!("\n   Use :attr:`{replacement}` instead."));
            }
            if let Some(note) = &deprecation.note {
                doc.push_str(&format!("\n   {}", docstring_text(note)));
            }
            out.push_str(&docstring(&doc, 4));
        }
    }
    out.push_str(&error_code_methods());
    out.push_str(EVOLUTION_TYPES);
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

    out.push_str(&code_table(ctx));

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

    // RETIRED_CODES.
    out.push_str("\nRETIRED_CODES: Mapping[str, RetiredCode] = MappingProxyType(");
    if catalog.retired.is_empty() {
        out.push_str("{}");
    } else {
        out.push_str("\n    {\n");
        for retired in &catalog.retired {
            out.push_str(&format!(
                "        {code}: RetiredCode(\n            \
                 code={code},\n            \
                 since={},\n            \
                 status={},\n            \
                 replaced_by={},\n            \
                 note={},\n        ),\n",
                string(&retired.since),
                retired.status,
                replacement(ctx, retired.replaced_by.as_deref()),
                string(&retired.note),
                code = string(&retired.wire),
            ));
        }
        out.push_str("    }\n");
    }
    out.push_str(
        ")\n\"\"\"Every retired code of the catalog, by wire string, in catalog order.\"\"\"\n\n\n\
         def retired_code(code: str) -> RetiredCode | None:\n    \
         \"\"\"The retired code with this wire string, or ``None`` when the catalog retired none.\"\"\"\n    \
         return RETIRED_CODES.get(code)\n",
    );
    out
}

const CATEGORY_INFO: &str = r#"class CategoryInfo(NamedTuple):
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
    def parse(cls, text: object) -> "ErrorCode | None":
        """The code whose wire string is ``text``, or ``None`` if there is none.

        Never raises: a code added to the API after this package was generated, or a value
        that is not a string at all, gives ``None``. Constant time.
        """
        if isinstance(text, str):
            return _BY_WIRE.get(text)
        return None

    @property
    def info(self) -> "CodeInfo":
        """Everything the catalog says about this code."""
        return CODES[self]
"#;

const STATUS_INFO: &str = r#"class StatusInfo(NamedTuple):
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
        let record = &codes[codes.find("class CodeInfo(NamedTuple):\n").unwrap()..];
        let rows = &codes[codes.find("def _make_rows()").unwrap()..];
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
            // Its column, and the record's field read from it (the values of every code are
            // checked against the catalog by tests/python/test_catalog_metadata.py).
            let (definition, read) = column(&ctx, attribute);
            assert!(codes.contains(&format!("\n{definition}\n")), "{name}");
            assert!(
                rows.contains(&format!("            {name}={read},\n")),
                "{name}"
            );
        }
    }

    #[test]
    fn small_numbers_are_one_character_each_from_zero() {
        assert_eq!(small_numbers([0, 1, 9, 10, 44].into_iter()), "\"019:\\\\\"");
        assert_eq!(small_numbers(std::iter::empty()), "\"\"");
    }
}
