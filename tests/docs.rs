//! The docs target, read back the way its readers read it: `errors.md` parsed with a Markdown
//! parser (tables, headings, anchors, code blocks, text round-trips), the JSON Schema and the
//! OpenAPI document compiled by a real JSON Schema validator and run against envelopes, for
//! `catalog.toml` and every valid fixture (the escaping one above all).
//!
//! The envelopes the generated Rust crate produces are validated by `cargo xtask test`
//! (`tests/consumers/schema`), which builds that crate.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use codegen::Catalog;
use codegen::emit::docs::{self, examples};
use codegen::model::{AttributeType, AttributeValue, CODE_ATTRIBUTES, Code, CodeAttribute};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};

/// `catalog.toml` and every valid fixture, loaded.
fn catalogs() -> Vec<(String, Catalog)> {
    let root = catalog_tests::root();
    let mut paths = vec![root.join("catalog.toml")];
    let mut fixtures: Vec<PathBuf> = fs::read_dir(root.join("tests/fixtures/valid"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    fixtures.sort();
    paths.extend(fixtures);
    assert!(paths.len() >= 5, "fixtures are missing: {paths:?}");
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("readable");
            let catalog = codegen::load("catalog.toml", &text)
                .unwrap_or_else(|d| panic!("{} is valid:\n{d}", path.display()));
            (path.display().to_string(), catalog)
        })
        .collect()
}

fn file(catalog: &Catalog, path: &str) -> String {
    docs::generate(catalog)
        .expect("generates")
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is generated"))
        .contents
}

// ---------------------------------------------------------------------------------------------
// errors.md

/// What the parser saw in the page.
#[derive(Default, Debug)]
struct Parsed {
    /// Each table: header cells, then rows of cells, as plain text.
    tables: Vec<(Vec<String>, Vec<Vec<String>>)>,
    /// Each heading: level and plain text.
    headings: Vec<(u8, String)>,
    /// Every `id="…"` of inline or block HTML, in order.
    anchors: Vec<String>,
    /// Every in-page link target (`#…`).
    links: Vec<String>,
    /// Fenced code blocks: language and contents.
    code_blocks: Vec<(String, String)>,
    /// Paragraphs as plain text (hard breaks as `\n`), with the heading they follow.
    paragraphs: Vec<(String, String)>,
}

/// Plain text of inline events: text and code spans as they read, `<br>` and hard breaks as
/// `\n`, soft breaks as a space; anchors and links are recorded on the side.
fn parse(markdown: &str) -> Parsed {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_MATH);
    options.insert(Options::ENABLE_GFM);
    let mut parsed = Parsed::default();
    let mut text = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut last_heading = String::new();
    let mut html_block: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::End(TagEnd::HtmlBlock) => {
                let html = html_block.take().unwrap_or_default();
                assert!(
                    html.starts_with("<!--") && html.trim_end().ends_with("-->"),
                    "unexpected HTML block in the page: {html:?}"
                );
            }
            Event::Html(html) if html_block.is_some() => {
                html_block.get_or_insert_default().push_str(&html);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => "(indented)".to_owned(),
                };
                code = Some((language, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                parsed.code_blocks.extend(code.take());
            }
            Event::Text(t) => match &mut code {
                Some((_, body)) => body.push_str(&t),
                None => text.push_str(&t),
            },
            Event::Code(t) => text.push_str(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                panic!("catalog text became math: {t}")
            }
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.trim() == "<br>" {
                    text.push('\n');
                } else if let Some(rest) = html.strip_prefix("<a id=\"") {
                    let id = rest.split('"').next().unwrap_or_default();
                    parsed.anchors.push(id.to_owned());
                } else if html.trim() != "</a>" {
                    panic!("unexpected HTML in the page: {html:?}");
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(anchor) = dest_url.strip_prefix('#') {
                    parsed.links.push(anchor.to_owned());
                }
            }
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell | Tag::Item) => {
                text.clear()
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    other => panic!("unexpected heading level {other:?}"),
                };
                last_heading = text.clone();
                parsed.headings.push((level, std::mem::take(&mut text)));
            }
            Event::End(TagEnd::Paragraph) => {
                parsed
                    .paragraphs
                    .push((last_heading.clone(), std::mem::take(&mut text)));
            }
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut text)),
            Event::End(TagEnd::TableHead) => header = std::mem::take(&mut row),
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => parsed
                .tables
                .push((std::mem::take(&mut header), std::mem::take(&mut rows))),
            Event::Start(Tag::BlockQuote(_)) => panic!("catalog text became a quote"),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Image { .. }) => {
                panic!("catalog text became markup")
            }
            Event::Rule => panic!("catalog text became a thematic break"),
            _ => {}
        }
    }
    parsed
}

