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
//! [codes.NO_CREDENTIALS]          # one small table per code, in catalog order
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
mod syntax;
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
/// as the user gave it); generated headers name only its file name, reduced to characters that
/// are safe in every comment and string they land in (see [`header_file_name`]). Windows line
/// ends (`\r\n`) are read as `\n`. On failure, returns every problem found.
pub fn load(source_name: &str, text: &str) -> Result<Catalog, Diagnostics> {
    let normalised;
    let text = if text.contains("\r\n") {
        normalised = text.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        text
    };
    let file_name = header_file_name(
        source_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(source_name),
    );
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut diags = Vec::new();
    let mut only_duplicates = true;
    let mut lines_with_errors = std::collections::BTreeSet::new();
    let mut duplicates = Vec::new();
    // After an unclosed bracket or string every later error is a consequence of it.
    let unclosed = (!errors.is_empty())
        .then(|| syntax::unclosed(text))
        .flatten()
        .filter(|u| {
            errors
                .iter()
                .any(|e| e.span().is_none_or(|s| s.start >= u.span.start))
        });
    let follows_unclosed = |span: &Range<usize>| {
        unclosed
            .as_ref()
            .is_some_and(|u| span.start >= u.span.start)
    };
    for error in &errors {
        let span = error.span().unwrap_or(text.len()..text.len());
        if error.message() == "duplicate key" {
            if !follows_unclosed(&span) {
                duplicates.push(span);
            }
            continue;
        }
        only_duplicates = false;
        if follows_unclosed(&span) {
            continue;
        }
        if error.message().contains("recursion limit") {
            let span = syntax::deepest_line(text);
            if lines_with_errors.insert(crate::diagnostics::line_col(text, span.start).0) {
                diags.push(too_deep(span));
            }
            continue;
        }
        // One syntax error per line: the parser's recovery reports follow-on errors that only
        // repeat the first.
        let line = crate::diagnostics::line_col(text, span.start).0;
        if lines_with_errors.insert(line) {
            diags.push(syntax_error(error.message(), span));
        }
    }
    if let Some(unclosed) = &unclosed {
        diags.push(unclosed_error(unclosed));
    }
    diags.extend(duplicate_keys(text, &duplicates));
    // Duplicates leave a well-formed document (the first definition wins), so the rest of the
    // catalog is still checked; after any other syntax error the tree cannot be trusted.
    let catalog = if only_duplicates {
        validate::validate(&file_name, &root, &mut diags)
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

/// [`load`] of the bytes of a file: text that is not UTF-8 is a located error at the first byte
/// that is not.
pub fn load_bytes(source_name: &str, bytes: &[u8]) -> Result<Catalog, Diagnostics> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load(source_name, text),
        Err(error) => {
            let at = error.valid_up_to();
            let bad_len = error.error_len().unwrap_or(bytes.len() - at).max(1);
            let shown: Vec<String> = bytes[at..(at + bad_len).min(bytes.len())]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect();
            // The text is shown with the bad bytes replaced; the prefix, and so the offset of
            // the first bad byte, is unchanged.
            let text = String::from_utf8_lossy(bytes);
            let diagnostic = Diagnostic::error(
                format!("the catalog is not valid UTF-8: byte {} cannot start or continue a character", shown.join(" ")),
                at..at + '\u{FFFD}'.len_utf8(),
            )
            .label("not UTF-8")
            .note("TOML files are UTF-8 text")
            .help("save the catalog as UTF-8 (an editor's \"encoding\" setting), or replace this character");
            Err(Diagnostics::new(source_name, &text, vec![diagnostic]))
        }
    }
}

/// The catalog's file name as generated headers show it: ASCII letters, digits, `.`, `_` and
/// `-`, every other character `_`, so that no file name can end a comment (`-->`, a newline),
/// close a code span or a string where a header lands. Empty names become `catalog`.
pub fn header_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| if is_header_file_name_char(c) { c } else { '_' })
        .collect();
    // `--` could close an HTML comment with the next character in some readers.
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        if c == '-' && out.ends_with('-') {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    if out.is_empty() {
        "catalog".to_owned()
    } else {
        out
    }
}

/// A character [`header_file_name`] keeps.
pub fn is_header_file_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

fn unclosed_error(unclosed: &syntax::Unclosed) -> Diagnostic {
    let opener = if unclosed.closer.len() == 3 {
        unclosed.closer
    } else if unclosed.closer == "}" {
        "{"
    } else {
        "["
    };
    let help = if unclosed.closer == "}" {
        "an inline table must close on the line it opens: add `}` at its end".to_owned()
    } else {
        format!("add the closing `{}`", unclosed.closer)
    };
    Diagnostic::error(
        format!("invalid TOML: {} is never closed", unclosed.what),
        unclosed.span.clone(),
    )
    .label(format!("`{opener}` opened here"))
    .note("every error the parser found after this point follows from it and is not shown")
    .help(help)
}

fn too_deep(span: Range<usize>) -> Diagnostic {
    Diagnostic::error("invalid TOML: this key or value nests too deep", span)
        .label("too many parts or levels")
        .note("the TOML reader stops at a fixed depth of dotted-key parts and nested arrays or tables")
        .help("a catalog needs at most three levels (`[codes.NAME]` and its keys): shorten the key")
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
