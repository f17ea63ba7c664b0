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

/// `{ since, replacedBy, note }` of a deprecated code, frozen, or `null`.
fn deprecation_value(code: &Code) -> String {
    match &code.deprecated {
        Some(d) => format!(
            "/* @__PURE__ */ Object.freeze({{ since: {}, replacedBy: {}, note: {} }})",
            js_string(&d.since),
            d.replaced_by
                .as_deref()
                .map_or_else(|| "null".to_owned(), js_string),
            d.note
                .as_deref()
                .map_or_else(|| "null".to_owned(), js_string),
        ),
        None => "null".to_owned(),
    }
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
    let codes = union(catalog.codes.iter().map(|c| js_string(&c.wire)), "  ");
    let _ = writeln!(out, "export type ErrorCode ={codes};\n");
    out.push_str(&jsdoc_block("", &[ERROR_CODE_OBJECT_DOC.to_owned()]));
    out.push_str("export declare const ErrorCode: {\n");
    for code in &catalog.codes {
        out.push_str(&jsdoc_block("  ", &code_doc(catalog, code)));
        let _ = writeln!(out, "  readonly {}: {};", code.wire, js_string(&code.wire));
    }
    out.push_str("};\n\n");

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

    let mut doc = error_code_type_doc(catalog);
    doc.push(String::new());
    doc.push("@typedef {(typeof ErrorCode)[keyof typeof ErrorCode]} ErrorCode".to_owned());
    out.push_str(&jsdoc_block("", &doc));
    out.push('\n');
    out.push_str(&jsdoc_block("", &[ERROR_CODE_OBJECT_DOC.to_owned()]));
    out.push_str(
        "export const ErrorCode = /* @__PURE__ */ Object.freeze(\n  /** @type {const} */ ({\n",
    );
    for code in &catalog.codes {
        out.push_str(&jsdoc_block("    ", &code_doc(catalog, code)));
        let _ = writeln!(out, "    {}: {},", code.wire, js_string(&code.wire));
    }
    out.push_str("  }),\n);\n\n");

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

    out.push_str("/** Every error code, in catalog order. */\n");
    out.push_str(
        "export const ERROR_CODES = /* @__PURE__ */ Object.freeze(\n  /* @__PURE__ */ Object.values(ErrorCode),\n);\n\n",
    );

    out.push_str("/**\n * What the catalog says about each error code.\n *\n");
    out.push_str(" * @type {Readonly<Record<ErrorCode, ErrorCodeInfo>>}\n */\n");
    out.push_str("export const ERROR_CODE_INFO = /* @__PURE__ */ Object.freeze({\n");
    for code in &catalog.codes {
        let _ = writeln!(out, "  {}: /* @__PURE__ */ Object.freeze({{", code.wire);
        let _ = writeln!(out, "    code: {},", js_string(&code.wire));
        for attribute in CODE_ATTRIBUTES {
            let _ = writeln!(
                out,
                "    {}: {},",
                property_name(attribute.name),
                js_value(catalog, attribute.of(code))
            );
        }
        let _ = writeln!(out, "    deprecated: {},", deprecation_value(code));
        out.push_str("  }),\n");
    }
    out.push_str("});\n\n");

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

    #[test]
    fn every_row_holds_every_attribute_of_its_code() {
        let catalog = sample::catalog();
        let js = module(&catalog);
        for code in &catalog.codes {
            let mut row = format!(
                "  {}: /* @__PURE__ */ Object.freeze({{\n    code: {},\n",
                code.wire,
                js_string(&code.wire)
            );
            for attribute in CODE_ATTRIBUTES {
                let value = js_value(&catalog, attribute.of(code));
                row.push_str(&format!(
                    "    {}: {value},\n",
                    property_name(attribute.name)
                ));
            }
            row.push_str(&format!("    deprecated: {},\n", deprecation_value(code)));
            row.push_str("  }),\n");
            assert!(js.contains(&row), "{}:\n{row}", code.wire);
        }
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
    fn every_code_is_in_the_union_the_object_and_the_metadata() {
        let catalog = sample::catalog();
        let (dts, js) = (declarations(&catalog), module(&catalog));
        for code in &catalog.codes {
            let name = &code.wire;
            assert!(dts.contains(&format!("\n  | \"{name}\"")), "{name}");
            assert!(
                dts.contains(&format!("  readonly {name}: \"{name}\";\n")),
                "{name}"
            );
            assert!(js.contains(&format!("    {name}: \"{name}\",\n")), "{name}");
            assert!(
                js.contains(&format!("  {name}: /* @__PURE__ */ Object.freeze({{\n")),
                "{name}"
            );
        }
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