/// Text as a table cell must read: line breaks kept as such.
fn as_cell(text: &str) -> String {
    text.to_owned()
}

/// Text as paragraphs read: lines trimmed, blank lines dropped within a paragraph.
fn as_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// How an attribute value reads in a table cell; `None` for an optional value that is absent.
fn table_text(catalog: &Catalog, value: AttributeValue) -> Option<String> {
    Some(match value {
        AttributeValue::Status(status) => status.to_string(),
        AttributeValue::Category(index) => catalog.categories[index].title.clone(),
        AttributeValue::Text(text) => as_cell(text),
        AttributeValue::OptionalText(text) => as_cell(text?),
        AttributeValue::Flag(flag) => yes_no(flag).to_owned(),
    })
}

/// How an attribute reads as an item of a code's section (`Status: 429 Too Many Requests`);
/// `None` for an absent optional value and for paragraphs, which follow the list.
fn fact_text(catalog: &Catalog, attribute: &CodeAttribute, code: &Code) -> Option<String> {
    let value = match attribute.of(code) {
        AttributeValue::Status(status) => {
            format!("{status} {}", catalog.status_title(status))
        }
        AttributeValue::Text(_) if attribute.ty == AttributeType::Paragraphs => return None,
        value => table_text(catalog, value)?,
    };
    Some(format!("{}: {value}", attribute.title))
}

/// The paragraphs of a code's section, after its list: every paragraphs attribute in order.
fn code_paragraphs(code: &Code) -> Vec<String> {
    CODE_ATTRIBUTES
        .iter()
        .filter(|a| a.ty == AttributeType::Paragraphs)
        .flat_map(|a| match a.of(code) {
            AttributeValue::Text(text) => as_paragraphs(text),
            _ => Vec::new(),
        })
        .collect()
}

fn is_field_specific(catalog: &Catalog, index: usize) -> bool {
    let codes: Vec<_> = catalog.codes_in(index).collect();
    !codes.is_empty() && codes.iter().all(|c| c.field.is_some())
}

#[test]
fn every_table_has_one_row_per_catalog_entry_and_cells_read_as_the_catalog_text() {
    for (name, catalog) in catalogs() {
        let parsed = parse(&file(&catalog, "docs/errors.md"));
        let categories: Vec<usize> = (0..catalog.categories.len())
            .filter(|&i| catalog.codes_in(i).next().is_some())
            .collect();
        let (plain, field_specific): (Vec<usize>, Vec<usize>) = categories
            .into_iter()
            .partition(|&i| !is_field_specific(&catalog, i));
        let ordered: Vec<usize> = plain.into_iter().chain(field_specific).collect();
        assert_eq!(
            parsed.tables.len(),
            3 + ordered.len(),
            "{name}: envelope, statuses, one table per category, the reading rules"
        );
        let (header, rows) = parsed.tables.last().expect("the reading rules");
        assert_eq!(header, &["What", "Rule"], "{name}");
        let what: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
        assert_eq!(
            what,
            [
                "Class",
                "Code",
                "Message",
                "Request ID",
                "Timestamp",
                "Details",
                "Retryable",
                "Retry-After"
            ],
            "{name}"
        );

        // The envelope's fields.
        let (header, rows) = &parsed.tables[0];
        assert_eq!(header[0], "Field", "{name}");
        let e = &catalog.envelope;
        let expected = [
            ("success", &e.success),
            ("error", &e.error),
            ("error.code", &e.code),
            ("error.message", &e.message),
            ("error.details", &e.details),
            ("error.details.field", &e.field),
            ("error.details.issue", &e.issue),
            ("meta", &e.meta),
            ("meta.request_id", &e.request_id),
            ("meta.timestamp", &e.timestamp),
        ];
        assert_eq!(rows.len(), expected.len(), "{name}");
        for (row, (field, description)) in rows.iter().zip(expected) {
            assert_eq!(row.len(), header.len(), "{name}: {row:?}");
            assert_eq!(row[0], field, "{name}");
            assert_eq!(row[3], as_cell(description), "{name}");
        }

        // The status table: every status, its title and retryability.
        let (header, rows) = &parsed.tables[1];
        assert_eq!(header, &["Status", "Title", "Retryable", "Codes"], "{name}");
        assert_eq!(rows.len(), catalog.statuses.len(), "{name}");
        for (row, status) in rows.iter().zip(&catalog.statuses) {
            assert_eq!(row.len(), header.len(), "{name}: {row:?}");
            assert_eq!(row[0], status.code.to_string(), "{name}");
            assert_eq!(row[1], as_cell(&status.title), "{name}");
            let retryable = if status.is_error() {
                yes_no(status.retryable)
            } else {
                "—"
            };
            assert_eq!(row[2], retryable, "{name}");
            let codes: Vec<&str> = catalog
                .codes
                .iter()
                .filter(|c| c.status == status.code)
                .map(|c| c.wire.as_str())
                .collect();
            let shown = if codes.is_empty() {
                "—".to_owned()
            } else {
                codes.join(", ")
            };
            assert_eq!(row[3], shown, "{name}");
        }

        // One table per category, each code in exactly one row: its link, then every attribute
        // but the category (the table's own), an optional one only when a code of it has one.
        let mut seen = 0;
        for (table, &index) in parsed.tables[2..].iter().zip(&ordered) {
            let (header, rows) = table;
            let codes: Vec<&Code> = catalog.codes_in(index).collect();
            assert_eq!(rows.len(), codes.len(), "{name}: category {index}");
            let columns: Vec<&CodeAttribute> = CODE_ATTRIBUTES
                .iter()
                .filter(|a| a.ty != AttributeType::Category)
                .filter(|a| {
                    codes
                        .iter()
                        .any(|c| table_text(&catalog, a.of(c)).is_some())
                })
                .collect();
            let mut expected_header = vec!["Code"];
            expected_header.extend(columns.iter().map(|a| a.title));
            assert_eq!(header, &expected_header, "{name}");
            for (row, code) in rows.iter().zip(codes) {
                // A deprecated code is marked beside its name.
                let mut expected = vec![if code.deprecated.is_some() {
                    format!("{} (deprecated)", code.wire)
                } else {
                    code.wire.clone()
                }];
                expected.extend(
                    columns
                        .iter()
                        .map(|a| table_text(&catalog, a.of(code)).unwrap_or_default()),
                );
                assert_eq!(row, &expected, "{name}");
                seen += 1;
            }
        }
        assert_eq!(seen, catalog.codes.len(), "{name}");
    }
}

