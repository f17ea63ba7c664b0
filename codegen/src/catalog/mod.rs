//! Loading a catalog: TOML text → serde mirror structs → validation → [`Catalog`].
//!
//! The format of `catalog.toml` (format 1):
//!
//! ```toml
//! format = 1                       # version of this file format
//!
//! [catalog]                        # names and versions every generated package
//! name = "ai-api-errors"
//! version = "1.0.0"
//! title = "AI API errors"
//! description = "..."
//! # license = "MIT OR Apache-2.0"   # optional publishing keys, used by every package manifest
//! # repository = "https://github.com/you/errors"
//! # homepage = "https://example.com/docs/errors"
//! # authors = ["Jane Doe <jane@example.com>"]
//! # keywords = ["errors", "api"]
//!
//! [statuses]                       # the HTTP status table, success statuses included
//! 400 = { title = "Bad Request" }
//! 429 = { title = "Rate Limit Exceeded", retryable = true }   # default: 429 and 5xx
//!
//! [categories.authentication]      # groups of codes, in the order the docs show them
//! title = "Authentication Errors"
//! description = "..."
//!
//! [codes.MISSING_API_KEY]          # one small table per code, in catalog order
//! status = 401
//! category = "authentication"
//! message = "API key is required"
//! description = "No API key provided in request"
//! # field = "prompt"               # the request field the code concerns, if any
//! # retryable = false              # overrides the status's default
//!
//! [envelope]                       # documentation of the error envelope
//! ...
//! ```

mod evolution;
mod metadata;
pub mod raw;
mod unit;
mod validate;

use std::ops::Range;

use toml::de::DeTable;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Catalog;

pub use unit::nearest;

/// The catalog format version this generator reads.
pub const FORMAT: i64 = 1;

/// Loads and validates a catalog. `source_name` is how the file is named in diagnostics (its path
/// as the user gave it); generated headers name only its file name. On failure, returns every
/// problem found.
pub fn load(source_name: &str, text: &str) -> Result<Catalog, Diagnostics> {
    let file_name = source_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(source_name);
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut diags = Vec::new();
    let mut only_duplicates = true;
    let mut lines_with_errors = Vec::new();
    let mut duplicates = Vec::new();
    for error in &errors {
        let span = error.span().unwrap_or(text.len()..text.len());
        if error.message() == "duplicate key" {
            duplicates.push(span);
        } else {
            only_duplicates = false;
            // One syntax error per line: the parser's recovery reports follow-on errors that
            // only repeat the first.
            let line = crate::diagnostics::line_col(text, span.start).0;
            if !lines_with_errors.contains(&line) {
                lines_with_errors.push(line);
                diags.push(syntax_error(error.message(), span));
            }
        }
    }
    diags.extend(duplicate_keys(text, &duplicates));
    // Duplicates leave a well-formed document (the first definition wins), so the rest of the
    // catalog is still checked; after any other syntax error the tree cannot be trusted.
    let catalog = if only_duplicates {
        validate::validate(file_name, &root, &mut diags)
    } else {
        None
    };
    match catalog {
        Some(catalog) if diags.is_empty() => Ok(catalog),
        _ => {
            if diags.is_empty() {
                diags.push(Diagnostic::file_error("the catalog could not be read"));
            }
            Err(Diagnostics::new(source_name, text, diags))
        }
    }
}

fn syntax_error(message: &str, span: Range<usize>) -> Diagnostic {
    let message = message.trim_end_matches('.');
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let diagnostic = Diagnostic::error(format!("invalid TOML: {what}"), span);
    match expected {
        Some(expected) => diagnostic.label(format!("expected {expected}")),
        None => diagnostic,
    }
    .note("the catalog must be valid TOML (https://toml.io) before it can be checked further")
}

/// The line of text around a byte offset: (start offset of the line, the line).
fn line_at(text: &str, offset: usize) -> (usize, &str) {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    (start, text[start..].lines().next().unwrap_or_default())
}

