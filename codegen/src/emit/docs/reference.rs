//! `docs/errors.md`: the error reference page.
//!
//! Layout: envelope, HTTP status table, one section per category (categories whose codes all
//! concern a request field go under "Field-specific errors"), request id, handling and retry
//! examples, then one section per code ("explain") and the schemas.
//!
//! The per-code columns of the category tables and the facts of each code's section are the
//! attributes of [`CODE_ATTRIBUTES`], written by their [`AttributeType`]: a new attribute shows
//! up in both with no edit here.

use super::examples;
use super::openapi::{self, response_name};
use super::schema::LENIENT_CODE;
use crate::emit::shared::examples::{Examples, envelope as envelope_example};
use crate::emit::shared::header::{self, Comment};
use crate::emit::shared::json::Json;
use crate::emit::shared::markdown::{cell, code_block, code_span, heading, inline, paragraphs};
use crate::model::{
    AttributeType, AttributeValue, CODE_ATTRIBUTES, Catalog, Category, Code, CodeAttribute,
};
use crate::names::docs::{category_anchor, code_anchor, status_anchor};
use crate::names::python::package_name as python_package;

/// The whole page.
pub fn page(catalog: &Catalog) -> String {
    let mut page = Page::default();
    page.block(header::comment(catalog, Comment::Html));
    page.block(format!("# {}: error reference", heading(&catalog.title)));
    page.block(paragraphs(&catalog.description));
    page.block(format!(
        "Version {} of the catalog. Every code below has a stable anchor: link to \
         `errors.md#{}` from a message or a log.",
        inline(&catalog.version),
        code_anchor(&catalog.codes[0].wire),
    ));
    contents(&mut page, catalog);
    envelope(&mut page, catalog);
    statuses(&mut page, catalog);
    categories(&mut page, catalog);
    request_id(&mut page, catalog);
    reading(&mut page);
    without_a_package(&mut page, catalog);
    handling(&mut page, catalog);
    retrying(&mut page, catalog);
    explain(&mut page, catalog);
    retired(&mut page, catalog);
    schemas(&mut page, catalog);
    page.finish()
}

/// Blocks separated by one blank line.
#[derive(Default)]
struct Page {
    text: String,
}

impl Page {
    fn block(&mut self, block: String) {
        if block.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(block.trim_end_matches('\n'));
        self.text.push('\n');
    }

    fn heading(&mut self, level: usize, anchor: &str, title: &str) {
        self.block(format!(
            "{} <a id=\"{anchor}\"></a>{title}",
            "#".repeat(level)
        ));
    }

    fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        let mut text = format!("| {} |\n", header.join(" | "));
        text.push_str(&format!(
            "| {} |\n",
            header.iter().map(|_| "---").collect::<Vec<_>>().join(" | ")
        ));
        for row in rows {
            text.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        self.block(text);
    }

    fn finish(self) -> String {
        self.text
    }
}

/// Categories whose codes all concern a request field, shown as "Field-specific errors".
fn is_field_specific(catalog: &Catalog, index: usize) -> bool {
    let mut codes = catalog.codes_in(index).peekable();
    codes.peek().is_some() && codes.all(|c| c.field.is_some())
}

fn yes_no(retryable: bool) -> &'static str {
    if retryable { "yes" } else { "no" }
}

fn code_link(code: &Code) -> String {
    format!("[`{}`](#{})", code.wire, code_anchor(&code.wire))
}

fn category_link(category: &Category) -> String {
    format!(
        "[{}](#{})",
        heading(&category.title),
        category_anchor(&category.id)
    )
}

