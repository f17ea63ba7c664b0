//! Validation of what a catalog keeps of its past: deprecated codes
//! (`deprecated = { since, replaced_by, note }` in a code's table) and retired codes
//! (`[retired.OLD_CODE]` tables, tombstones whose names stay reserved forever).
//!
//! Kept apart from `validate.rs`, which calls these checks once the current codes are known.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::raw::{RawDeprecation, RawRetired};
use super::unit::{Read, closest, read_table, type_name};
use super::validate::{TextKind, is_version, is_words, text};
use crate::diagnostics::Diagnostic;
use crate::model::{Deprecation, Retired};
use crate::names::NameSource;

/// A current code's name and where its table is, for the checks below.
pub(super) struct CodeName<'a> {
    pub name: &'a str,
    pub span: Range<usize>,
}

/// A retired code as read; `retired` is `None` when it has problems (already reported).
pub(super) struct RetiredEntry {
    pub retired: Option<Retired>,
    pub name: String,
}

/// Reads `[retired]` (optional). Reports a retired name that a current code reuses, at the code.
pub(super) fn retired(
    table: &DeTable<'_>,
    codes: &[CodeName<'_>],
    version: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RetiredEntry> {
    let mut out = Vec::new();
    let Some(value) = table.get("retired") else {
        return out;
    };
    let DeValue::Table(entries) = value.get_ref() else {
        diags.push(
            Diagnostic::error(
                format!(
                    "`retired` must be a table, found {}",
                    type_name(value.get_ref())
                ),
                value.span(),
            )
            .label("expected a table")
            .help("write one `[retired.OLD_CODE]` table per retired code"),
        );
        return out;
    };
    let code_names: Vec<&str> = codes.iter().map(|c| c.name).collect();
    for (key, entry) in entries {
        let name = key.get_ref().as_ref();
        let name_ok = is_words(name, '_', |c| c.is_ascii_uppercase());
        if !name_ok {
            diags.push(
                Diagnostic::error(format!("retired code `{name}` is not valid"), key.span())
                    .label("not uppercase words joined by `_`")
                    .help("write the code exactly as servers sent it"),
            );
        }
        let what = format!("retired code `{name}`");
        let retired = read_table::<RawRetired>(entry, &what, &[], diags)
            .and_then(|read| retired_code(name, &what, &read, &code_names, version, diags));
        if let Some(code) = codes.iter().find(|c| c.name == name) {
            diags.push(
                Diagnostic::error(
                    format!("code `{name}` reuses the name of a retired code"),
                    code.span.clone(),
                )
                .label("a retired name")
                .context(key.span(), "retired here")
                .note("a retired name is reserved forever: clients, logs and links may still hold it with its old meaning")
                .help(format!("give the new code another name (e.g. `{name}_V2`)")),
            );
        }
        if name_ok {
            check_anchor(name, key.span(), diags);
        }
        out.push(RetiredEntry {
            retired: if name_ok { retired } else { None },
            name: name.to_owned(),
        });
    }
    out
}

fn retired_code(
    name: &str,
    what: &str,
    read: &Read<RawRetired>,
    codes: &[&str],
    version: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Retired> {
    let raw = &read.value;
    let since = read.require(&raw.since, "since", what, "\"1.0.0\"", diags);
    let status = read.require(&raw.status, "status", what, "400", diags);
    let note = read.require(&raw.note, "note", what, "\"...\"", diags);
    let since = since.and_then(|since| check_since(since, what, version, diags));
    let status = status.and_then(|status| {
        let value = *status.get_ref();
        if (400..=599).contains(&value) {
            Some(value as u16)
        } else {
            diags.push(
                Diagnostic::error(
                    format!("status {value} of {what} is not an error status"),
                    status.span(),
                )
                .label("expected a status from 400 to 599")
                .help("write the last status the code had"),
            );
            None
        }
    });
    let note = note.and_then(|n| text(n, &format!("`note` of {what}"), TextKind::Line, diags));
    let replaced_by = match &raw.replaced_by {
        Some(replacement) => Some(check_replacement(
            replacement,
            name,
            what,
            codes,
            &[],
            diags,
        )?),
        None => None,
    };
    Some(Retired {
        wire: name.to_owned(),
        since: since?,
        status: status?,
        replaced_by,
        note: note?,
    })
}

/// Reads the `deprecated` table of every code that has one: `(code, its deprecation)`.
pub(super) fn deprecations(
    table: &DeTable<'_>,
    codes: &[CodeName<'_>],
    retired: &[RetiredEntry],
    version: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Deprecation)> {
    let mut out = Vec::new();
    let Some(DeValue::Table(entries)) = table.get("codes").map(|v| v.get_ref()) else {
        return out;
    };
    let code_names: Vec<&str> = codes.iter().map(|c| c.name).collect();
    let retired_names: Vec<&str> = retired.iter().map(|r| r.name.as_str()).collect();
    for (key, entry) in entries {
        let name = key.get_ref().as_ref();
        let Some(value) = entry.get_ref().as_table().and_then(|t| t.get("deprecated")) else {
            continue;
        };
        let what = format!("`deprecated` of code `{name}`");
        let Some(read) = read_table::<RawDeprecation>(value, &what, &[], diags) else {
            continue;
        };
        let raw = &read.value;
        let since = read.require(&raw.since, "since", &what, "\"1.0.0\"", diags);
        let since = since.and_then(|since| check_since(since, &what, version, diags));
        let replaced_by = match &raw.replaced_by {
            Some(replacement) => {
                check_replacement(replacement, name, &what, &code_names, &retired_names, diags)
            }
            None => Some(String::new()),
        };
        let note = match &raw.note {
            Some(note) => text(note, &format!("`note` of {what}"), TextKind::Line, diags),
            None => Some(String::new()),
        };
        if let (Some(since), Some(replaced_by), Some(note)) = (since, replaced_by, note) {
            out.push((
                name.to_owned(),
                Deprecation {
                    since,
                    replaced_by: (!replaced_by.is_empty()).then_some(replaced_by),
                    note: (!note.is_empty()).then_some(note),
                },
            ));
        }
    }
    out
}

/// `since`: a version no later than the catalog's.
fn check_since(
    since: &Spanned<String>,
    what: &str,
    version: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let value = since.get_ref();
    if !is_version(value) {
        diags.push(
            Diagnostic::error(
                format!("`since` of {what}: version `{value}` is not valid"),
                since.span(),
            )
            .label("expected MAJOR.MINOR.PATCH")
            .help("write the catalog version that made the change, like `1.3.0`"),
        );
        return None;
    }
    let parsed = semver::Version::parse(value).ok()?;
    let current = version.and_then(|v| semver::Version::parse(v).ok());
    if let Some(current) = current.filter(|current| parsed > *current) {
        diags.push(
            Diagnostic::error(
                format!("`since` of {what} is {value}, later than the catalog's version {current}"),
                since.span(),
            )
            .label("a version not released yet")
            .help(format!(
                "write the version that makes the change: bump `version` of `[catalog]` to {value}, or write `since = \"{current}\"`"
            )),
        );
        return None;
    }
    Some(value.clone())
}

/// `replaced_by`: a current code other than `name`, never a retired one.
fn check_replacement(
    replacement: &Spanned<String>,
    name: &str,
    what: &str,
    codes: &[&str],
    retired: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let value = replacement.get_ref();
    let problem = if value == name {
        Some((
            format!("{what} names the code itself as its replacement"),
            "the same code".to_owned(),
            "name another code, or remove `replaced_by`".to_owned(),
        ))
    } else if retired.contains(&value.as_str()) {
        Some((
            format!("{what} is replaced by `{value}`, a retired code"),
            "retired".to_owned(),
            format!("name the current code that replaced `{value}`"),
        ))
    } else if !codes.contains(&value.as_str()) {
        let help = match closest(value, codes.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "name a code of `[codes]`".to_owned(),
        };
        Some((
            format!("{what} is replaced by `{value}`, which is not a code"),
            "no such code".to_owned(),
            help,
        ))
    } else {
        None
    };
    match problem {
        Some((message, label, help)) => {
            diags.push(
                Diagnostic::error(message, replacement.span())
                    .label(label)
                    .help(help),
            );
            None
        }
        None => Some(value.clone()),
    }
}

/// A retired code keeps an anchor in the docs: it must not be one of the page's own.
fn check_anchor(name: &str, span: Range<usize>, diags: &mut Vec<Diagnostic>) {
    for naming in crate::names::docs::NAMINGS
        .iter()
        .filter(|n| n.source == NameSource::Code)
    {
        let anchor = (naming.convert)(name);
        if naming.reserved.contains(&anchor.as_str()) {
            diags.push(
                Diagnostic::error(
                    format!(
                        "retired code `{name}` becomes `{anchor}` in the {} target, a reserved name there",
                        naming.target
                    ),
                    span.clone(),
                )
                .label(format!("{} `{anchor}`", naming.what))
                .note(format!("`#{anchor}` is a section of the docs page, so the retired code cannot have its anchor"))
                .help("remove this retired code, whose name cannot be documented"),
            );
        }
    }
}