/// The dotted path of a table header line such as `[codes.X]` or `[[a.b]]`.
fn header_path(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let inner = line.strip_prefix('[')?.trim_start_matches('[');
    let inner = inner.split(']').next()?;
    Some(
        inner
            .split('.')
            .map(|part| {
                part.trim()
                    .trim_matches(|c| c == '"' || c == '\'')
                    .to_owned()
            })
            .collect(),
    )
}

/// The start of the header line of the table section holding `offset`, if any.
fn section_start(text: &str, offset: usize) -> Option<usize> {
    let mut position = offset.min(text.len());
    loop {
        let (start, line) = line_at(text, position);
        if line.trim_start().starts_with('[') {
            return Some(start);
        }
        if start == 0 {
            return None;
        }
        position = start - 1;
    }
}

/// Turns the parser's "duplicate key" errors into one diagnostic per duplicated key or table,
/// pointing at both definitions. The keys inside a duplicated table are not reported again.
fn duplicate_keys(text: &str, spans: &[Range<usize>]) -> Vec<Diagnostic> {
    let duplicate_headers: Vec<usize> = spans
        .iter()
        .map(|span| line_at(text, span.start))
        .filter(|(_, line)| line.trim_start().starts_with('['))
        .map(|(start, _)| start)
        .collect();
    let mut out = Vec::new();
    for span in spans {
        let (line_start, line) = line_at(text, span.start);
        let raw = text.get(span.clone()).unwrap_or_default();
        let name = raw.trim_matches(|c| c == '"' || c == '\'');
        if let Some(path) = line
            .trim_start()
            .starts_with('[')
            .then(|| header_path(line))
            .flatten()
        {
            let first = earlier_header(text, line_start, &path, raw);
            let is_code = path.len() == 2 && path[0] == "codes";
            let dotted = path.join(".");
            let mut diagnostic = if is_code {
                Diagnostic::error(format!("duplicate code `{name}`"), span.clone())
                    .label("defined again here")
                    .help(format!(
                        "remove one of the two `[codes.{name}]` tables, or rename one of them"
                    ))
            } else {
                Diagnostic::error(format!("duplicate table `[{dotted}]`"), span.clone())
                    .label("defined again here")
                    .help(format!("merge the two `[{dotted}]` tables into one"))
            };
            if let Some(first) = first {
                diagnostic = diagnostic.context(first, "first defined here");
            }
            out.push(diagnostic);
        } else {
            let section = section_start(text, span.start);
            if section.is_some_and(|s| duplicate_headers.contains(&s)) {
                continue;
            }
            // The first definition is an earlier line of the same section starting with the key.
            let from = section.unwrap_or(0);
            let first = text[from..line_start]
                .match_indices(raw)
                .map(|(i, _)| from + i)
                .find(|&i| line_at(text, i).1.trim_start().starts_with(raw));
            let mut diagnostic = Diagnostic::error(format!("duplicate key `{name}`"), span.clone())
                .label("defined again here")
                .help("remove one of the two definitions");
            if let Some(first) = first {
                diagnostic = diagnostic.context(first..first + raw.len(), "first defined here");
            }
            out.push(diagnostic);
        }
    }
    out
}

/// The span of `raw` (the last key) in the first header line before `before` with this path.
fn earlier_header(text: &str, before: usize, path: &[String], raw: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text[..before].split_inclusive('\n') {
        if line.trim_start().starts_with('[') && header_path(line).as_deref() == Some(path) {
            let at = line.rfind(raw)?;
            return Some(offset + at..offset + at + raw.len());
        }
        offset += line.len();
    }
    None
}

/// Where a key of a catalog is: the span of the key at `path` (e.g. `["codes", "X", "status"]`;
/// `["codes", "X"]` gives the `X` of `[codes.X]`), or `None` when the text has no such key or is
/// not valid TOML. Lets tools that compare catalogs point into the file.
pub fn locate(text: &str, path: &[&str]) -> Option<Range<usize>> {
    let root = DeTable::parse(text).ok()?;
    let mut table = root.get_ref();
    let mut found = None;
    for (depth, part) in path.iter().enumerate() {
        let (key, value) = table.get_key_value(*part)?;
        found = Some(key.span());
        if depth + 1 < path.len() {
            table = value.get_ref().as_table()?;
        }
    }
    found
}
