//! `codes.js` and `codes.d.ts`: the catalog's data. `ErrorCode`, the record of every code
//! (`ErrorCodeInfo`, rendered from [`CODE_ATTRIBUTES`]), the categories, the status table and
//! the types of the JSON error envelope (`ErrorEnvelope`, `ErrorBody`, `ErrorDetails`,
//! `ErrorMeta`), documented with the catalog's `[envelope]` texts. The static modules
//! (`tables.js`, `api-error.js`, …) import them.

use std::fmt::Write as _;

use super::escape::{MAX_WIDTH, js_string, jsdoc_block, jsdoc_inline, jsdoc_lines, wrap};
use crate::model::{AttributeType, AttributeValue, CODE_ATTRIBUTES, Catalog, Code};
use crate::names::typescript::property_name;

/// The TypeScript type of an attribute's values: the one place a new [`AttributeType`] needs a
/// line in this target.
fn ts_type(ty: AttributeType) -> &'static str {
    match ty {
        AttributeType::Status => "number",
        AttributeType::Category => "Category",
        AttributeType::Line | AttributeType::Paragraphs => "string",
        AttributeType::OptionalLine => "string | null",
        AttributeType::Flag => "boolean",
    }
}

/// An attribute's value as a JavaScript literal.
fn js_value(catalog: &Catalog, value: AttributeValue<'_>) -> String {
    match value {
        AttributeValue::Status(status) => status.to_string(),
        AttributeValue::Category(index) => js_string(&catalog.categories[index].id),
        AttributeValue::Text(text) => js_string(text),
        AttributeValue::OptionalText(text) => text.map_or_else(|| "null".to_owned(), js_string),
        AttributeValue::Flag(flag) => flag.to_string(),
    }
}

/// The members of `ErrorCodeInfo`: the wire string, then every attribute, as (name, type, doc).
fn record_members() -> Vec<(String, &'static str, &'static str)> {
    let mut members = vec![(
        "code".to_owned(),
        "ErrorCode",
        "The code, as sent on the wire.",
    )];
    members.extend(
        CODE_ATTRIBUTES
            .iter()
            .map(|a| (property_name(a.name), ts_type(a.ty), a.doc)),
    );
    members.push((
        "deprecated".to_owned(),
        "Deprecation | null",
        DEPRECATED_MEMBER_DOC,
    ));
    members
}

/// The JSDoc lines of an `ErrorCode` member: message and status, then the description.
fn code_doc(catalog: &Catalog, code: &Code) -> Vec<String> {
    let mut lines = jsdoc_lines(&format!(
        "{} ({} {}).",
        code.message.trim_end_matches('.'),
        code.status,
        catalog.status_title(code.status)
    ));
    let mut more = jsdoc_lines(&code.description);
    if let Some(field) = &code.field {
        more.push(String::new());
        more.extend(jsdoc_lines(&format!(
            "Concerns the request field `{field}`."
        )));
    }
    if code.retryable {
        more.push(String::new());
        more.push("Retryable.".to_owned());
    }
    if !more.is_empty() {
        lines.push(String::new());
        lines.extend(more);
    }
    if let Some(deprecation) = &code.deprecated {
        // The tag editors and the TypeScript language service show (a strikethrough, and
        // suggestion 6385 "'X' is deprecated" wherever the member is used).
        // A tag of the generator's own: versions and code names need no escaping (catalog text,
        // the note, goes through `jsdoc_lines`, which keeps it from starting a tag).
        let mut tag = format!("@deprecated Since {}", deprecation.since);
        if let Some(replacement) = &deprecation.replaced_by {
            let _ = write!(tag, ": use `ErrorCode.{replacement}` instead");
        }
        tag.push('.');
        lines.push(String::new());
        lines.push(tag);
        if let Some(note) = &deprecation.note {
            lines.extend(jsdoc_lines(note));
        }
    }
    lines
}

/// The members of a deprecated code's `Deprecation` record: `since`, `replacedBy`, `note`.
fn deprecation_members(d: &crate::model::Deprecation) -> Vec<String> {
    let or_null = |text: Option<&str>| text.map_or_else(|| "null".to_owned(), js_string);
    vec![
        format!("since: {}", js_string(&d.since)),
        format!("replacedBy: {}", or_null(d.replaced_by.as_deref())),
        format!("note: {}", or_null(d.note.as_deref())),
    ]
}

const DEPRECATION_DOC: &str =
    "Why and since when a code is deprecated: servers still send it, clients should move off it.";
const DEPRECATED_MEMBER_DOC: &str =
    "Set when the code is deprecated: since which version, its replacement, why.";
