//! `codes.js` and `codes.d.ts`: `ErrorCode`, the metadata of every code, the categories and
//! the status table.

use std::fmt::Write as _;

use super::escape::{js_string, jsdoc_block, jsdoc_lines};
use crate::model::{Catalog, Code};

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
    lines
}

/// The module comment both files start with.
fn module_doc(catalog: &Catalog) -> String {
    let mut lines = jsdoc_lines(&format!(
        "The error codes of `{}` {}, with their HTTP status and metadata.",
        catalog.name, catalog.version
    ));
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

const ERROR_CODE_OBJECT_DOC: &str = "Every error code, by name: `ErrorCode.NAME === \"NAME\"`.";

fn union(members: impl IntoIterator<Item = String>, indent: &str) -> String {
    let members: Vec<String> = members.into_iter().collect();
    if members.is_empty() {
        return " never".to_owned();
    }
    members.iter().map(|m| format!("\n{indent}| {m}")).collect()
}

pub(super) fn declarations(catalog: &Catalog) -> String {
    let mut out = module_doc(catalog);
    out.push('\n');
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

    out.push_str(INTERFACES);
    out.push_str(DECLARATIONS);
    out
}

const INTERFACES: &str = r#"/** What the catalog says about one error code. */
export interface ErrorCodeInfo {
  /** The code, as sent on the wire. */
  readonly code: ErrorCode;
  /** The HTTP status of responses carrying the code. */
  readonly status: number;
  /** The default human-readable message sent with the code. */
  readonly message: string;
  /** What the code means. */
  readonly description: string;
  /** The category of the code. */
  readonly category: Category;
  /** The request field the code concerns, or `null`. */
  readonly field: string | null;
  /** Whether a client may send the same request again. */
  readonly retryable: boolean;
}

/** A category of error codes. */
export interface CategoryInfo {
  /** Its identifier. */
  readonly id: Category;
  /** Its title. */
  readonly title: string;
  /** What its codes have in common. */
  readonly description: string;
}

/** A row of the catalog's HTTP status table. */
export interface StatusInfo {
  /** The HTTP status. */
  readonly status: number;
  /** Its title (e.g. `Not Found`). */
  readonly title: string;
  /** Whether errors with this status are retryable unless their code says otherwise. */
  readonly retryable: boolean;
}

"#;

const DECLARATIONS: &str = r#"/** Every error code, in catalog order. */
export declare const ERROR_CODES: readonly ErrorCode[];

/** What the catalog says about each error code. */
export declare const ERROR_CODE_INFO: Readonly<Record<ErrorCode, ErrorCodeInfo>>;

/** The categories, in catalog order. */
export declare const CATEGORIES: readonly CategoryInfo[];

/** The HTTP status table, sorted by status; success statuses included. */
export declare const STATUSES: readonly StatusInfo[];

/**
 * True for a code this version of the catalog knows.
 *
 * @param value Anything, typically `error.code` of a response body.
 */
export declare function isErrorCode(value: unknown): value is ErrorCode;

/**
 * Whether errors with an HTTP status are retryable when their code does not say: the status
 * table's setting, else true for 429 and 5xx.
 *
 * @param status An HTTP status.
 */
export declare function isRetryableStatus(status: number): boolean;

/**
 * The title of an HTTP status in the catalog's table (e.g. `Not Found`), or `null`.
 *
 * @param status An HTTP status.
 */
export declare function statusTitle(status: number): string | null;
"#;

pub(super) fn module(catalog: &Catalog) -> String {
    let mut out = String::from("// @ts-check\n\n");
    out.push_str(&module_doc(catalog));
    out.push('\n');

    let mut doc = error_code_type_doc(catalog);
    doc.push(String::new());
    doc.push("@typedef {(typeof ErrorCode)[keyof typeof ErrorCode]} ErrorCode".to_owned());
    out.push_str(&jsdoc_block("", &doc));
    out.push('\n');
    out.push_str(&jsdoc_block("", &[ERROR_CODE_OBJECT_DOC.to_owned()]));
    out.push_str("export const ErrorCode = Object.freeze(\n  /** @type {const} */ ({\n");
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
    out.push_str(TYPEDEFS);

    out.push_str("/** Every error code, in catalog order. */\n");
    out.push_str("export const ERROR_CODES = Object.freeze(Object.values(ErrorCode));\n\n");

    out.push_str("/**\n * What the catalog says about each error code.\n *\n");
    out.push_str(" * @type {Readonly<Record<ErrorCode, ErrorCodeInfo>>}\n */\n");
    out.push_str("export const ERROR_CODE_INFO = Object.freeze({\n");
    for code in &catalog.codes {
        let category = &catalog.categories[code.category];
        let field = code.field.as_deref().map_or("null".to_owned(), js_string);
        let _ = write!(
            out,
            "  {name}: Object.freeze({{\n    \
             code: {code},\n    \
             status: {status},\n    \
             message: {message},\n    \
             description: {description},\n    \
             category: {category},\n    \
             field: {field},\n    \
             retryable: {retryable},\n  \
             }}),\n",
            name = code.wire,
            code = js_string(&code.wire),
            status = code.status,
            message = js_string(&code.message),
            description = js_string(&code.description),
            category = js_string(&category.id),
            retryable = code.retryable,
        );
    }
    out.push_str("});\n\n");

    out.push_str("/**\n * The categories, in catalog order.\n *\n");
    out.push_str(" * @type {readonly CategoryInfo[]}\n */\n");
    out.push_str("export const CATEGORIES = Object.freeze([\n");
    for category in &catalog.categories {
        let _ = write!(
            out,
            "  Object.freeze({{\n    \
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
    out.push_str("export const STATUSES = Object.freeze([\n");
    for status in &catalog.statuses {
        let _ = writeln!(
            out,
            "  Object.freeze({{ status: {}, title: {}, retryable: {} }}),",
            status.code,
            js_string(&status.title),
            status.retryable
        );
    }
    out.push_str("]);\n\n");
    out.push_str(FUNCTIONS);
    out
}

const TYPEDEFS: &str = r#"/**
 * What the catalog says about one error code.
 *
 * @typedef {object} ErrorCodeInfo
 * @property {ErrorCode} code The code, as sent on the wire.
 * @property {number} status The HTTP status of responses carrying the code.
 * @property {string} message The default human-readable message sent with the code.
 * @property {string} description What the code means.
 * @property {Category} category The category of the code.
 * @property {string | null} field The request field the code concerns, or `null`.
 * @property {boolean} retryable Whether a client may send the same request again.
 */

/**
 * A category of error codes.
 *
 * @typedef {object} CategoryInfo
 * @property {Category} id Its identifier.
 * @property {string} title Its title.
 * @property {string} description What its codes have in common.
 */

/**
 * A row of the catalog's HTTP status table.
 *
 * @typedef {object} StatusInfo
 * @property {number} status The HTTP status.
 * @property {string} title Its title (e.g. `Not Found`).
 * @property {boolean} retryable Whether errors with this status are retryable unless their code
 *   says otherwise.
 */

"#;

const FUNCTIONS: &str = r#"/** @type {ReadonlyMap<number, StatusInfo>} */
const STATUS_BY_CODE = new Map(STATUSES.map((row) => [row.status, row]));

/**
 * True for a code this version of the catalog knows.
 *
 * @param {unknown} value Anything, typically `error.code` of a response body.
 * @returns {value is ErrorCode}
 */
export function isErrorCode(value) {
  return typeof value === "string" && Object.hasOwn(ERROR_CODE_INFO, value);
}

/**
 * Whether errors with an HTTP status are retryable when their code does not say: the status
 * table's setting, else true for 429 and 5xx.
 *
 * @param {number} status An HTTP status.
 * @returns {boolean}
 */
export function isRetryableStatus(status) {
  const row = STATUS_BY_CODE.get(status);
  return row === undefined ? status === 429 || (status >= 500 && status <= 599) : row.retryable;
}

/**
 * The title of an HTTP status in the catalog's table (e.g. `Not Found`), or `null`.
 *
 * @param {number} status An HTTP status.
 * @returns {string | null}
 */
export function statusTitle(status) {
  return STATUS_BY_CODE.get(status)?.title ?? null;
}
"#;