#[test]
fn headings_are_the_sections_categories_and_codes_and_nothing_else() {
    for (name, catalog) in catalogs() {
        let parsed = parse(&file(&catalog, "docs/errors.md"));
        let mut expected = vec![(1, format!("{}: error reference", catalog.title))];
        let section = |title: &str| (2, title.to_owned());
        expected.extend([
            section("Contents"),
            section("Error envelope"),
            section("HTTP status codes"),
            section("Error codes"),
        ]);
        let with_codes: Vec<usize> = (0..catalog.categories.len())
            .filter(|&i| catalog.codes_in(i).next().is_some())
            .collect();
        for &i in with_codes
            .iter()
            .filter(|&&i| !is_field_specific(&catalog, i))
        {
            expected.push((3, catalog.categories[i].title.clone()));
        }
        let field_specific: Vec<usize> = with_codes
            .iter()
            .copied()
            .filter(|&i| is_field_specific(&catalog, i))
            .collect();
        if !field_specific.is_empty() {
            expected.push(section("Field-specific errors"));
        }
        for i in field_specific {
            expected.push((3, catalog.categories[i].title.clone()));
        }
        expected.extend([
            section("Request ID"),
            section("Reading an error response"),
            section("Without a package"),
            section("Handling errors"),
            section("Retrying"),
            section("Every code"),
        ]);
        expected.extend(catalog.codes.iter().map(|c| (3, c.wire.clone())));
        if !catalog.retired.is_empty() {
            expected.push(section("Retired codes"));
            expected.extend(catalog.retired.iter().map(|r| (3, r.wire.clone())));
        }
        expected.push(section("Schemas"));
        assert_eq!(parsed.headings, expected, "{name}");
    }
}

#[test]
fn every_code_category_and_status_has_a_unique_anchor_and_every_link_resolves() {
    for (name, catalog) in catalogs() {
        let parsed = parse(&file(&catalog, "docs/errors.md"));
        let anchors: BTreeSet<&str> = parsed.anchors.iter().map(String::as_str).collect();
        assert_eq!(
            anchors.len(),
            parsed.anchors.len(),
            "{name}: duplicate anchors"
        );
        for code in &catalog.codes {
            let anchor = code.wire.to_lowercase();
            assert!(anchors.contains(anchor.as_str()), "{name}: {anchor}");
        }
        for category in catalog
            .categories
            .iter()
            .enumerate()
            .filter(|(i, _)| catalog.codes_in(*i).next().is_some())
        {
            let anchor = format!("category-{}", category.1.id.replace('_', "-"));
            assert!(anchors.contains(anchor.as_str()), "{name}: {anchor}");
        }
        for status in &catalog.statuses {
            assert!(
                anchors.contains(format!("status-{}", status.code).as_str()),
                "{name}"
            );
        }
        for code in &catalog.retired {
            let anchor = code.wire.to_lowercase();
            assert!(anchors.contains(anchor.as_str()), "{name}: {anchor}");
        }
        for section in codegen::names::docs::SECTION_ANCHORS {
            let optional = match *section {
                "field-specific-errors" => true,
                "retired-codes" => catalog.retired.is_empty(),
                _ => false,
            };
            if !optional {
                assert!(anchors.contains(section), "{name}: {section}");
            }
        }
        assert!(!parsed.links.is_empty());
        for link in &parsed.links {
            assert!(
                anchors.contains(link.as_str()),
                "{name}: broken link #{link}"
            );
        }
    }
}