const RETIRED_DOC: &str = "A retired code: servers no longer send it, and `isErrorCode` rejects it (a response carrying it parses as an unknown code), but `retiredCode` says what it was, for logs and tooling. Its name is never reused.";
/// The members of `Deprecation` and `RetiredCode`: (name, type, doc).
const DEPRECATION_MEMBERS: &[(&str, &str, &str)] = &[
    (
        "since",
        "string",
        "The catalog version that deprecated the code.",
    ),
    (
        "replacedBy",
        "ErrorCode | null",
        "The code to use instead, if any.",
    ),
    ("note", "string | null", "Why, or what to do instead."),
];
const RETIRED_MEMBERS: &[(&str, &str, &str)] = &[
    ("code", "string", "The wire string the code had."),
    ("since", "string", "The catalog version that retired it."),
    ("status", "number", "The last HTTP status it had."),
    (
        "replacedBy",
        "ErrorCode | null",
        "The code that replaced it, if any.",
    ),
    (
        "note",
        "string",
        "Why it was retired, or what to do instead.",
    ),
];
const RETIRED_CODE_DOC: &str =
    "The retired code with this wire string, or `null` when the catalog retired none.";

/// The module comment both files start with: the catalog's title, name, version and
/// description.
fn module_doc(catalog: &Catalog) -> String {
    let mut lines = jsdoc_lines(&format!(
        "{} (`{}` {}): the error codes, with their HTTP status and metadata.",
        catalog.title.trim(),
        catalog.name,
        catalog.version
    ));
    let description = jsdoc_lines(&catalog.description);
    if !description.is_empty() {
        lines.push(String::new());
        lines.extend(description);
    }
    lines.push(String::new());
    lines.push("@module".to_owned());
    jsdoc_block("", &lines)
}

/// The doc of the `ErrorCode` type.
fn error_code_type_doc(catalog: &Catalog) -> Vec<String> {
    let mut lines = vec![
        "An error code of this version of the catalog: the exact string the API sends in"
            .to_owned(),
        "`error.code`.".to_owned(),
        String::new(),
    ];
    lines.extend(jsdoc_lines(&catalog.envelope.code));
    lines
}

/// A doc made of a fixed first line and, after a blank line, catalog text (if any).
fn doc_with(first: &str, text: &str) -> Vec<String> {
    let mut lines = vec![first.to_owned()];
    let text = jsdoc_lines(text);
    if !text.is_empty() {
        lines.push(String::new());
        lines.extend(text);
    }
    lines
}

/// A member of an envelope type: its name, whether it may be missing, its type and the
/// catalog text documenting it.
struct Member<'a> {
    name: &'static str,
    optional: bool,
    ty: &'static str,
    text: &'a str,
}

/// The types of the JSON error envelope, outermost first, each with its doc and members. Their
/// shape is fixed by the catalog format; the texts come from the catalog's `[envelope]`.
fn envelope_types(catalog: &Catalog) -> Vec<(&'static str, Vec<String>, Vec<Member<'_>>)> {
    let envelope = &catalog.envelope;
    let member = |name, optional, ty, text| Member {
        name,
        optional,
        ty,
        text,
    };
    vec![
        (
            "ErrorEnvelope",
            doc_with(
                "The JSON error envelope: the body of every error response of the API.",
                &envelope.description,
            ),
            vec![
                member("success", false, "false", &envelope.success),
                member("error", false, "ErrorBody", &envelope.error),
                member("meta", true, "ErrorMeta", &envelope.meta),
            ],
        ),
        (
            "ErrorBody",
            doc_with(
                "What `error` of the JSON error envelope holds.",
                &envelope.error,
            ),
            vec![
                member("code", false, "string", &envelope.code),
                member("message", false, "string", &envelope.message),
                member("details", true, "ErrorDetails", &envelope.details),
            ],
        ),
        (
            "ErrorDetails",
            doc_with(
                "What `error.details` of the JSON error envelope holds.",
                &envelope.details,
            ),
            vec![
                member("field", true, "string", &envelope.field),
                member("issue", true, "string", &envelope.issue),
            ],
        ),
        (
            "ErrorMeta",
            doc_with(
                "What `meta` of the JSON error envelope holds.",
                &envelope.meta,
            ),
            vec![
                member("request_id", true, "string", &envelope.request_id),
                member("timestamp", true, "string", &envelope.timestamp),
            ],
        ),
    ]
}

const ERROR_CODE_OBJECT_DOC: &str = "Every error code, by name: `ErrorCode.NAME === \"NAME\"`.";
const ERROR_CODE_STATUSES_DOC: &str = "Every error code of the catalog with its HTTP status, as types: `ErrorCodeStatuses[C]` is the status of code `C`. Each member carries its code's documentation, which the members of `ErrorCode` show.";
const RECORD_DOC: &str = "What the catalog says about one error code.";

fn union(members: impl IntoIterator<Item = String>, indent: &str) -> String {
    let members: Vec<String> = members.into_iter().collect();
    if members.is_empty() {
        return " never".to_owned();
    }
    members.iter().map(|m| format!("\n{indent}| {m}")).collect()
}

