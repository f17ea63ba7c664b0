//! The crate's integration test, `tests/catalog.rs`, in three files:
//!
//! - `tests/catalog/catalog.json`: what the catalog says, as data: one line per code (its wire
//!   string, variant name, attributes in `CODE_ATTRIBUTES` order and deprecation), then the
//!   categories, the status table, retired codes and a few picks (the example code, strings that
//!   are not codes, exact envelopes). Written from the model, never from the crate's own tables,
//!   so a bug in how the tables are emitted shows up as a failing test.
//! - `tests/catalog/checks.rs`: the checks, the same for every catalog, a static file
//!   (`codegen/static/rust/tests/catalog/checks.rs`) copied verbatim after the header.
//! - `tests/catalog.rs`: the test's root, written here as text in rustfmt's layout: the crate's
//!   name and the attributes of a code (a struct, its reader from a JSON row and its checks
//!   against the accessors), by walking `CODE_ATTRIBUTES`.
//!
//! The test's size is the size of the catalog's data, and no per-code Rust is compiled for it.

use super::layout::Text;
use super::rustdoc::Doc;
use super::{Ctx, EmitError, attributes};
use crate::emit::GeneratedFile;
use crate::emit::shared::examples;
use crate::emit::shared::header::{self, Comment};
use crate::emit::shared::json::json_string;
use crate::model::{AttributeType, AttributeValue, CODE_ATTRIBUTES, Code};
use crate::rules;

/// The test's generated files: `rust/tests/catalog.rs` and `rust/tests/catalog/catalog.json`
/// (`rust/tests/catalog/checks.rs` is one of the target's `STATIC_FILES`).
pub(super) fn generate(ctx: &Ctx) -> Result<Vec<GeneratedFile>, EmitError> {
    let header = header::comment(ctx.catalog, Comment::Slashes);
    Ok(vec![
        GeneratedFile {
            path: "rust/tests/catalog.rs".to_owned(),
            contents: format!("{header}\n{}", root(ctx)?),
        },
        GeneratedFile {
            path: "rust/tests/catalog/catalog.json".to_owned(),
            contents: data(ctx),
        },
    ])
}

/// The columns of a row of `catalog.json` before the attributes.
const KEY_COLUMNS: usize = 2;

/// How the test reads an attribute type: the field's type and the reader of `checks.rs`.
fn test_type(ty: AttributeType) -> (&'static str, &'static str) {
    match ty {
        AttributeType::Status => ("u16", "status"),
        AttributeType::Category => ("Category", "category"),
        AttributeType::Line | AttributeType::Paragraphs => ("&'static str", "text"),
        AttributeType::OptionalLine => ("Option<&'static str>", "optional_text"),
        AttributeType::Flag => ("bool", "flag"),
    }
}

/// `tests/catalog.rs`.
fn root(ctx: &Ctx) -> Result<String, EmitError> {
    let mut text = Text::default();
    let module_doc = Doc::new()
        .md("Checks the crate against the catalog. The checks are in `catalog/checks.rs` and the")
        .md("catalog's data in `catalog/catalog.json`, both written by the generator; this file holds")
        .md("what depends on the catalog: the crate's name and the attributes of its codes.");
    for line in module_doc.lines() {
        text.line(
            0,
            &if line.is_empty() {
                "//!".to_owned()
            } else {
                format!("//! {line}")
            },
        );
    }
    text.blank();
    text.line(0, "#[path = \"catalog/checks.rs\"]");
    text.line(0, "mod checks;");
    text.blank();
    text.line(0, &format!("use {} as krate;", ctx.krate));
    text.blank();
    let mut imports = vec!["ErrorCode"];
    if CODE_ATTRIBUTES
        .iter()
        .any(|a| a.ty == AttributeType::Category)
    {
        imports.insert(0, "Category");
    }
    text.line(0, &format!("use krate::{{{}}};", imports.join(", ")));
    text.line(0, "use serde_json::Value;");
    text.blank();
    text.doc(
        0,
        &Doc::new()
            .md("What the catalog says about the attributes of one code.")
            .lines(),
    );
    text.line(0, "struct Attributes {");
    for attribute in CODE_ATTRIBUTES {
        text.line(
            4,
            &format!("{}: {},", attribute.name, test_type(attribute.ty).0),
        );
    }
    text.line(0, "}");
    text.blank();
    text.line(0, "impl Attributes {");
    text.doc(
        4,
        &Doc::new()
            .md("Reads the attributes from a row of `catalog.json` (after the wire string and name).")
            .lines(),
    );
    text.line(4, "fn read(row: &'static Value) -> Self {");
    let fields: Vec<(&str, String)> = CODE_ATTRIBUTES
        .iter()
        .enumerate()
        .map(|(column, attribute)| {
            let reader = test_type(attribute.ty).1;
            let column = column + KEY_COLUMNS;
            (attribute.name, format!("checks::{reader}(&row[{column}])"))
        })
        .collect();
    text.struct_literal(8, "", "Self", &fields, "");
    text.line(4, "}");
    text.blank();
    text.doc(
        4,
        &Doc::new()
            .md("Checks each attribute's accessor on `code`.")
            .lines(),
    );
    text.line(4, "fn check(&self, code: ErrorCode) {");
    text.line(8, "let wire = code.as_str();");
    for attribute in CODE_ATTRIBUTES {
        let accessor = attributes::accessor(attribute)?;
        let args = [
            format!("code.{accessor}()"),
            format!("self.{}", attribute.name),
            "\"{wire}\"".to_owned(),
        ];
        text.macro_call(8, "assert_eq!", &args, ";");
    }
    text.line(4, "}");
    text.line(0, "}");
    Ok(text.finish())
}