fn contents(page: &mut Page, catalog: &Catalog) {
    page.heading(2, "contents", "Contents");
    let sub = |field_specific: bool| {
        catalog
            .categories
            .iter()
            .enumerate()
            .filter(|(i, _)| is_field_specific(catalog, *i) == field_specific)
            .map(|(_, c)| format!("  - {}\n", category_link(c)))
            .collect::<String>()
    };
    let mut list = String::new();
    list.push_str("- [Error envelope](#envelope)\n");
    list.push_str("- [HTTP status codes](#statuses)\n");
    list.push_str("- [Error codes](#codes)\n");
    list.push_str(&sub(false));
    let field_specific = sub(true);
    if !field_specific.is_empty() {
        list.push_str("- [Field-specific errors](#field-specific-errors)\n");
        list.push_str(&field_specific);
    }
    list.push_str("- [Request ID](#request-id)\n");
    list.push_str("- [Reading an error response](#reading)\n");
    list.push_str("- [Without a package](#without-a-package)\n");
    list.push_str("- [Handling errors](#handling)\n");
    list.push_str("- [Retrying](#retrying)\n");
    list.push_str("- [Every code](#explain)\n");
    if !catalog.retired.is_empty() {
        list.push_str("- [Retired codes](#retired-codes)\n");
    }
    list.push_str("- [Schemas](#schemas)\n");
    page.block(list);
}

fn envelope(page: &mut Page, catalog: &Catalog) {
    let envelope = &catalog.envelope;
    page.heading(2, "envelope", "Error envelope");
    page.block(paragraphs(&envelope.description));
    let example = Examples::of(catalog).code;
    page.block(code_block(
        "json",
        &envelope_example(catalog, example).pretty(),
    ));
    let row = |field: &str, kind: &str, required: bool, description: &str| {
        vec![
            format!("`{field}`"),
            kind.to_owned(),
            yes_no(required).to_owned(),
            cell(description),
        ]
    };
    page.table(
        &["Field", "Type", "Always present", "Description"],
        vec![
            row("success", "boolean", true, &envelope.success),
            row("error", "object", true, &envelope.error),
            row("error.code", "string", true, &envelope.code),
            row("error.message", "string", true, &envelope.message),
            row("error.details", "object", false, &envelope.details),
            row("error.details.field", "string", false, &envelope.field),
            row("error.details.issue", "string", false, &envelope.issue),
            row("meta", "object", true, &envelope.meta),
            row("meta.request_id", "string", true, &envelope.request_id),
            row("meta.timestamp", "string", true, &envelope.timestamp),
        ],
    );
}

fn statuses(page: &mut Page, catalog: &Catalog) {
    page.heading(2, "statuses", "HTTP status codes");
    page.block(
        "\"Retryable\" is the default of the codes of a status, which a code may override (see \
         its row), and what clients assume for a code they do not know yet."
            .to_owned(),
    );
    let rows = catalog
        .statuses
        .iter()
        .map(|status| {
            let codes: Vec<String> = catalog
                .codes
                .iter()
                .filter(|c| c.status == status.code)
                .map(code_link)
                .collect();
            vec![
                format!(
                    "<a id=\"{}\"></a>{}",
                    status_anchor(status.code),
                    status.code
                ),
                cell(&status.title),
                if status.is_error() {
                    yes_no(status.retryable).to_owned()
                } else {
                    "—".to_owned()
                },
                if codes.is_empty() {
                    "—".to_owned()
                } else {
                    codes.join(", ")
                },
            ]
        })
        .collect();
    page.table(&["Status", "Title", "Retryable", "Codes"], rows);
}

fn categories(page: &mut Page, catalog: &Catalog) {
    page.heading(2, "codes", "Error codes");
    page.block("One section per category. Each code links to its own section below.".to_owned());
    for field_specific in [false, true] {
        let indices: Vec<usize> = (0..catalog.categories.len())
            .filter(|&i| is_field_specific(catalog, i) == field_specific)
            .collect();
        if field_specific && !indices.is_empty() {
            page.heading(2, "field-specific-errors", "Field-specific errors");
            page.block(
                "These codes concern one request field, named in `error.details.field`.".to_owned(),
            );
        }
        for index in indices {
            category(page, catalog, index);
        }
    }
}