pub(super) fn declarations(catalog: &Catalog) -> String {
    let mut out = module_doc(catalog);
    out.push_str("\nimport type { CategoryInfo, StatusInfo } from \"./tables.js\";\n\n");
    out.push_str(&jsdoc_block("", &error_code_type_doc(catalog)));
    out.push_str("export type ErrorCode = keyof ErrorCodeStatuses;\n\n");
    // Every code is stated once, with its docs, in `ErrorCodeStatuses`: the union above and
    // the object below are mapped from it, and a mapped type over `keyof` keeps each member's
    // docs and `@deprecated` tag.
    out.push_str(&jsdoc_block("", &jsdoc_lines(ERROR_CODE_STATUSES_DOC)));
    out.push_str("export interface ErrorCodeStatuses {");
    if catalog.codes.is_empty() {
        out.push_str("}\n\n");
    } else {
        out.push('\n');
        for code in &catalog.codes {
            out.push_str(&jsdoc_block("  ", &code_doc(catalog, code)));
            let _ = writeln!(out, "  {}: {};", code.wire, code.status);
        }
        out.push_str("}\n\n");
    }
    out.push_str(&jsdoc_block("", &[ERROR_CODE_OBJECT_DOC.to_owned()]));
    out.push_str(
        "export declare const ErrorCode: { readonly [K in keyof ErrorCodeStatuses]: K };\n\n",
    );

    out.push_str(&jsdoc_block("", &["A category of error codes.".to_owned()]));
    let categories = union(catalog.categories.iter().map(|c| js_string(&c.id)), "  ");
    let _ = writeln!(out, "export type Category ={categories};\n");

    out.push_str(&jsdoc_block("", &[RECORD_DOC.to_owned()]));
    out.push_str("export interface ErrorCodeInfo {\n");
    for (name, ty, doc) in record_members() {
        out.push_str(&jsdoc_block("  ", &[doc.to_owned()]));
        let _ = writeln!(out, "  readonly {name}: {ty};");
    }
    out.push_str("}\n\n");

    for (name, doc, members) in [
        ("Deprecation", DEPRECATION_DOC, DEPRECATION_MEMBERS),
        ("RetiredCode", RETIRED_DOC, RETIRED_MEMBERS),
    ] {
        out.push_str(&jsdoc_block("", &jsdoc_lines(doc)));
        let _ = writeln!(out, "export interface {name} {{");
        for (member, ty, doc) in members {
            out.push_str(&jsdoc_block("  ", &[(*doc).to_owned()]));
            let _ = writeln!(out, "  readonly {member}: {ty};");
        }
        out.push_str("}\n\n");
    }

    for (name, doc, members) in envelope_types(catalog) {
        out.push_str(&jsdoc_block("", &doc));
        let _ = writeln!(out, "export interface {name} {{");
        for member in members {
            out.push_str(&jsdoc_block("  ", &jsdoc_lines(member.text)));
            let (name, ty) = (member.name, member.ty);
            if member.optional {
                let _ = writeln!(out, "  readonly {name}?: {ty} | undefined;");
            } else {
                let _ = writeln!(out, "  readonly {name}: {ty};");
            }
        }
        out.push_str("}\n\n");
    }

    out.push_str(
        r#"/** Every error code, in catalog order. */
export declare const ERROR_CODES: readonly ErrorCode[];

/** What the catalog says about each error code. */
export declare const ERROR_CODE_INFO: Readonly<Record<ErrorCode, ErrorCodeInfo>>;

/** The categories, in catalog order. */
export declare const CATEGORIES: readonly CategoryInfo[];

/** The HTTP status table, sorted by status; success statuses included. */
export declare const STATUSES: readonly StatusInfo[];

/** Every retired code, in catalog order. */
export declare const RETIRED_CODES: readonly RetiredCode[];
"#,
    );
    out.push('\n');
    out.push_str(&jsdoc_block("", &[RETIRED_CODE_DOC.to_owned()]));
    out.push_str("export declare function retiredCode(code: string): RetiredCode | null;\n");
    out
}

/// A JSDoc `@typedef {object}` block: `doc`, then one `@property` line per member, wrapped with
/// the continuation lines indented.
fn typedef(doc: &[String], name: &str, properties: &[(String, String, String)]) -> String {
    let mut lines = doc.to_vec();
    lines.push(String::new());
    lines.push(format!("@typedef {{object}} {name}"));
    let mut out = String::from("/**\n");
    for line in wrap(&lines, MAX_WIDTH - 3) {
        out.push_str(&format!(
            " *{}{line}\n",
            if line.is_empty() { "" } else { " " }
        ));
    }
    for (ty, name, doc) in properties {
        let line = format!("@property {{{ty}}} {name} {doc}");
        for (i, part) in wrap(&[line], MAX_WIDTH - 5).iter().enumerate() {
            let indent = if i == 0 { "" } else { "  " };
            out.push_str(&format!(" * {indent}{part}\n"));
        }
    }
    out.push_str(" */\n");
    out
}