/// `catalog.json`.
fn data(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let mut out = String::with_capacity(catalog.codes.len() * 200 + 4096);
    let member = |out: &mut String, key: &str, value: &str| {
        out.push_str("  ");
        out.push_str(&json_string(key));
        out.push_str(": ");
        out.push_str(value);
        out.push_str(",\n");
    };
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    let lines = |rows: Vec<String>| {
        if rows.is_empty() {
            "[]".to_owned()
        } else {
            format!("[\n    {}\n  ]", rows.join(",\n    "))
        }
    };
    let retryable = |status: u16| match catalog.status(status) {
        Some(known) => known.retryable,
        None => rules::default_retryable(status),
    };

    out.push_str("{\n");
    member(
        &mut out,
        "x-generated",
        &json_string(&header::text(catalog)),
    );
    member(&mut out, "name", &json_string(&catalog.name));
    member(&mut out, "version", &json_string(&catalog.version));
    let columns = ["wire", "name"]
        .into_iter()
        .chain(CODE_ATTRIBUTES.iter().map(|a| a.name))
        .chain(["deprecation"])
        .map(json_string)
        .collect();
    member(&mut out, "columns", &list(columns));
    let mut codes = String::with_capacity(catalog.codes.len() * 200);
    codes.push('[');
    for (index, code) in catalog.codes.iter().enumerate() {
        codes.push_str(if index == 0 { "\n    " } else { ",\n    " });
        row(ctx, index, code, &mut codes);
    }
    codes.push_str("\n  ]");
    member(&mut out, "codes", &codes);
    let categories = catalog
        .categories
        .iter()
        .zip(&ctx.categories)
        .map(|(category, variant)| {
            list(
                [
                    &variant.to_string(),
                    &category.id,
                    &category.title,
                    &category.description,
                ]
                .map(|text| json_string(text))
                .to_vec(),
            )
        })
        .collect();
    member(&mut out, "categories", &lines(categories));
    let statuses = catalog
        .statuses
        .iter()
        .map(|s| format!("[{}, {}, {}]", s.code, json_string(&s.title), s.retryable))
        .collect();
    member(&mut out, "statuses", &lines(statuses));
    let pairs = |statuses: &[u16]| {
        let pairs = statuses
            .iter()
            .map(|&status| format!("[{status}, {}]", retryable(status)))
            .collect();
        list(pairs)
    };
    // Statuses missing from the table, around the bounds of the default rule.
    let other: Vec<u16> = [
        100, 204, 399, 404, 418, 428, 429, 430, 499, 500, 502, 504, 599, 600,
    ]
    .into_iter()
    .filter(|&status| catalog.status(status).is_none())
    .collect();
    member(&mut out, "other_statuses", &pairs(&other));
    member(
        &mut out,
        "fallback_statuses",
        &pairs(&[400, 429, 500, 502, 503, 504, 599, 600]),
    );
    let unknown = ctx.unknown_code("NOT_A_CODE");
    let first = &catalog.codes[0].wire;
    let not_codes = [
        unknown.clone(),
        String::new(),
        " ".to_owned(),
        unknown.to_lowercase(),
        first.to_lowercase(),
        format!("{first} "),
        format!(" {first}"),
    ]
    .into_iter()
    .filter(|text| catalog.codes.iter().all(|c| c.wire != *text))
    .map(|text| json_string(&text))
    .collect();
    member(&mut out, "not_codes", &list(not_codes));
    let retired = catalog
        .retired
        .iter()
        .map(|r| {
            let replaced_by = r
                .replaced_by
                .as_deref()
                .map_or("null".to_owned(), json_string);
            format!(
                "[{}, {}, {}, {replaced_by}, {}]",
                json_string(&r.wire),
                json_string(&r.since),
                r.status,
                json_string(&r.note)
            )
        })
        .collect();
    member(&mut out, "retired", &lines(retired));
    let (example_index, example) = ctx.example_code();
    member(
        &mut out,
        "example",
        &format!(
            "{{\"code\": {}, \"display\": {}}}",
            json_string(&example.wire),
            json_string(&format!("{}: {}", example.wire, example.message))
        ),
    );
    member(&mut out, "unknown_code", &json_string(&unknown));
    let envelope = &catalog.envelope;
    member(
        &mut out,
        "request_id",
        &json_string(&envelope.request_id_example),
    );
    member(
        &mut out,
        "timestamp",
        &json_string(&envelope.timestamp_example),
    );
    // The exact JSON of the codes whose envelopes differ in shape (with and without a field) or
    // in escaping, and of the first and the example code; every code round-trips in the test.
    let plain = |text: &str| json_string(text) == format!("\"{text}\"") && text.is_ascii();
    let with_field = catalog.codes.iter().position(|c| c.field.is_some());
    let without_field = catalog.codes.iter().position(|c| c.field.is_none());
    let envelopes = catalog
        .codes
        .iter()
        .enumerate()
        .filter(|&(index, code)| {
            index == 0
                || index == example_index
                || Some(index) == with_field
                || Some(index) == without_field
                || !plain(&code.message)
                || !code.field.as_deref().is_none_or(plain)
        })
        .map(|(_, code)| {
            let json = examples::envelope(catalog, code).compact();
            format!("[{}, {}]", json_string(&code.wire), json_string(&json))
        })
        .collect();
    member(&mut out, "envelopes", &lines(envelopes));
    out.push_str("  \"retryable_503\": ");
    out.push_str(if retryable(503) { "true" } else { "false" });
    out.push_str("\n}\n");
    out
}