fn category(page: &mut Page, catalog: &Catalog, index: usize) {
    let category = &catalog.categories[index];
    page.heading(3, &category_anchor(&category.id), &heading(&category.title));
    page.block(paragraphs(&category.description));
    let codes: Vec<&Code> = catalog.codes_in(index).collect();
    // The category is the table's own; an optional attribute only when a code of it has one.
    let columns: Vec<&CodeAttribute> = CODE_ATTRIBUTES
        .iter()
        .filter(|attribute| match attribute.ty {
            AttributeType::Category => false,
            AttributeType::OptionalLine => codes
                .iter()
                .any(|code| attribute.of(code) != AttributeValue::OptionalText(None)),
            _ => true,
        })
        .collect();
    let rows = codes
        .iter()
        .map(|code| {
            let cells = columns
                .iter()
                .map(|attribute| table_cell(catalog, attribute.of(code)));
            let mut first = code_link(code);
            if code.deprecated.is_some() {
                first.push_str(" (deprecated)");
            }
            std::iter::once(first).chain(cells).collect()
        })
        .collect();
    let header: Vec<&str> = std::iter::once("Code")
        .chain(columns.iter().map(|attribute| attribute.title))
        .collect();
    page.table(&header, rows);
}

/// One attribute of a code as a table cell.
fn table_cell(catalog: &Catalog, value: AttributeValue) -> String {
    match value {
        AttributeValue::Status(status) => format!("[{status}](#{})", status_anchor(status)),
        AttributeValue::Category(index) => category_link(&catalog.categories[index]),
        AttributeValue::Text(text) => cell(text),
        AttributeValue::OptionalText(text) => text.map(cell).unwrap_or_default(),
        AttributeValue::Flag(flag) => yes_no(flag).to_owned(),
    }
}

/// One attribute of a code as an item of its section's list (`None` when the code has no
/// value); paragraphs are not list items, they follow the list.
fn fact(catalog: &Catalog, attribute: &CodeAttribute, code: &Code) -> Option<String> {
    let value = match attribute.of(code) {
        AttributeValue::Status(status) => {
            let title = catalog
                .status(status)
                .map(|s| format!(" {}", inline(&s.title)))
                .unwrap_or_default();
            format!("[{status}{title}](#{})", status_anchor(status))
        }
        AttributeValue::Category(index) => category_link(&catalog.categories[index]),
        AttributeValue::Text(_) if attribute.ty == AttributeType::Paragraphs => return None,
        AttributeValue::Text(text) => inline(text),
        AttributeValue::OptionalText(text) => inline(text?),
        AttributeValue::Flag(flag) => yes_no(flag).to_owned(),
    };
    Some(format!("- {}: {value}\n", attribute.title))
}

fn request_id(page: &mut Page, catalog: &Catalog) {
    let envelope = &catalog.envelope;
    let code = &catalog.codes[0];
    page.heading(2, "request-id", "Request ID");
    page.block(paragraphs(&envelope.request_id));
    page.block(format!(
        "A server of this catalog sends it twice in every error response: in the `{X_REQUEST_ID}` \
         header and, with the time of the error, in `meta.request_id` and `meta.timestamp` of the \
         envelope (the Rust crate's `stamp_request_ids` middleware stamps them: the request's own \
         `{X_REQUEST_ID}` when it sent one, else a new id). The schemas require both members, and \
         the OpenAPI responses the header."
    ));
    let example = Json::object([
        ("success", Json::Bool(false)),
        (
            "error",
            Json::object([
                ("code", Json::str(&code.wire)),
                ("message", Json::str(&code.message)),
            ]),
        ),
        (
            "meta",
            Json::object([
                ("request_id", Json::str(&envelope.request_id_example)),
                ("timestamp", Json::str(&envelope.timestamp_example)),
            ]),
        ),
    ]);
    page.block(code_block("json", &example.pretty()));
    page.block(format!(
        "The generated packages expose it as `error.requestId` (TypeScript) and \
         `error.request_id` (Python): `meta.request_id`, else the `{X_REQUEST_ID}` header. It is \
         `null` or `None` only for a response that has neither, such as a proxy's own error page."
    ));
}

/// The name of the request id header.
const X_REQUEST_ID: &str = "X-Request-Id";