pub(super) fn module(catalog: &Catalog) -> String {
    let mut out = String::from("// @ts-check\n\n");
    out.push_str(&module_doc(catalog));
    out.push_str("\n/** @import { CategoryInfo, StatusInfo } from \"./tables.js\" */\n\n");

    // The codes' own column: the wire strings, which `ErrorCode` and `ERROR_CODES` are made of
    // and every other column follows row by row.
    out.push_str(&jsdoc_block("", &[CODES_DOC.to_owned()]));
    let wires: Vec<String> = catalog.codes.iter().map(|c| js_string(&c.wire)).collect();
    array(
        &mut out,
        "const CODES = /** @type {const} */ ([",
        &wires,
        Layout::Lines,
        "]);",
    );
    out.push('\n');

    let mut doc = error_code_type_doc(catalog);
    doc.push(String::new());
    doc.push("@typedef {(typeof CODES)[number]} ErrorCode".to_owned());
    out.push_str(&jsdoc_block("", &doc));
    out.push('\n');
    out.push_str(BY_CODE_HELPER);
    out.push_str(&jsdoc_block("", &[ERROR_CODE_OBJECT_DOC.to_owned()]));
    out.push_str(
        "export const ErrorCode = /** @type {{ readonly [K in ErrorCode]: K }} */ (\n  \
         /* @__PURE__ */ byCode((code) => code)\n);\n\n",
    );
    out.push_str("/**\n * Every error code, in catalog order.\n *\n");
    out.push_str(" * @type {readonly ErrorCode[]}\n */\n");
    out.push_str("export const ERROR_CODES = /* @__PURE__ */ Object.freeze(CODES);\n\n");

    let categories: Vec<String> = catalog
        .categories
        .iter()
        .map(|c| js_string(&c.id))
        .collect();
    let categories = if categories.is_empty() {
        "never".to_owned()
    } else {
        categories.join(" | ")
    };
    out.push_str(&jsdoc_block(
        "",
        &[
            "A category of error codes.".to_owned(),
            String::new(),
            format!("@typedef {{{categories}}} Category"),
        ],
    ));
    out.push('\n');

    let members: Vec<(String, String, String)> = record_members()
        .into_iter()
        .map(|(name, ty, doc)| (ty.to_owned(), name, doc.to_owned()))
        .collect();
    out.push_str(&typedef(
        &[RECORD_DOC.to_owned()],
        "ErrorCodeInfo",
        &members,
    ));
    out.push('\n');
    for (name, doc, members) in [
        ("Deprecation", DEPRECATION_DOC, DEPRECATION_MEMBERS),
        ("RetiredCode", RETIRED_DOC, RETIRED_MEMBERS),
    ] {
        let properties: Vec<(String, String, String)> = members
            .iter()
            .map(|(member, ty, doc)| ((*ty).to_owned(), (*member).to_owned(), (*doc).to_owned()))
            .collect();
        out.push_str(&typedef(&jsdoc_lines(doc), name, &properties));
        out.push('\n');
    }
    for (name, doc, members) in envelope_types(catalog) {
        let properties: Vec<(String, String, String)> = members
            .into_iter()
            .map(|member| {
                let text = jsdoc_inline(member.text);
                if member.optional {
                    let ty = format!("{} | undefined", member.ty);
                    (ty, format!("[{}]", member.name), text)
                } else {
                    (member.ty.to_owned(), member.name.to_owned(), text)
                }
            })
            .collect();
        out.push_str(&typedef(&doc, name, &properties));
        out.push('\n');
    }

    out.push_str("/**\n * The categories, in catalog order.\n *\n");
    out.push_str(" * @type {readonly CategoryInfo[]}\n */\n");
    out.push_str("export const CATEGORIES = /* @__PURE__ */ Object.freeze([\n");
    for category in &catalog.categories {
        let _ = write!(
            out,
            "  /* @__PURE__ */ Object.freeze({{\n    \
             id: {id},\n    \
             title: {title},\n    \
             description: {description},\n  \
             }}),\n",
            id = js_string(&category.id),
            title = js_string(&category.title),
            description = js_string(&category.description),
        );
    }
    out.push_str("]);\n\n");

    out.push_str(
        "/**\n * The HTTP status table, sorted by status; success statuses included.\n *\n",
    );
    out.push_str(" * @type {readonly StatusInfo[]}\n */\n");
    out.push_str("export const STATUSES = /* @__PURE__ */ Object.freeze([\n");
    for status in &catalog.statuses {
        let _ = writeln!(
            out,
            "  /* @__PURE__ */ Object.freeze({{ status: {}, title: {}, retryable: {} }}),",
            status.code,
            js_string(&status.title),
            status.retryable
        );
    }
    out.push_str("]);\n\n");

    // One column per attribute, then the records built from them.
    let mut fields = Vec::new();
    for attribute in CODE_ATTRIBUTES {
        let property = property_name(attribute.name);
        let column = column_name(&property);
        let doc = match attribute.ty {
            AttributeType::OptionalLine => {
                format!("`{property}` of the codes that have one, by code.")
            }
            AttributeType::Category => format!(
                "`{property}` of each code, as its index in `CATEGORIES`, in the order of `CODES`."
            ),
            AttributeType::Flag => {
                format!("`{property}` of each code (1 for true), in the order of `CODES`.")
            }
            _ => format!("`{property}` of each code, in the order of `CODES`."),
        };
        let mut doc = vec![doc];
        if attribute.ty == AttributeType::OptionalLine {
            doc.push(String::new());
            doc.push("@type {Readonly<Partial<Record<ErrorCode, string>>>}".to_owned());
        }
        out.push_str(&jsdoc_block("", &doc));
        let values = catalog.codes.iter().map(|code| attribute.of(code));
        let expression = match attribute.ty {
            AttributeType::Status | AttributeType::Category | AttributeType::Flag => {
                let numbers: Vec<String> = values
                    .map(|value| match value {
                        AttributeValue::Status(status) => status.to_string(),
                        AttributeValue::Category(index) => index.to_string(),
                        AttributeValue::Flag(flag) => u8::from(flag).to_string(),
                        other => js_value(catalog, other),
                    })
                    .collect();
                let open = format!("const {column} = [");
                array(&mut out, &open, &numbers, Layout::Fill, "];");
                out.push('\n');
                match attribute.ty {
                    AttributeType::Category => {
                        format!("row(CATEGORIES, row({column}, i)).id")
                    }
                    AttributeType::Flag => format!("row({column}, i) === 1"),
                    _ => format!("row({column}, i)"),
                }
            }
            AttributeType::Line | AttributeType::Paragraphs => {
                let strings: Vec<String> = values.map(|value| js_value(catalog, value)).collect();
                let open = format!("const {column} = [");
                array(&mut out, &open, &strings, Layout::Lines, "];");
                out.push('\n');
                format!("row({column}, i)")
            }
            AttributeType::OptionalLine => {
                let entries = catalog
                    .codes
                    .iter()
                    .filter_map(|code| match attribute.of(code) {
                        AttributeValue::OptionalText(Some(text)) => {
                            Some((code.wire.as_str(), Sparse::Text(js_string(text))))
                        }
                        _ => None,
                    });
                out.push_str(&format!("const {column} = {{"));
                sparse_column(&mut out, entries);
                out.push_str("};\n\n");
                format!("{column}[code] ?? null")
            }
        };
        fields.push(format!("{property}: {expression}"));
    }
    out.push_str(&jsdoc_block(
        "",
        &[
            "`deprecated` of the deprecated codes, by code.".to_owned(),
            String::new(),
            "@type {Readonly<Partial<Record<ErrorCode, Deprecation>>>}".to_owned(),
        ],
    ));
    out.push_str("const COLUMN_DEPRECATED = {");
    sparse_column(
        &mut out,
        catalog.codes.iter().filter_map(|code| {
            code.deprecated
                .as_ref()
                .map(|d| (code.wire.as_str(), Sparse::Record(deprecation_members(d))))
        }),
    );
    out.push_str("};\n\n");
    fields.push("deprecated: COLUMN_DEPRECATED[code] ?? null".to_owned());

    out.push_str(ROW_HELPER);
    out.push_str("/**\n * What the catalog says about each error code.\n *\n");
    out.push_str(" * @type {Readonly<Record<ErrorCode, ErrorCodeInfo>>}\n */\n");
    out.push_str(
        "export const ERROR_CODE_INFO = /* @__PURE__ */ byCode((code, i) =>\n  \
         Object.freeze({\n    \
         code,\n",
    );
    for field in &fields {
        let _ = writeln!(out, "    {field},");
    }
    out.push_str("  }),\n);\n\n");

    out.push_str("/**\n * Every retired code, in catalog order.\n *\n");
    out.push_str(" * @type {readonly RetiredCode[]}\n */\n");
    out.push_str("export const RETIRED_CODES = /* @__PURE__ */ Object.freeze([");
    if catalog.retired.is_empty() {
        out.push_str("]);\n\n");
    } else {
        out.push('\n');
        for retired in &catalog.retired {
            let _ = write!(
                out,
                "  /* @__PURE__ */ Object.freeze({{\n    \
                 code: {code},\n    \
                 since: {since},\n    \
                 status: {status},\n    \
                 replacedBy: {replaced_by},\n    \
                 note: {note},\n  \
                 }}),\n",
                code = js_string(&retired.wire),
                since = js_string(&retired.since),
                status = retired.status,
                replaced_by = retired
                    .replaced_by
                    .as_deref()
                    .map_or_else(|| "null".to_owned(), js_string),
                note = js_string(&retired.note),
            );
        }
        out.push_str("]);\n\n");
    }
    let mut doc = vec![RETIRED_CODE_DOC.to_owned(), String::new()];
    doc.push("@param {string} code".to_owned());
    doc.push("@returns {RetiredCode | null}".to_owned());
    out.push_str(&jsdoc_block("", &doc));
    out.push_str(
        "export function retiredCode(code) {\n  return RETIRED_CODES.find((retired) => retired.code === code) ?? null;\n}\n",
    );
    out
}