#[test]
fn code_blocks_are_the_envelope_examples_and_the_package_examples_verbatim() {
    for (name, catalog) in catalogs() {
        let parsed = parse(&file(&catalog, "docs/errors.md"));
        let languages: Vec<&str> = parsed.code_blocks.iter().map(|(l, _)| l.as_str()).collect();
        let mut expected = vec!["json", "json", "ts", "python", "ts", "python"];
        // Then an example response in each code's section.
        expected.extend(catalog.codes.iter().map(|_| "http"));
        assert_eq!(languages, expected, "{name}");
        for (block, code) in parsed.code_blocks[6..].iter().zip(&catalog.codes) {
            assert_example_response(&catalog, code, &block.1, &name);
        }
        for (block, example) in parsed.code_blocks[2..6].iter().zip(examples::all(&catalog)) {
            assert_eq!(block.1, example.code, "{name}: {}", example.name);
        }
        // The envelope example is JSON with the example request id, as the catalog spells it.
        let envelope: Value = serde_json::from_str(&parsed.code_blocks[0].1).expect("JSON");
        assert_eq!(envelope["success"], json!(false), "{name}");
        assert_eq!(
            envelope["meta"]["request_id"],
            json!(catalog.envelope.request_id_example),
            "{name}"
        );
        let request_id: Value = serde_json::from_str(&parsed.code_blocks[1].1).expect("JSON");
        assert_eq!(
            request_id["meta"]["request_id"],
            json!(catalog.envelope.request_id_example),
            "{name}"
        );
        // The examples use codes of this catalog only.
        let handling = &parsed.code_blocks[2].1;
        for quoted in handling.split("case \"").skip(1) {
            let code = quoted.split('"').next().unwrap_or_default();
            assert!(
                catalog.codes.iter().any(|c| c.wire == code),
                "{name}: {code}"
            );
        }
    }
}

/// The example response of a code's section: the status line, the headers a server of the
/// catalog sends with it, a blank line and the envelope, all read back from the text.
fn assert_example_response(catalog: &Catalog, code: &Code, text: &str, name: &str) {
    let (head, body) = text
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("{name}: {}: no blank line after the headers", code.wire));
    let mut lines = head.lines();
    let title = &catalog
        .statuses
        .iter()
        .find(|s| s.code == code.status)
        .expect("status")
        .title;
    assert_eq!(
        lines.next(),
        Some(format!("HTTP/1.1 {} {title}", code.status).as_str()),
        "{name}: {}",
        code.wire
    );
    let headers: BTreeMap<&str, &str> = lines
        .map(|line| line.split_once(": ").expect("a header line"))
        .collect();
    let mut expected = BTreeMap::from([
        ("Content-Type", "application/json"),
        ("X-Request-Id", catalog.envelope.request_id_example.as_str()),
    ]);
    if code.retryable {
        expected.insert("Retry-After", "30");
    }
    if code.status == 401 {
        expected.insert("WWW-Authenticate", "Bearer");
    }
    assert_eq!(headers, expected, "{name}: {}", code.wire);
    let body: Value = serde_json::from_str(body).expect("the body is JSON");
    let details = code.field.as_ref().map(|field| json!({ "field": field }));
    assert_eq!(
        body,
        envelope(&code.wire, &code.message, details, Some(meta(catalog))),
        "{name}: {}",
        code.wire
    );
}