/// The decision table every package implements (`crate::decision`), in words.
fn reading(page: &mut Page) {
    use crate::decision::{BODY_LIMIT, RETRY_AFTER_LIMIT_SECONDS};
    use crate::rules::{BASE_CLASS, ERROR_STATUSES, FAMILIES, SERVER_ERROR_STATUSES};

    page.heading(2, "reading", "Reading an error response");
    page.block(format!(
        "Every package of this catalog reads an error response (status, headers, body) the same \
         way, never failing on what it receives; `generated/conformance/vectors.json` holds the \
         cases every package is tested against. The body is read up to {BODY_LIMIT} bytes (1 MiB); \
         the rest is ignored. A code of this catalog is called known below."
    ));
    let families: Vec<String> = FAMILIES
        .iter()
        .map(|(status, class)| {
            if *class == crate::rules::SERVER_ERROR_CLASS {
                format!(
                    "`{class}` ({}–{})",
                    SERVER_ERROR_STATUSES.start(),
                    SERVER_ERROR_STATUSES.end()
                )
            } else {
                format!("`{class}` ({status})")
            }
        })
        .collect();
    let rows: Vec<Vec<String>> = [
        ("Class", format!(
            "By the status's family: {}; any other status: `{BASE_CLASS}`. A code's own class \
             (Python) applies only when the code is known and sent with its own status: a 503 \
             carrying a 429 code is a server error.",
            families.join(", ")
        )),
        ("Code", "`error.code` when the body is a JSON object whose `error` is an object with a \
                  string `code`; a code this catalog does not know is kept as the raw code only.".to_owned()),
        ("Message", "The first non-empty string of `error.message`, `error` (as in \
                     `{\"error\": \"Invalid token\"}`) and `message` (`{\"message\": \"…\"}`); else \
                     the catalog's message of the known code; else the status's title in the status \
                     table; else `HTTP status <status>`.".to_owned()),
        ("Request ID", "`meta.request_id` when a non-empty string, else the `X-Request-Id` header.".to_owned()),
        ("Timestamp", "`meta.timestamp` when a string.".to_owned()),
        ("Details", "`error.details` when an object: its `field` and `issue`, each when a string.".to_owned()),
        ("Retryable", format!(
            "Never for a status outside {}–{}; else the known code's flag; else the status's in \
             the status table; else only 429 and 5xx.",
            ERROR_STATUSES.start(),
            ERROR_STATUSES.end()
        )),
        ("Retry-After", format!(
            "Delta-seconds (digits only), or an HTTP-date in any of the three forms of RFC 9110 \
             (`Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`, \
             `Sun Nov  6 08:49:37 1994`), a past date meaning now; anything else, or a wait over \
             {RETRY_AFTER_LIMIT_SECONDS} seconds (one day), is ignored."
        )),
    ]
    .into_iter()
    .map(|(what, rule)| vec![what.to_owned(), rule])
    .collect();
    page.table(&["What", "Rule"], rows);
}

/// The table of [`reading`] in plain words, for a client that uses no package.
fn without_a_package(page: &mut Page, catalog: &Catalog) {
    use crate::decision::RETRY_AFTER_LIMIT_SECONDS;
    use crate::rules::{FAMILIES, summary};

    page.heading(2, "without-a-package", "Without a package");
    page.block(
        "A client in a language with no generated package does what the table above says. In \
         plain words:"
            .to_owned(),
    );
    let families: String = FAMILIES
        .iter()
        .filter_map(|(_, class)| summary(class))
        .map(|line| format!("   - {line}\n"))
        .collect();
    let retryable: Vec<String> = catalog
        .statuses
        .iter()
        .filter(|s| s.is_error() && s.retryable)
        .map(|s| format!("[{0}](#{1})", s.code, status_anchor(s.code)))
        .collect();
    let retryable = if retryable.is_empty() {
        "no status of this catalog".to_owned()
    } else {
        retryable.join(", ")
    };
    page.block(format!(
        "1. Any status from 400 to 599 is an error. Read at most 1 MiB of the body and parse it \
         as JSON. When that fails (a proxy's HTML page, an empty body) you still have the \
         status, which is enough for what follows.\n\
         2. Decide by the status first; it is also the answer for a code you do not know yet:\n\
         {families}\
         3. Retry only what is retryable: the codes marked retryable above (see \
         [Retrying](#retrying)); for a code you do not know, the statuses the [status \
         table](#statuses) marks retryable ({retryable}), and 429 or any 5xx it lacks; and network \
         failures. Wait with exponential backoff \
         and jitter (0.5 s, 1 s, 2 s, … at most 30 s, each a random time between half and all of \
         it) and give up after a few attempts; when the response has a `Retry-After` header, wait \
         exactly that long instead: delta-seconds or an HTTP date, ignoring a wait over \
         {RETRY_AFTER_LIMIT_SECONDS} seconds (one day).\n\
         4. Then, for the finer case, branch on `error.code` when it is a code of this page: its \
         section says what to do. Keep the raw string of any other code for your logs.\n\
         5. Show `error.message` to people; never parse it.\n\
         6. Log the request id, `meta.request_id`, else the `{X_REQUEST_ID}` header, and quote it \
         when you contact support."
    ));
}