/// The helper that builds `ErrorCode` and `ERROR_CODE_INFO` from the columns: a loop, which
/// V8 runs several times faster than `Object.fromEntries` over 10,000 codes.
const BY_CODE_HELPER: &str = r"/**
 * A frozen object with a member per code, in catalog order: `value(code, i)` for the code of
 * row `i`.
 *
 * @template T
 * @param {(code: ErrorCode, i: number) => T} value
 * @returns {Readonly<Record<ErrorCode, T>>}
 */
function byCode(value) {
  /** @type {Record<string, T>} */
  const object = {};
  CODES.forEach((code, i) => {
    object[code] = value(code, i);
  });
  return Object.freeze(object);
}

";

const CODES_DOC: &str =
    "The wire string of every code, in catalog order: the row of each code in the columns below.";

/// The helper that reads a column's row: every column has one row per code, so the index is
/// always in range.
const ROW_HELPER: &str = r"/**
 * Row `i` of a column: every column has a row per code, in the order of `CODES`.
 *
 * @template T
 * @param {readonly T[]} column
 * @param {number} i
 * @returns {T}
 */
function row(column, i) {
  return /** @type {T} */ (column[i]);
}

";

/// The name of the private constant holding an attribute's column: `COLUMN_` and the property
/// in capitals (`retryAfter` → `COLUMN_RETRY_AFTER`).
fn column_name(property: &str) -> String {
    let mut name = String::from("COLUMN_");
    for c in property.chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

/// How prettier lays out the elements of an array literal that does not fit on one line.
#[derive(Clone, Copy)]
enum Layout {
    /// One element per line (strings).
    Lines,
    /// As many elements per line as fit (numbers).
    Fill,
}

/// An array literal `{open}…{close}` with a newline, laid out as prettier prints it: on one line
/// when it fits, else broken with the elements per `layout`.
fn array(out: &mut String, open: &str, items: &[String], layout: Layout, close: &str) {
    let one_line = format!("{open}{}{close}", items.join(", "));
    if items.is_empty() || one_line.chars().count() <= MAX_WIDTH {
        out.push_str(&one_line);
        out.push('\n');
        return;
    }
    out.push_str(open);
    out.push('\n');
    match layout {
        Layout::Lines => {
            for item in items {
                let _ = writeln!(out, "  {item},");
            }
        }
        Layout::Fill => {
            let mut line = String::new();
            for item in items {
                if !line.is_empty()
                    && line.chars().count() + 1 + item.chars().count() + 1 > MAX_WIDTH
                {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                line.push_str(if line.is_empty() { "  " } else { " " });
                line.push_str(item);
                line.push(',');
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(close);
    out.push('\n');
}

/// A member of a sparse column: a string, or a frozen record of `name: value` members.
enum Sparse {
    Text(String),
    Record(Vec<String>),
}

/// The members of an object literal keyed by code, one per line as prettier prints them: a string
/// too long for the line goes on the next one, a record too long gets a line per member.
fn sparse_column<'a>(out: &mut String, entries: impl Iterator<Item = (&'a str, Sparse)>) {
    let mut any = false;
    for (code, value) in entries {
        if !any {
            out.push('\n');
            any = true;
        }
        let line = match &value {
            Sparse::Text(text) => format!("  {code}: {text},"),
            Sparse::Record(members) => format!(
                "  {code}: /* @__PURE__ */ Object.freeze({{ {} }}),",
                members.join(", ")
            ),
        };
        if line.chars().count() <= MAX_WIDTH {
            out.push_str(&line);
            out.push('\n');
            continue;
        }
        match value {
            Sparse::Text(text) => {
                let _ = writeln!(out, "  {code}:\n    {text},");
            }
            Sparse::Record(members) => {
                let _ = writeln!(out, "  {code}: /* @__PURE__ */ Object.freeze({{");
                for member in members {
                    let _ = writeln!(out, "    {member},");
                }
                out.push_str("  }),\n");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn the_record_has_a_member_per_attribute_in_both_files() {
        let catalog = sample::catalog();
        let (dts, js) = (declarations(&catalog), module(&catalog));
        for attribute in CODE_ATTRIBUTES {
            let name = property_name(attribute.name);
            let ty = ts_type(attribute.ty);
            assert!(
                dts.contains(&format!("  readonly {name}: {ty};\n")),
                "codes.d.ts lacks {name}"
            );
            assert!(
                js.contains(&format!(" * @property {{{ty}}} {name} ")),
                "codes.js lacks {name}"
            );
        }
    }

    /// The elements of the array literal `const NAME = [...]` (or `NAME = /** … */ ([...])`)
    /// of `js`, parsed as JSON values (the literals are JSON's).
    fn column(js: &str, name: &str) -> Vec<serde_json::Value> {
        let start = js.find(&format!("\nconst {name} = ")).expect(name);
        let open = start + js[start..].find('[').unwrap() + 1;
        let rest = &js[open..];
        let end = open
            + [rest.find("];"), rest.find("]);")]
                .into_iter()
                .flatten()
                .min()
                .unwrap();
        let inner = js[open..end].trim_end().trim_end_matches(',');
        serde_json::from_str(&format!("[{inner}]")).expect(name)
    }

    /// `literal` (a JavaScript literal that is also JSON's) as a JSON value.
    fn json(literal: &str) -> serde_json::Value {
        serde_json::from_str(literal).unwrap()
    }

    #[test]
    fn every_column_holds_every_code_in_catalog_order() {
        let mut catalog = sample::catalog();
        catalog.codes[0].deprecated = Some(crate::model::Deprecation {
            since: "1.1.0".to_owned(),
            replaced_by: Some(catalog.codes[1].wire.clone()),
            note: Some("Say \"why\".".to_owned()),
        });
        let js = module(&catalog);
        let wires: Vec<_> = catalog
            .codes
            .iter()
            .map(|c| json(&js_string(&c.wire)))
            .collect();
        assert_eq!(column(&js, "CODES"), wires);
        for attribute in CODE_ATTRIBUTES {
            let property = property_name(attribute.name);
            let name = column_name(&property);
            let values = catalog.codes.iter().map(|code| attribute.of(code));
            match attribute.ty {
                AttributeType::OptionalLine => {
                    for (code, value) in catalog.codes.iter().zip(values) {
                        let line = format!("\n  {}:", code.wire);
                        let block = &js[js.find(&format!("const {name} = ")).unwrap()..];
                        let block = &block[..=block.find("\n};").unwrap()];
                        match value {
                            AttributeValue::OptionalText(Some(text)) => {
                                let value = js_string(text);
                                assert!(
                                    block.contains(&format!("{line} {value},\n"))
                                        || block.contains(&format!("{line}\n    {value},\n")),
                                    "{}",
                                    code.wire
                                );
                            }
                            _ => assert!(!block.contains(&line), "{}", code.wire),
                        }
                    }
                    assert!(js.contains(&format!("{property}: {name}[code] ?? null,")));
                }
                _ => {
                    let expected: Vec<_> = values
                        .map(|value| match value {
                            AttributeValue::Category(index) => index.into(),
                            AttributeValue::Flag(flag) => u8::from(flag).into(),
                            value => json(&js_value(&catalog, value)),
                        })
                        .collect();
                    assert_eq!(column(&js, &name), expected, "{name}");
                    assert!(js.contains(&format!("    {property}: ")), "{property}");
                }
            }
        }
        assert!(js.contains(&format!(
            // Too long for one line: a member per line.
            "\n  {}: /* @__PURE__ */ Object.freeze({{\n    since: \"1.1.0\",\n    replacedBy: {},\n    note: \"Say \\\"why\\\".\",\n  }}),\n",
            catalog.codes[0].wire,
            js_string(&catalog.codes[1].wire)
        )));
        assert!(js.contains("deprecated: COLUMN_DEPRECATED[code] ?? null,"));
    }

    #[test]
    fn values_are_javascript_literals_of_their_type() {
        let catalog = sample::catalog();
        assert_eq!(js_value(&catalog, AttributeValue::Status(429)), "429");
        assert_eq!(js_value(&catalog, AttributeValue::Flag(true)), "true");
        assert_eq!(
            js_value(&catalog, AttributeValue::OptionalText(None)),
            "null"
        );
        assert_eq!(
            js_value(&catalog, AttributeValue::OptionalText(Some("a\"b"))),
            "\"a\\\"b\""
        );
        assert_eq!(
            js_value(&catalog, AttributeValue::Category(0)),
            js_string(&catalog.categories[0].id)
        );
    }

    #[test]
    fn every_code_is_stated_once_in_the_declarations_with_its_docs() {
        let catalog = sample::catalog();
        let dts = declarations(&catalog);
        for code in &catalog.codes {
            let member = format!("  {}: {};\n", code.wire, code.status);
            assert_eq!(dts.matches(&member).count(), 1, "{}", code.wire);
            let doc = jsdoc_block("  ", &code_doc(&catalog, code));
            assert!(dts.contains(&format!("{doc}{member}")), "{}", code.wire);
            assert_eq!(dts.matches(&format!("\"{}\"", code.wire)).count(), 0);
        }
        assert!(dts.contains("export type ErrorCode = keyof ErrorCodeStatuses;\n"));
        assert!(dts.contains(
            "export declare const ErrorCode: { readonly [K in keyof ErrorCodeStatuses]: K };\n"
        ));
    }

    #[test]
    fn the_columns_are_laid_out_as_prettier_prints_them() {
        let statuses: Vec<String> = (0..40).map(|i| (400 + i).to_string()).collect();
        let mut out = String::new();
        array(&mut out, "const A = [", &statuses[..3], Layout::Fill, "];");
        assert_eq!(out, "const A = [400, 401, 402];\n");
        let mut out = String::new();
        array(&mut out, "const A = [", &[], Layout::Lines, "];");
        assert_eq!(out, "const A = [];\n");
        let mut out = String::new();
        array(&mut out, "const A = [", &statuses, Layout::Fill, "];");
        assert!(out.lines().skip(1).all(|l| l.len() <= MAX_WIDTH));
        assert!(out.ends_with(",\n];\n"));
        // 19 statuses of 3 digits fill a line: 2 + 19 * 4 + 18 = 96 columns, a 20th would make 101.
        assert_eq!(out.lines().nth(1).unwrap().len(), 96);
        let mut out = String::new();
        let long = format!("\"{}\"", "x".repeat(100));
        sparse_column(
            &mut out,
            [
                ("A", Sparse::Text(long.clone())),
                ("B", Sparse::Text("\"b\"".to_owned())),
            ]
            .into_iter(),
        );
        assert_eq!(out, format!("\n  A:\n    {long},\n  B: \"b\",\n"));
        assert_eq!(column_name("retryAfter"), "COLUMN_RETRY_AFTER");
    }

    #[test]
    fn lines_stay_within_the_width_where_words_allow() {
        let catalog = sample::catalog();
        let js = module(&catalog);
        let start = js.find("@typedef {object} ErrorCodeInfo").unwrap();
        let end = start + js[start..].find(" */").unwrap();
        for line in js[start..end].lines() {
            assert!(line.chars().count() <= MAX_WIDTH, "{line}");
        }
    }

    /// The text of every comment of `source`, each line without its ` * ` or `/**`, joined
    /// by spaces: catalog text wrapped over several lines reads as one.
    fn comment_text(source: &str) -> String {
        source
            .lines()
            .map(|line| {
                line.trim()
                    .trim_start_matches("/**")
                    .trim_end_matches("*/")
                    .trim_start_matches('*')
                    .trim()
            })
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every text of the catalog's `[envelope]` (not the examples), by field name.
    fn envelope_texts(envelope: &mut crate::model::Envelope) -> [(&'static str, &mut String); 11] {
        [
            ("description", &mut envelope.description),
            ("success", &mut envelope.success),
            ("error", &mut envelope.error),
            ("code", &mut envelope.code),
            ("message", &mut envelope.message),
            ("details", &mut envelope.details),
            ("field", &mut envelope.field),
            ("issue", &mut envelope.issue),
            ("meta", &mut envelope.meta),
            ("request_id", &mut envelope.request_id),
            ("timestamp", &mut envelope.timestamp),
        ]
    }

    #[test]
    fn every_envelope_text_documents_the_envelope_types() {
        let mut catalog = sample::catalog();
        let (dts, js) = (declarations(&catalog), module(&catalog));
        let (dts_text, js_text) = (comment_text(&dts), comment_text(&js));
        for (name, text) in envelope_texts(&mut catalog.envelope) {
            let escaped = jsdoc_inline(text);
            assert!(
                dts_text.contains(&escaped),
                "codes.d.ts lacks {name}: {escaped}"
            );
            assert!(
                js_text.contains(&escaped),
                "codes.js lacks {name}: {escaped}"
            );
        }
        for name in ["ErrorEnvelope", "ErrorBody", "ErrorDetails", "ErrorMeta"] {
            assert!(
                dts.contains(&format!("export interface {name} {{\n")),
                "{name}"
            );
            assert!(
                js.contains(&format!(" * @typedef {{object}} {name}\n")),
                "{name}"
            );
        }
    }

    #[test]
    fn envelope_texts_are_escaped_where_they_land() {
        let mut catalog = sample::catalog();
        for (name, text) in envelope_texts(&mut catalog.envelope) {
            *text = format!("{name} */ ends\n@tag starts");
        }
        let (dts, js) = (declarations(&catalog), module(&catalog));
        let (dts_text, js_text) = (comment_text(&dts), comment_text(&js));
        for (name, text) in envelope_texts(&mut catalog.envelope) {
            let escaped = jsdoc_inline(text);
            assert_eq!(escaped, format!("{name} *\\/ ends \\@tag starts"));
            assert!(
                dts_text.contains(&escaped),
                "codes.d.ts lacks {name}: {escaped}"
            );
            assert!(
                js_text.contains(&escaped),
                "codes.js lacks {name}: {escaped}"
            );
            assert!(!dts.contains(&format!("{name} */")), "{name}");
            assert!(!js.contains(&format!("{name} */")), "{name}");
        }
        for line in dts.lines().chain(js.lines()) {
            assert!(
                !line.trim_start_matches(['*', ' ']).starts_with("@tag"),
                "{line}"
            );
        }
    }
}