/// One code's row of `catalog.json`.
fn row(ctx: &Ctx, index: usize, code: &Code, out: &mut String) {
    out.push('[');
    out.push_str(&json_string(&code.wire));
    out.push_str(", ");
    out.push_str(&json_string(&ctx.codes[index].to_string()));
    for attribute in CODE_ATTRIBUTES {
        out.push_str(", ");
        match attribute.of(code) {
            AttributeValue::Status(status) => out.push_str(&status.to_string()),
            AttributeValue::Category(index) => {
                out.push_str(&json_string(&ctx.catalog.categories[index].id));
            }
            AttributeValue::Text(text) | AttributeValue::OptionalText(Some(text)) => {
                out.push_str(&json_string(text));
            }
            AttributeValue::OptionalText(None) => out.push_str("null"),
            AttributeValue::Flag(flag) => out.push_str(if flag { "true" } else { "false" }),
        }
    }
    out.push_str(", ");
    match &code.deprecated {
        Some(deprecation) => {
            let optional = |text: Option<&str>| text.map_or("null".to_owned(), json_string);
            out.push_str(&format!(
                "{{\"since\": {}, \"replaced_by\": {}, \"note\": {}}}",
                json_string(&deprecation.since),
                optional(deprecation.replaced_by.as_deref()),
                optional(deprecation.note.as_deref()),
            ));
        }
        None => out.push_str("null"),
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;
    use crate::names::rust::variant_name;

    #[test]
    fn every_code_is_one_line_of_the_data_with_every_column() {
        let catalog = sample::catalog();
        let ctx = Ctx::new(&catalog).unwrap();
        let data: serde_json::Value = serde_json::from_str(&data(&ctx)).unwrap();
        let columns = data["columns"].as_array().unwrap().len();
        assert_eq!(columns, KEY_COLUMNS + CODE_ATTRIBUTES.len() + 1);
        let rows = data["codes"].as_array().unwrap();
        assert_eq!(rows.len(), catalog.codes.len());
        for (row, code) in rows.iter().zip(&catalog.codes) {
            assert_eq!(row.as_array().unwrap().len(), columns);
            assert_eq!(row[0], code.wire.as_str());
            assert_eq!(row[1], variant_name(&code.wire).as_str());
        }
    }
}