#[test]
fn descriptions_read_back_as_the_catalog_wrote_them() {
    for (name, catalog) in catalogs() {
        let parsed = parse(&file(&catalog, "docs/errors.md"));
        let paragraphs_after = |heading: &str| -> Vec<String> {
            parsed
                .paragraphs
                .iter()
                .filter(|(h, _)| h == heading)
                .map(|(_, p)| p.clone())
                .collect()
        };
        for code in &catalog.codes {
            // The code's section: its facts list, then its description, then the example
            // response's introduction.
            let mut expected = code_paragraphs(code);
            expected.push("A response with this code:".to_owned());
            assert_eq!(
                paragraphs_after(&code.wire),
                expected,
                "{name}: {}",
                code.wire
            );
        }
        for category in &catalog.categories {
            let found = paragraphs_after(&category.title);
            if !found.is_empty() {
                assert_eq!(found, as_paragraphs(&category.description), "{name}");
            }
        }
        let title = format!("{}: error reference", catalog.title);
        let intro = paragraphs_after(&title);
        let description = as_paragraphs(&catalog.description);
        assert_eq!(intro[..description.len()], description[..], "{name}");
        assert_eq!(
            paragraphs_after("Error envelope"),
            as_paragraphs(&catalog.envelope.description),
            "{name}"
        );
    }
}