fn example_block(page: &mut Page, catalog: &Catalog, name: &str) {
    if let Some(example) = examples::all(catalog).into_iter().find(|e| e.name == name) {
        page.block(code_block(example.language, &example.code));
    }
}

fn handling(page: &mut Page, catalog: &Catalog) {
    let package = &catalog.name;
    let python = python_package(package);
    page.heading(2, "handling", "Handling errors");
    page.block(format!(
        "Use the generated packages rather than parsing the envelope by hand: they turn any error \
         response into a typed error, keep codes added after they were generated (`code` is then \
         `null`/`None` and `rawCode`/`raw_code` holds the string), and know which codes are \
         retryable. TypeScript, with the npm package {}:",
        code_span(package)
    ));
    example_block(page, catalog, "typescript-handling");
    page.block(format!(
        "Python, with the package {} (every code has its own exception class, a subclass of its \
         status's family):",
        code_span(&python)
    ));
    example_block(page, catalog, "python-handling");
}

fn retrying(page: &mut Page, catalog: &Catalog) {
    page.heading(2, "retrying", "Retrying");
    let retryable_statuses: Vec<String> = catalog
        .statuses
        .iter()
        .filter(|s| s.is_error() && s.retryable)
        .map(|s| format!("[{0}](#{1})", s.code, status_anchor(s.code)))
        .collect();
    let retryable_codes: Vec<String> = catalog
        .codes
        .iter()
        .filter(|c| c.retryable)
        .map(code_link)
        .collect();
    let codes = if retryable_codes.is_empty() {
        "No code of this catalog is retryable".to_owned()
    } else {
        format!("Retryable codes: {}", retryable_codes.join(", "))
    };
    let statuses = if retryable_statuses.is_empty() {
        "none".to_owned()
    } else {
        retryable_statuses.join(", ")
    };
    page.block(format!(
        "{codes}. A code this version does not know is retryable when its status is: {statuses}. \
         Network failures are retryable too. Retry with exponential backoff, and wait at least \
         as long as a `Retry-After` header asks. Retrying any other error sends the same failing \
         request again."
    ));
    page.block("TypeScript:".to_owned());
    example_block(page, catalog, "typescript-retry");
    page.block("Python, blocking and async:".to_owned());
    example_block(page, catalog, "python-retry");
}

fn explain(page: &mut Page, catalog: &Catalog) {
    page.heading(2, "explain", "Every code");
    page.block("What each code means, in catalog order.".to_owned());
    for code in &catalog.codes {
        page.heading(3, &code_anchor(&code.wire), &code.wire);
        let mut facts: String = CODE_ATTRIBUTES
            .iter()
            .filter_map(|attribute| fact(catalog, attribute, code))
            .collect();
        if let Some(deprecation) = &code.deprecated {
            facts.push_str(&format!(
                "- Deprecated: since {}{}{}\n",
                inline(&deprecation.since),
                replacement(catalog, deprecation.replaced_by.as_deref()),
                deprecation
                    .note
                    .as_deref()
                    .map(|note| format!(". {}", inline(note)))
                    .unwrap_or_default(),
            ));
        }
        page.block(facts);
        for attribute in CODE_ATTRIBUTES {
            if let (AttributeType::Paragraphs, AttributeValue::Text(text)) =
                (attribute.ty, attribute.of(code))
            {
                page.block(paragraphs(text));
            }
        }
        page.block("A response with this code:".to_owned());
        page.block(code_block("http", &example_response(catalog, code)));
    }
}

