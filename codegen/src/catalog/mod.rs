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

pub mod raw;
mod unit;
mod validate;

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Catalog;

/// The catalog format version this generator reads.
pub const FORMAT: i64 = 1;

/// Loads and validates a catalog. `source_name` is how the file is named in diagnostics and
/// generated headers (e.g. `catalog.toml`). On failure, returns every problem found.
pub fn load(source_name: &str, text: &str) -> Result<Catalog, Diagnostics> {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut diags = Vec::new();
    let mut only_duplicates = true;
    let mut lines_with_errors = Vec::new();
    for error in &errors {
        let span = error.span().unwrap_or(text.len()..text.len());
        if error.message() == "duplicate key" {
            diags.push(duplicate_key(text, &root, span));
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
    // Duplicates leave a well-formed document (the first definition wins), so the rest of the
    // catalog is still checked; after any other syntax error the tree cannot be trusted.
    let catalog = if only_duplicates {
        validate::validate(source_name, &root, &mut diags)
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

/// A key defined twice. For `[codes.X]` tables this is a duplicated error code.
fn duplicate_key(text: &str, root: &Spanned<DeTable<'_>>, span: Range<usize>) -> Diagnostic {
    let raw = text.get(span.clone()).unwrap_or_default();
    let name = raw.trim_matches(|c| c == '"' || c == '\'');
    let line_start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or_default().trim_start();
    let is_code = line.starts_with("[codes.") || line.starts_with("[ codes.");
    let first = first_definition(root.get_ref(), name, span.start);
    let mut diagnostic = if is_code {
        Diagnostic::error(format!("duplicate code `{name}`"), span)
            .label("defined again here")
            .help(format!("remove one of the two `[codes.{name}]` tables, or rename one of them"))
    } else {
        Diagnostic::error(format!("duplicate key `{name}`"), span)
            .label("defined again here")
            .help("remove one of the two definitions")
    };
    if let Some(first) = first {
        diagnostic = diagnostic.context(first, "first defined here");
    }
    diagnostic
}

/// The span of the last key named `name` that starts before `before`, anywhere in the tree.
fn first_definition(table: &DeTable<'_>, name: &str, before: usize) -> Option<Range<usize>> {
    let mut best: Option<Range<usize>> = None;
    for (key, value) in table {
        let span = key.span();
        if key.get_ref() == name && span.start < before && best.as_ref().is_none_or(|b| span.start > b.start) {
            best = Some(span);
        }
        if let DeValue::Table(inner) = value.get_ref()
            && let Some(found) = first_definition(inner, name, before)
            && best.as_ref().is_none_or(|b| found.start > b.start)
        {
            best = Some(found);
        }
    }
    best
}