#[test]
fn each_code_section_lists_every_attribute_of_the_code_but_its_paragraphs() {
    for (name, catalog) in catalogs() {
        let markdown = file(&catalog, "docs/errors.md");
        let mut items: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut heading = String::new();
        let mut text = String::new();
        let mut in_heading = false;
        for event in Parser::new_ext(&markdown, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Heading { .. }) => {
                    in_heading = true;
                    text.clear();
                }
                Event::End(TagEnd::Heading(_)) => {
                    in_heading = false;
                    heading = std::mem::take(&mut text);
                }
                Event::Start(Tag::Item) => text.clear(),
                Event::End(TagEnd::Item) => items
                    .entry(heading.clone())
                    .or_default()
                    .push(std::mem::take(&mut text)),
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
            let _ = in_heading;
        }
        for code in &catalog.codes {
            let mut expected: Vec<String> = CODE_ATTRIBUTES
                .iter()
                .filter_map(|attribute| fact_text(&catalog, attribute, code))
                .collect();
            // A deprecated code says so last, with its replacement and note.
            if let Some(deprecation) = &code.deprecated {
                let mut fact = format!("Deprecated: since {}", deprecation.since);
                if let Some(replacement) = &deprecation.replaced_by {
                    fact.push_str(&format!(", use {replacement} instead"));
                }
                if let Some(note) = &deprecation.note {
                    fact.push_str(&format!(". {note}"));
                }
                expected.push(fact);
            }
            assert_eq!(items.get(&code.wire), Some(&expected), "{name}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Schemas

/// An envelope as the generated crates write it: `details` and `meta` only when set.
fn envelope(code: &str, message: &str, details: Option<Value>, meta: Option<Value>) -> Value {
    let mut error = json!({ "code": code, "message": message });
    if let Some(details) = details {
        error["details"] = details;
    }
    let mut envelope = json!({ "success": false, "error": error });
    if let Some(meta) = meta {
        envelope["meta"] = meta;
    }
    envelope
}

/// The `meta` a server of the catalog stamps on every envelope: the request id and the time.
fn meta(catalog: &Catalog) -> Value {
    json!({
        "request_id": catalog.envelope.request_id_example,
        "timestamp": catalog.envelope.timestamp_example,
    })
}

/// Every shape of envelope a server may send for each code of the catalog: always with `meta`,
/// which the server's middleware stamps (`stamp_request_ids`).
fn envelopes(catalog: &Catalog) -> Vec<(String, u16, Value)> {
    let mut out = Vec::new();
    for code in &catalog.codes {
        let field = code.field.clone().unwrap_or_else(|| "prompt".to_owned());
        for (details, meta) in [
            (None, meta(catalog)),
            (Some(json!({ "field": field })), meta(catalog)),
            (
                Some(json!({ "field": field, "issue": "out of range \"|\" ✓" })),
                meta(catalog),
            ),
            (
                Some(json!({})),
                json!({ "request_id": "req_1", "timestamp": "2030-12-31T23:59:59.123Z" }),
            ),
        ] {
            out.push((
                code.wire.clone(),
                code.status,
                envelope(&code.wire, &code.message, details, Some(meta)),
            ));
        }
    }
    out
}

/// Envelopes no server of the catalog sends, each with why.
fn malformed(catalog: &Catalog) -> Vec<(&'static str, Value)> {
    let code = &catalog.codes[0];
    let good = envelope(&code.wire, &code.message, None, Some(meta(catalog)));
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        v
    };
    let mut unknown = format!("{}_UNKNOWN", code.wire);
    while catalog.codes.iter().any(|c| c.wire == unknown) {
        unknown.push('X');
    }
    vec![
        ("success is true", edit(&|v| v["success"] = json!(true))),
        (
            "success is a string",
            edit(&|v| v["success"] = json!("false")),
        ),
        (
            "success is missing",
            edit(&|v| {
                v.as_object_mut().expect("object").remove("success");
            }),
        ),
        ("unknown top-level key", edit(&|v| v["data"] = json!(null))),
        (
            "error is missing",
            edit(&|v| {
                v.as_object_mut().expect("object").remove("error");
            }),
        ),
        (
            "code is missing",
            edit(&|v| {
                v["error"].as_object_mut().expect("object").remove("code");
            }),
        ),
        (
            "message is missing",
            edit(&|v| {
                v["error"]
                    .as_object_mut()
                    .expect("object")
                    .remove("message");
            }),
        ),
        (
            "unknown code",
            edit(&|v| v["error"]["code"] = json!(unknown)),
        ),
        (
            "lowercase code",
            edit(&|v| v["error"]["code"] = json!(code.wire.to_lowercase())),
        ),
        (
            "code is a number",
            edit(&|v| v["error"]["code"] = json!(429)),
        ),
        (
            "unknown key in error",
            edit(&|v| v["error"]["type"] = json!("x")),
        ),
        (
            "details.field is a number",
            edit(&|v| v["error"]["details"] = json!({ "field": 1 })),
        ),
        (
            "request_id is a number",
            edit(&|v| v["meta"]["request_id"] = json!(1)),
        ),
        ("meta is a string", edit(&|v| v["meta"] = json!("req_1"))),
        (
            "meta is missing",
            edit(&|v| {
                v.as_object_mut().expect("object").remove("meta");
            }),
        ),
        (
            "meta has no request id",
            edit(&|v| {
                v["meta"]
                    .as_object_mut()
                    .expect("object")
                    .remove("request_id");
            }),
        ),
        (
            "meta has no timestamp",
            edit(&|v| {
                v["meta"]
                    .as_object_mut()
                    .expect("object")
                    .remove("timestamp");
            }),
        ),
        ("not an object", json!([good.clone()])),
    ]
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema)
        .unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
}

#[test]
fn envelope_schema_is_valid_draft_2020_12_with_every_code() {
    for (name, catalog) in catalogs() {
        let schema: Value =
            serde_json::from_str(&file(&catalog, "docs/error-envelope.schema.json"))
                .expect("the schema is JSON");
        jsonschema::draft202012::meta::validate(&schema)
            .unwrap_or_else(|e| panic!("{name}: not a valid 2020-12 schema: {e}"));
        assert_eq!(
            schema["$schema"],
            json!("https://json-schema.org/draft/2020-12/schema")
        );
        assert_eq!(schema["additionalProperties"], json!(false), "{name}");
        assert_eq!(schema["properties"]["success"]["const"], json!(false));
        let codes: Vec<&str> = catalog.codes.iter().map(|c| c.wire.as_str()).collect();
        assert_eq!(schema["$defs"]["ErrorCode"]["enum"], json!(codes), "{name}");
        let comment = schema["$comment"].as_str().expect("$comment");
        assert!(comment.starts_with("@generated by `cargo xtask gen`"));
        // Its own examples validate.
        let validator = validator(&schema);
        for example in schema["examples"].as_array().expect("examples") {
            assert!(validator.is_valid(example), "{name}: {example}");
        }
    }
}

#[test]
fn envelope_schema_accepts_every_envelope_of_every_code_and_rejects_malformed_ones() {
    for (name, catalog) in catalogs() {
        let schema: Value =
            serde_json::from_str(&file(&catalog, "docs/error-envelope.schema.json")).expect("JSON");
        let validator = validator(&schema);
        for (code, _, envelope) in envelopes(&catalog) {
            if let Err(e) = validator.validate(&envelope) {
                panic!("{name}: {code}: {envelope} rejected: {e}");
            }
        }
        for (why, envelope) in malformed(&catalog) {
            assert!(
                !validator.is_valid(&envelope),
                "{name}: accepted an envelope where {why}: {envelope}"
            );
        }
    }
}

/// A validator for a schema inside the OpenAPI document, reached by a JSON pointer: the
/// document itself becomes the schema root, so its `$ref`s resolve as in the document.
fn openapi_validator(document: &Value, pointer: &str) -> jsonschema::Validator {
    let mut root = document.clone();
    let object = root.as_object_mut().expect("object");
    object.insert(
        "$schema".to_owned(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    object.insert("$ref".to_owned(), json!(format!("#{pointer}")));
    assert!(
        document.pointer(pointer).is_some(),
        "{pointer} is not in the document"
    );
    validator(&root)
}

#[test]
fn openapi_document_is_openapi_3_1_with_the_envelope_and_one_response_per_status() {
    for (name, catalog) in catalogs() {
        let document: Value =
            serde_json::from_str(&file(&catalog, "docs/openapi.json")).expect("JSON");
        let keys: Vec<&str> = document
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "x-generated",
                "openapi",
                "info",
                "jsonSchemaDialect",
                "paths",
                "components"
            ],
            "{name}"
        );
        // No operation: a components library for an API's own document.
        assert_eq!(document["paths"], json!({}), "{name}");
        assert!(
            document["openapi"]
                .as_str()
                .expect("openapi")
                .starts_with("3.1."),
            "{name}"
        );
        assert_eq!(document["info"]["title"], json!(catalog.title), "{name}");
        assert_eq!(document["info"]["version"], json!(catalog.version));
        let schemas = document["components"]["schemas"]
            .as_object()
            .expect("schemas");
        for schema in [
            "ErrorEnvelope",
            "ErrorBody",
            "ErrorCode",
            "LenientErrorCode",
            "ErrorDetails",
            "ErrorMeta",
        ] {
            assert!(schemas.contains_key(schema), "{name}: {schema}");
            jsonschema::draft202012::meta::validate(&schemas[schema])
                .unwrap_or_else(|e| panic!("{name}: {schema} is not a 2020-12 schema: {e}"));
        }
        let responses: Vec<&str> = document["components"]["responses"]
            .as_object()
            .expect("responses")
            .keys()
            .map(String::as_str)
            .collect();
        let mut statuses: Vec<u16> = catalog.codes.iter().map(|c| c.status).collect();
        statuses.sort_unstable();
        statuses.dedup();
        let expected: Vec<String> = statuses.iter().map(|s| format!("Error{s}")).collect();
        assert_eq!(responses, expected, "{name}");
        for status in statuses {
            let response = &document["components"]["responses"][format!("Error{status}")];
            assert!(
                response["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty())
            );
            let examples = response["content"]["application/json"]["examples"]
                .as_object()
                .expect("examples");
            // One example, of the status's first code.
            let first = catalog.codes.iter().find(|c| c.status == status);
            assert_eq!(
                examples.keys().map(String::as_str).collect::<Vec<_>>(),
                first
                    .map(|c| c.wire.as_str())
                    .into_iter()
                    .collect::<Vec<_>>(),
                "{name}"
            );
        }
    }
}

#[test]
fn openapi_schemas_accept_the_envelopes_of_their_status_and_reject_the_others() {
    for (name, catalog) in catalogs() {
        let document: Value =
            serde_json::from_str(&file(&catalog, "docs/openapi.json")).expect("JSON");
        let envelope_schema = openapi_validator(&document, "/components/schemas/ErrorEnvelope");
        let mut by_status: BTreeMap<u16, jsonschema::Validator> = BTreeMap::new();
        for (code, status, envelope) in envelopes(&catalog) {
            assert!(
                envelope_schema.is_valid(&envelope),
                "{name}: {code} rejected by ErrorEnvelope"
            );
            let response = by_status.entry(status).or_insert_with(|| {
                openapi_validator(
                    &document,
                    &format!(
                        "/components/responses/Error{status}/content/application~1json/schema"
                    ),
                )
            });
            assert!(
                response.is_valid(&envelope),
                "{name}: {code} rejected by Error{status}"
            );
        }
        for (status, response) in &by_status {
            for code in catalog.codes.iter().filter(|c| c.status != *status) {
                let envelope = envelope(&code.wire, &code.message, None, Some(meta(&catalog)));
                assert!(
                    !response.is_valid(&envelope),
                    "{name}: Error{status} accepted {}",
                    code.wire
                );
            }
        }
        for (why, envelope) in malformed(&catalog) {
            assert!(
                !envelope_schema.is_valid(&envelope),
                "{name}: ErrorEnvelope accepted an envelope where {why}"
            );
        }
        // The examples of every response validate against that response.
        for (status, response) in &by_status {
            let examples = &document["components"]["responses"][format!("Error{status}")]["content"]
                ["application/json"]["examples"];
            for (code, example) in examples.as_object().expect("examples") {
                assert!(
                    response.is_valid(&example["value"]),
                    "{name}: example {code} of Error{status}"
                );
            }
        }
    }
}

#[test]
fn the_request_id_is_promised_alike_by_the_page_the_schemas_and_the_responses() {
    for (name, catalog) in catalogs() {
        // The page's envelope table: `meta` and both its members are always present.
        let parsed = parse(&file(&catalog, "docs/errors.md"));
        let (_, rows) = parsed
            .tables
            .iter()
            .find(|(header, _)| header.first().map(String::as_str) == Some("Field"))
            .expect("the envelope table");
        for field in ["meta", "meta.request_id", "meta.timestamp"] {
            let row = rows
                .iter()
                .find(|row| row[0] == field)
                .unwrap_or_else(|| panic!("{name}: no row {field}"));
            assert_eq!(row[2], "yes", "{name}: {field} is not always present");
        }
        // The JSON Schema and the OpenAPI document require them.
        let schema: Value =
            serde_json::from_str(&file(&catalog, "docs/error-envelope.schema.json")).expect("JSON");
        let openapi: Value =
            serde_json::from_str(&file(&catalog, "docs/openapi.json")).expect("JSON");
        for (defs, envelope) in [
            (&schema["$defs"], &schema),
            (
                &openapi["components"]["schemas"],
                &openapi["components"]["schemas"]["ErrorEnvelope"],
            ),
        ] {
            assert!(
                envelope["required"]
                    .as_array()
                    .expect("required")
                    .contains(&json!("meta")),
                "{name}"
            );
            assert_eq!(
                defs["ErrorMeta"]["required"],
                json!(["request_id", "timestamp"]),
                "{name}"
            );
        }
        // Every response requires the header, and its examples carry the id.
        for (status, response) in openapi["components"]["responses"]
            .as_object()
            .expect("responses")
        {
            assert_eq!(
                response["headers"]["X-Request-Id"]["required"],
                json!(true),
                "{name}: {status}"
            );
        }
        // The page says both places, and names the middleware that stamps them.
        let request_id_section: Vec<&String> = parsed
            .paragraphs
            .iter()
            .filter(|(heading, _)| heading == "Request ID")
            .map(|(_, text)| text)
            .collect();
        assert!(
            request_id_section.iter().any(|p| p.contains("X-Request-Id")
                && p.contains("meta.request_id")
                && p.contains("stamp_request_ids")),
            "{name}: {request_id_section:?}"
        );
    }
}

#[test]
fn the_lenient_code_takes_any_string_and_the_strict_one_only_the_catalog_codes() {
    for (name, catalog) in catalogs() {
        let schema: Value =
            serde_json::from_str(&file(&catalog, "docs/error-envelope.schema.json")).expect("JSON");
        let openapi: Value =
            serde_json::from_str(&file(&catalog, "docs/openapi.json")).expect("JSON");
        let mut strict_and_lenient = Vec::new();
        for (root, key, prefix) in [
            (&schema, "$defs", "/$defs/"),
            (&openapi, "components", "/components/schemas/"),
        ] {
            // A schema that is just a reference to the definition, beside the definitions.
            let validator_at = |definition: &str| {
                validator(&json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$ref": format!("#{prefix}{definition}"),
                    key: root[key],
                }))
            };
            strict_and_lenient.push((validator_at("ErrorCode"), validator_at("LenientErrorCode")));
        }
        let mut newer = "A_CODE_FROM_A_LATER_VERSION".to_owned();
        while catalog.codes.iter().any(|c| c.wire == newer) {
            newer.push('X');
        }
        for (strict, lenient) in &strict_and_lenient {
            for code in &catalog.codes {
                assert!(strict.is_valid(&json!(code.wire)), "{name}: {}", code.wire);
                assert!(lenient.is_valid(&json!(code.wire)), "{name}: {}", code.wire);
            }
            assert!(!strict.is_valid(&json!(newer)), "{name}");
            assert!(lenient.is_valid(&json!(newer)), "{name}");
            assert!(!lenient.is_valid(&json!(429)), "{name}");
        }
    }
}

#[test]
fn the_readme_names_category_anchors_as_the_page_writes_them() {
    let root = catalog_tests::root();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let catalog = codegen::load(
        "catalog.toml",
        &fs::read_to_string(root.join("catalog.toml")).expect("catalog.toml"),
    )
    .expect("catalog.toml loads");
    let page = parse(&file(&catalog, "docs/errors.md"));
    // The page generated from catalog.toml has the anchor the rule gives each category, and
    // the README's example of the rule (`id` → `#category-…`, an id of the seed catalog that
    // catalog.toml need not keep) is the rule.
    for category in &catalog.categories {
        let anchor = codegen::names::docs::category_anchor(&category.id);
        assert!(page.anchors.contains(&anchor), "errors.md lacks #{anchor}");
    }
    let example = readme
        .split_once("`rate_limit` → `#category-")
        .map(|(_, rest)| rest.split('`').next().unwrap_or_default())
        .expect("README.md shows what `rate_limit` becomes");
    assert_eq!(
        format!("category-{example}"),
        codegen::names::docs::category_anchor("rate_limit")
    );
}