/// The seconds of `Retry-After` in the example responses of retryable codes.
pub const EXAMPLE_RETRY_AFTER: u32 = 30;

/// An example response carrying `code`, as a server of this catalog sends it: the status line,
/// the headers of its status's OpenAPI response (`Retry-After` when the code is retryable,
/// `WWW-Authenticate` on 401) and the envelope.
pub fn example_response(catalog: &Catalog, code: &Code) -> String {
    let mut text = format!(
        "HTTP/1.1 {} {}\nContent-Type: application/json\n{X_REQUEST_ID}: {}\n",
        code.status,
        catalog.status_title(code.status),
        catalog.envelope.request_id_example
    );
    if code.retryable {
        text.push_str(&format!("Retry-After: {EXAMPLE_RETRY_AFTER}\n"));
    }
    if code.status == 401 {
        text.push_str("WWW-Authenticate: Bearer\n");
    }
    text.push('\n');
    text.push_str(&envelope_example(catalog, code).pretty());
    text
}

/// `, use [`CODE`](#code) instead` for a replacement, or nothing.
fn replacement(catalog: &Catalog, code: Option<&str>) -> String {
    match code.and_then(|c| catalog.code(c)) {
        Some(code) => format!(", use {} instead", code_link(code)),
        None => String::new(),
    }
}

/// The retired codes, each under its old anchor, so that old links still land on what it was.
fn retired(page: &mut Page, catalog: &Catalog) {
    if catalog.retired.is_empty() {
        return;
    }
    page.heading(2, "retired-codes", "Retired codes");
    page.block(
        "Codes servers no longer send. Their names are never reused; the packages parse them as \
         unknown codes and can still say what they were. Each keeps its anchor, so old links \
         land here."
            .to_owned(),
    );
    for retired in &catalog.retired {
        page.heading(3, &code_anchor(&retired.wire), &retired.wire);
        let status = match catalog.status(retired.status) {
            Some(known) => format!(
                "[{} {}](#{})",
                known.code,
                inline(&known.title),
                status_anchor(known.code)
            ),
            None => retired.status.to_string(),
        };
        let mut facts = format!(
            "- Retired in: {}\n- Last status: {status}\n",
            inline(&retired.since)
        );
        if let Some(code) = retired.replaced_by.as_deref().and_then(|c| catalog.code(c)) {
            facts.push_str(&format!("- Replaced by: {}\n", code_link(code)));
        }
        page.block(facts);
        page.block(paragraphs(&retired.note));
    }
}

fn schemas(page: &mut Page, catalog: &Catalog) {
    page.heading(2, "schemas", "Schemas");
    let first_status = openapi::statuses_with_codes(catalog)
        .first()
        .map(|s| s.code)
        .unwrap_or(catalog.codes[0].status);
    page.block(format!(
        "- [`error-envelope.schema.json`](error-envelope.schema.json): a JSON Schema (draft \
         2020-12) of the envelope.\n\
         - [`openapi.json`](openapi.json): an OpenAPI {} document with no operations, whose \
         `components` hold the envelope's schemas, one schema per status (the envelope with the \
         codes of that status) and one response per status with its headers and an example per \
         code; an API spec refers to them as `openapi.json#/components/responses/{}`.",
        openapi::OPENAPI_VERSION,
        response_name(first_status),
    ));
    page.block(format!(
        "Both are strict: they accept exactly the envelopes a server of this catalog version \
         sends (one of the codes above, `meta` with the request id and timestamp, no other \
         member), to check servers and tests. Clients must not reject a response that fails \
         them: later versions add codes. For clients, both also define `{LENIENT_CODE}`, any \
         string, of which the codes above are the known values; a client generated from the \
         document should type `error.code` with it rather than with the closed `ErrorCode`."
    ));
}
