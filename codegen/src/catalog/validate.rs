//! Validation: the mirror structs of every table → the language-neutral model, or diagnostics.
//!
//! Every check runs even after others failed, so one run reports every problem.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::FORMAT;
use super::raw::{
    RawCatalogInfo, RawCategory, RawCode, RawEnvelope, RawEnvelopeFields, RawStatus, TOP_LEVEL_KEYS,
};
use super::unit::{Read, closest, read_table, type_name, unknown_key};
use crate::diagnostics::Diagnostic;
use crate::model::{Catalog, Category, Code, Envelope, PackageMetadata, Status};
use crate::names::{NAMINGS, NameSource};
use crate::rules::{default_retryable, is_error_status};

/// Keys of `[catalog]`, which authors may put at the top level by mistake.
const CATALOG_KEYS: &[&str] = &[
    "name",
    "version",
    "title",
    "description",
    "license",
    "repository",
    "homepage",
    "authors",
    "keywords",
];

/// Where a text may appear, which decides whether it may hold line breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TextKind {
    /// One line: names, titles, messages.
    Line,
    /// Paragraphs: descriptions.
    Paragraphs,
}

pub fn validate(
    source_name: &str,
    root: &Spanned<DeTable<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Catalog> {
    let table = root.get_ref();
    for (key, _) in table {
        let name = key.get_ref().as_ref();
        if !TOP_LEVEL_KEYS.contains(&name) {
            let diagnostic = unknown_key(name, key.span(), "the catalog", TOP_LEVEL_KEYS);
            diags.push(if CATALOG_KEYS.contains(&name) {
                diagnostic.help(format!(
                    "`{name}` belongs in the `[catalog]` table: move it there"
                ))
            } else {
                diagnostic
            });
        }
    }
    let format_ok = check_format(table, diags);
    if !format_ok {
        // Another format means other rules: checking further would only add noise.
        return None;
    }
    let info = catalog_info(table, diags);
    let statuses = statuses(table, diags);
    let categories = categories(table, diags);
    let envelope = envelope(table, diags);
    let codes = codes(table, &statuses, &categories, diags);
    let package = info
        .as_ref()
        .map(|info| (info.name.as_str(), info.name_span.clone()));
    check_target_names(package, &codes, &categories, diags);
    let (retired, deprecations) = evolution(table, &codes, info.as_ref(), diags);

    let CatalogInfo {
        name,
        version,
        title,
        description,
        metadata,
        ..
    } = info?;
    let mut codes = codes
        .into_iter()
        .map(|c| c.code)
        .collect::<Option<Vec<Code>>>()?;
    for (name, deprecation) in deprecations {
        if let Some(code) = codes.iter_mut().find(|c| c.wire == name) {
            code.deprecated = Some(deprecation);
        }
    }
    let retired = retired
        .into_iter()
        .map(|r| r.retired)
        .collect::<Option<Vec<_>>>()?;
    Some(Catalog {
        source_name: source_name.to_owned(),
        name,
        version,
        title,
        description,
        metadata,
        statuses: statuses.into_values().collect(),
        categories: categories.into_iter().map(|c| c.category).collect(),
        codes,
        retired,
        envelope: envelope?,
    })
}

/// The catalog's past: its retired codes and the deprecations of its codes (see `evolution.rs`).
fn evolution(
    table: &DeTable<'_>,
    codes: &[CodeEntry],
    info: Option<&CatalogInfo>,
    diags: &mut Vec<Diagnostic>,
) -> (
    Vec<super::evolution::RetiredEntry>,
    Vec<(String, crate::model::Deprecation)>,
) {
    let names: Vec<super::evolution::CodeName<'_>> = codes
        .iter()
        .filter(|c| c.name_ok)
        .map(|c| super::evolution::CodeName {
            name: &c.name,
            span: c.key_span.clone(),
        })
        .collect();
    let version = info.map(|i| i.version.as_str());
    let retired = super::evolution::retired(table, &names, version, diags);
    let deprecations = super::evolution::deprecations(table, &names, &retired, version, diags);
    (retired, deprecations)
}

/// A table entry that must exist.
fn required_table<'t, 'i>(
    table: &'t DeTable<'i>,
    key: &str,
    example: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'t Spanned<DeValue<'i>>> {
    let found = table.get(key);
    if found.is_none() {
        diags.push(
            Diagnostic::file_error(format!("the catalog has no `[{key}]` table"))
                .help(format!("add it, for example:\n{example}")),
        );
    }
    found
}

/// Entries of a table whose keys are names (statuses, categories, codes).
fn entries<'t, 'i>(
    value: &'t Spanned<DeValue<'i>>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
)> {
    match value.get_ref() {
        DeValue::Table(table) => {
            if table.is_empty() {
                diags.push(
                    Diagnostic::error(format!("`[{key}]` is empty"), value.span())
                        .help(format!("add at least one entry to `[{key}]`")),
                );
            }
            table.iter().collect()
        }
        other => {
            diags.push(
                Diagnostic::error(
                    format!("`{key}` must be a table, found {}", type_name(other)),
                    value.span(),
                )
                .label("expected a table"),
            );
            Vec::new()
        }
    }
}

fn check_format(table: &DeTable<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    let Some(value) = table.get("format") else {
        diags.push(
            Diagnostic::file_error("the catalog does not say which format it uses").help(format!(
                "add `format = {FORMAT}` as the first line of the catalog"
            )),
        );
        // Read as the format this generator knows, so that every other problem is reported too.
        return true;
    };
    let number = value
        .get_ref()
        .as_integer()
        .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
    match number {
        Some(FORMAT) => true,
        Some(other) => {
            diags.push(
                Diagnostic::error(
                    format!("catalog format {other} is not supported"),
                    value.span(),
                )
                .label(format!("this generator reads format {FORMAT}"))
                .help(if other > FORMAT {
                    "update the generator to a version that reads this format".to_owned()
                } else {
                    format!("set `format = {FORMAT}` and update the catalog to it")
                }),
            );
            false
        }
        None => {
            diags.push(
                Diagnostic::error(
                    format!(
                        "`format` must be an integer, found {}",
                        type_name(value.get_ref())
                    ),
                    value.span(),
                )
                .label("expected an integer")
                .help(format!("write `format = {FORMAT}`")),
            );
            false
        }
    }
}

/// What a valid `[catalog]` holds; the name keeps its span for the targets' naming checks.
struct CatalogInfo {
    name: String,
    name_span: Range<usize>,
    version: String,
    title: String,
    description: String,
    metadata: PackageMetadata,
}

fn catalog_info(table: &DeTable<'_>, diags: &mut Vec<Diagnostic>) -> Option<CatalogInfo> {
    let value = required_table(
        table,
        "catalog",
        "[catalog]\nname = \"my-api-errors\"\nversion = \"1.0.0\"\ntitle = \"My API errors\"\ndescription = \"Every error code of My API.\"",
        diags,
    )?;
    let read: Read<RawCatalogInfo> = read_table(value, "`[catalog]`", &[], diags)?;
    let what = "`[catalog]`";
    let raw = &read.value;
    let name = read.require(&raw.name, "name", what, "\"my-api-errors\"", diags);
    let version = read.require(&raw.version, "version", what, "\"1.0.0\"", diags);
    let title = read.require(&raw.title, "title", what, "\"My API errors\"", diags);
    let description = read.require(&raw.description, "description", what, "\"...\"", diags);

    let name = name.and_then(|name| {
        let ok = is_words(name.get_ref(), '-', |c| c.is_ascii_lowercase());
        if !ok {
            diags.push(
                Diagnostic::error(
                    format!("package name `{}` is not valid", name.get_ref()),
                    name.span(),
                )
                .label("not lowercase words joined by `-`")
                .note("the name becomes the Rust crate, npm package and Python distribution name")
                .help(format!(
                    "write it like `{}`",
                    suggest_words(name.get_ref(), '-', false)
                )),
            );
        }
        let ok = ok && !package_name_too_long(name, diags);
        ok.then(|| (name.get_ref().clone(), name.span()))
    });
    let version = version.and_then(|version| {
        let ok = is_version(version.get_ref());
        if !ok {
            diags.push(
                Diagnostic::error(
                    format!("version `{}` is not valid", version.get_ref()),
                    version.span(),
                )
                .label("expected MAJOR.MINOR.PATCH")
                .help(format!("write it like `1.0.0`: three numbers without leading zeros, each at most {MAX_VERSION_PART}")),
            );
        }
        ok.then(|| version.get_ref().clone())
    });
    let title = title.and_then(|t| text(t, "`title` of `[catalog]`", TextKind::Line, diags));
    let description = description.and_then(|d| {
        text(
            d,
            "`description` of `[catalog]`",
            TextKind::Paragraphs,
            diags,
        )
    });
    let metadata = super::metadata::package_metadata(raw, diags);
    let (name, name_span) = name?;
    Some(CatalogInfo {
        name,
        name_span,
        version: version?,
        title: title?,
        description: description?,
        metadata: metadata?,
    })
}

fn statuses(table: &DeTable<'_>, diags: &mut Vec<Diagnostic>) -> BTreeMap<u16, Status> {
    let mut out = BTreeMap::new();
    let Some(value) = required_table(
        table,
        "statuses",
        "[statuses]\n400 = { title = \"Bad Request\" }\n500 = { title = \"Internal Server Error\" }",
        diags,
    ) else {
        return out;
    };
    for (key, entry) in entries(value, "statuses", diags) {
        let code = match key.get_ref().parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) && !non_canonical_status(key, diags) => code,
            Ok(code) if (100..=599).contains(&code) => continue,
            _ => {
                diags.push(
                    Diagnostic::error(format!("`{}` is not an HTTP status", key.get_ref()), key.span())
                        .label("expected a status from 100 to 599")
                        .help("key each entry of `[statuses]` by its status code, like `404 = { title = \"Not Found\" }`"),
                );
                continue;
            }
        };
        let what = format!("status {code}");
        let Some(read) = read_table::<RawStatus>(entry, &what, &[], diags) else {
            out.insert(code, reported_status(code));
            continue;
        };
        let title = read.require(&read.value.title, "title", &what, "\"Not Found\"", diags);
        let title = title.and_then(|t| {
            text(
                t,
                &format!("`title` of status {code}"),
                TextKind::Line,
                diags,
            )
        });
        let retryable = match &read.value.retryable {
            Some(flag) if !is_error_status(code) => {
                diags.push(
                    Diagnostic::error(
                        format!("status {code} is not an error status, so it cannot be retryable"),
                        flag.span(),
                    )
                    .label("only 4xx and 5xx statuses can set `retryable`")
                    .help("remove `retryable` from this status"),
                );
                false
            }
            Some(flag) => *flag.get_ref(),
            None => default_retryable(code),
        };
        if let Some(title) = title {
            out.insert(
                code,
                Status {
                    code,
                    title,
                    retryable,
                },
            );
        } else {
            out.insert(code, reported_status(code));
        }
    }
    out
}

struct CategoryEntry {
    category: Category,
    key_span: Range<usize>,
}

fn categories(table: &DeTable<'_>, diags: &mut Vec<Diagnostic>) -> Vec<CategoryEntry> {
    let mut out = Vec::new();
    let Some(value) = required_table(
        table,
        "categories",
        "[categories.authentication]\ntitle = \"Authentication Errors\"\ndescription = \"The request could not be authenticated.\"",
        diags,
    ) else {
        return out;
    };
    for (key, entry) in entries(value, "categories", diags) {
        let id = key.get_ref().as_ref();
        let id_ok = is_words(id, '_', |c| c.is_ascii_lowercase());
        if !id_ok {
            diags.push(
                Diagnostic::error(format!("category id `{id}` is not valid"), key.span())
                    .label("not lowercase words joined by `_`")
                    .help(format!("write it like `{}`", suggest_words(id, '_', false))),
            );
        }
        let what = format!("category `{id}`");
        let Some(read) = read_table::<RawCategory>(entry, &what, &[], diags) else {
            if id_ok {
                out.push(reported_category(id, key.span()));
            }
            continue;
        };
        let title = read.require(
            &read.value.title,
            "title",
            &what,
            "\"Authentication Errors\"",
            diags,
        );
        let description = read.require(
            &read.value.description,
            "description",
            &what,
            "\"...\"",
            diags,
        );
        let title =
            title.and_then(|t| text(t, &format!("`title` of {what}"), TextKind::Line, diags));
        let description = description.and_then(|d| {
            text(
                d,
                &format!("`description` of {what}"),
                TextKind::Paragraphs,
                diags,
            )
        });
        if let (Some(title), Some(description), true) = (title, description, id_ok) {
            out.push(CategoryEntry {
                category: Category {
                    id: id.to_owned(),
                    title,
                    description,
                },
                key_span: key.span(),
            });
        } else if id_ok {
            out.push(reported_category(id, key.span()));
        }
    }
    out
}

/// A status whose entry has problems, already reported: kept in the table so that codes with
/// this status do not add "not in the status table" errors. Never reaches a model, since a
/// reported problem fails the load.
fn reported_status(code: u16) -> Status {
    Status {
        code,
        title: String::new(),
        retryable: default_retryable(code),
    }
}

/// A category whose table has problems, already reported: kept so that its codes do not add
/// "unknown category" errors (see [`reported_status`]).
fn reported_category(id: &str, key_span: Range<usize>) -> CategoryEntry {
    CategoryEntry {
        category: Category {
            id: id.to_owned(),
            title: String::new(),
            description: String::new(),
        },
        key_span,
    }
}

/// A status key must be written as the status (`400`): `0400` or `"+400"` would read as 400
/// and silently redefine it. Reports it and returns true when it is not.
fn non_canonical_status(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let written = key.get_ref().as_ref();
    let Ok(code) = written.parse::<u16>() else {
        return false;
    };
    if written == code.to_string() {
        return false;
    }
    diags.push(
        Diagnostic::error(
            format!("status key `{written}` is not written as a status"),
            key.span(),
        )
        .label(format!("reads as {code}"))
        .note("a key written another way than the status could silently define a status twice")
        .help(format!("write it `{code}`")),
    );
    true
}

struct CodeEntry {
    /// The model code, or `None` when the code has problems (already reported).
    code: Option<Code>,
    /// The wire string, kept even when the code has problems, for name checks.
    name: String,
    key_span: Range<usize>,
    name_ok: bool,
}

fn codes(
    table: &DeTable<'_>,
    statuses: &BTreeMap<u16, Status>,
    categories: &[CategoryEntry],
    diags: &mut Vec<Diagnostic>,
) -> Vec<CodeEntry> {
    let mut out = Vec::new();
    let Some(value) = required_table(
        table,
        "codes",
        "[codes.NO_CREDENTIALS]\nstatus = 401\ncategory = \"authentication\"\nmessage = \"API key is required\"\ndescription = \"No API key provided in request\"",
        diags,
    ) else {
        return out;
    };
    let category_ids: Vec<&str> = categories.iter().map(|c| c.category.id.as_str()).collect();
    for (key, entry) in entries(value, "codes", diags) {
        let name = key.get_ref().as_ref();
        let name_ok = is_words(name, '_', |c| c.is_ascii_uppercase());
        if !name_ok {
            diags.push(
                Diagnostic::error(format!("code `{name}` is not valid"), key.span())
                    .label("not uppercase words joined by `_`")
                    .note("a code is sent on the wire as written and must be an identifier in every target language")
                    .help(format!("write it like `{}`", suggest_words(name, '_', true))),
            );
        }
        let what = format!("code `{name}`");
        let code = read_table::<RawCode>(entry, &what, &["deprecated"], diags)
            .and_then(|read| code(name, &what, &read, statuses, &category_ids, diags));
        out.push(CodeEntry {
            code: if name_ok { code } else { None },
            name: name.to_owned(),
            key_span: key.span(),
            name_ok,
        });
    }
    out
}

fn code(
    name: &str,
    what: &str,
    read: &Read<RawCode>,
    statuses: &BTreeMap<u16, Status>,
    category_ids: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Option<Code> {
    let raw = &read.value;
    let status = read.require(&raw.status, "status", what, "400", diags);
    let category = read.require(&raw.category, "category", what, "\"request\"", diags);
    let message = read.require(
        &raw.message,
        "message",
        what,
        "\"The request was invalid\"",
        diags,
    );
    let description = read.require(&raw.description, "description", what, "\"...\"", diags);

    let status = status.and_then(|status| {
        let value = *status.get_ref();
        if !(400..=599).contains(&value) {
            diags.push(
                Diagnostic::error(format!("status {value} of {what} is not an error status"), status.span())
                    .label("expected a status from 400 to 599")
                    .help("an error code needs a 4xx (client error) or 5xx (server error) status"),
            );
            return None;
        }
        let value = value as u16;
        match statuses.get(&value) {
            Some(entry) => Some(entry),
            None => {
                diags.push(
                    Diagnostic::error(format!("status {value} of {what} is not in the status table"), status.span())
                        .label("not in `[statuses]`")
                        .help(format!("add `{value} = {{ title = \"...\" }}` to `[statuses]`, or use a status it has")),
                );
                None
            }
        }
    });
    let category = category.and_then(|category| {
        let id = category.get_ref();
        let found = category_ids.iter().position(|c| c == id);
        if found.is_none() {
            let diagnostic = Diagnostic::error(
                format!("{what} names an unknown category `{id}`"),
                category.span(),
            )
            .label("no such category");
            diags.push(match closest(id, category_ids.iter().copied()) {
                Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                None => diagnostic.help(format!(
                    "use one of {}, or add a `[categories.{id}]` table",
                    super::unit::list(category_ids)
                )),
            });
        }
        found
    });
    let message =
        message.and_then(|m| text(m, &format!("`message` of {what}"), TextKind::Line, diags));
    let description = description.and_then(|d| {
        text(
            d,
            &format!("`description` of {what}"),
            TextKind::Paragraphs,
            diags,
        )
    });
    let field = match &raw.field {
        Some(field) => Some(text(
            field,
            &format!("`field` of {what}"),
            TextKind::Line,
            diags,
        )?),
        None => None,
    };
    let remedy = match &raw.remedy {
        Some(remedy) => Some(text(
            remedy,
            &format!("`remedy` of {what}"),
            TextKind::Line,
            diags,
        )?),
        None => None,
    };
    let status = status?;
    let retryable = match &raw.retryable {
        Some(flag) => *flag.get_ref(),
        None => status.retryable,
    };
    Some(Code {
        wire: name.to_owned(),
        status: status.code,
        message: message?,
        description: description?,
        category: category?,
        field,
        retryable,
        remedy,
        deprecated: None,
    })
}

fn envelope(table: &DeTable<'_>, diags: &mut Vec<Diagnostic>) -> Option<Envelope> {
    let value = required_table(
        table,
        "envelope",
        "[envelope]\ndescription = \"All API errors follow a consistent format.\"\nrequest_id_example = \"req_1234567890\"\ntimestamp_example = \"2024-01-01T00:00:00Z\"\n[envelope.fields]\nsuccess = \"Always `false` for an error.\"\n...",
        diags,
    )?;
    let what = "`[envelope]`";
    let read: Read<RawEnvelope> = read_table(value, what, &["fields"], diags)?;
    let raw = &read.value;
    let description = read.require(&raw.description, "description", what, "\"...\"", diags);
    let request_id_example = read.require(
        &raw.request_id_example,
        "request_id_example",
        what,
        "\"req_1234567890\"",
        diags,
    );
    let timestamp_example = read.require(
        &raw.timestamp_example,
        "timestamp_example",
        what,
        "\"2024-01-01T00:00:00Z\"",
        diags,
    );
    let description = description.and_then(|d| {
        text(
            d,
            "`description` of `[envelope]`",
            TextKind::Paragraphs,
            diags,
        )
    });
    let request_id_example = request_id_example.and_then(|t| {
        text(
            t,
            "`request_id_example` of `[envelope]`",
            TextKind::Line,
            diags,
        )
    });
    let timestamp_example = timestamp_example.and_then(|t| {
        text(
            t,
            "`timestamp_example` of `[envelope]`",
            TextKind::Line,
            diags,
        )
    });

    let fields_value = value.get_ref().as_table().and_then(|t| t.get("fields"));
    let fields = match fields_value {
        Some(fields_value) => {
            read_table::<RawEnvelopeFields>(fields_value, "`[envelope.fields]`", &[], diags)
        }
        None => {
            diags.push(
                Diagnostic::error("`[envelope]` has no `fields` table", read.span.clone()).help(
                    "add an `[envelope.fields]` table with one description per envelope field",
                ),
            );
            None
        }
    }?;
    let f = &fields.value;
    let what = "`[envelope.fields]`";
    let mut field = |value: &Option<Spanned<String>>, key: &str| {
        fields
            .require(value, key, what, "\"...\"", diags)
            .and_then(|v| {
                text(
                    v,
                    &format!("`{key}` of `[envelope.fields]`"),
                    TextKind::Paragraphs,
                    diags,
                )
            })
    };
    let success = field(&f.success, "success");
    let error = field(&f.error, "error");
    let code = field(&f.code, "code");
    let message = field(&f.message, "message");
    let details = field(&f.details, "details");
    let field_doc = field(&f.field, "field");
    let issue = field(&f.issue, "issue");
    let meta = field(&f.meta, "meta");
    let request_id = field(&f.request_id, "request_id");
    let timestamp = field(&f.timestamp, "timestamp");
    Some(Envelope {
        description: description?,
        success: success?,
        error: error?,
        code: code?,
        message: message?,
        details: details?,
        field: field_doc?,
        issue: issue?,
        meta: meta?,
        request_id: request_id?,
        timestamp: timestamp?,
        request_id_example: request_id_example?,
        timestamp_example: timestamp_example?,
    })
}

/// Checks a text from the catalog: not blank, and no character that could hide or reorder what
/// a reader sees. Returns it when it is fine.
pub(super) fn text(
    value: &Spanned<String>,
    what: &str,
    kind: TextKind,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let s = value.get_ref();
    let mut ok = true;
    if is_blank(s) {
        diags.push(
            Diagnostic::error(format!("{what} is empty"), value.span())
                .label("empty text")
                .help("write the text, or remove the key if it is optional"),
        );
        ok = false;
    }
    if let Some(c) = s.chars().find(|&c| is_forbidden(c, kind)) {
        let (why, help) = if is_bidi_control(c) {
            (
                "a bidirectional control character, which can make the text display differently from what it is",
                "remove it; write right-to-left text without explicit direction controls"
                    .to_owned(),
            )
        } else if c == '\n' || c == '\r' {
            (
                "a line break, which is not allowed in a one-line text",
                "keep it on one line".to_owned(),
            )
        } else {
            ("a control character", "remove it".to_owned())
        };
        diags.push(
            Diagnostic::error(
                format!("{what} contains U+{:04X}, {why}", c as u32),
                value.span(),
            )
            .label(format!("contains U+{:04X}", c as u32))
            .help(help),
        );
        ok = false;
    }
    if kind == TextKind::Line && !s.trim().is_empty() && s != s.trim() {
        diags.push(
            Diagnostic::error(
                format!("{what} starts or ends with white space"),
                value.span(),
            )
            .label("leading or trailing white space")
            .help("remove the white space"),
        );
        ok = false;
    }
    ok.then(|| s.clone())
}

fn is_forbidden(c: char, kind: TextKind) -> bool {
    if is_bidi_control(c) {
        return true;
    }
    match kind {
        TextKind::Paragraphs if c == '\n' => false,
        _ => c.is_control(),
    }
}

/// True when a text shows nothing: only white space and invisible characters (zero-width
/// spaces and joiners, word joiner, soft hyphen, byte-order mark).
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Characters that take no room when shown.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

/// Unicode's explicit directional embeddings, overrides and isolates (the "Trojan Source" set),
/// and the implicit marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `word(SEP word)*` where a word is ASCII letters of the given case and digits, starting with a
/// letter.
pub(super) fn is_words(s: &str, sep: char, letter: fn(&char) -> bool) -> bool {
    !s.is_empty()
        && s.split(sep).enumerate().all(|(i, word)| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) if letter(&first) => {}
                Some(first) if i > 0 && first.is_ascii_digit() => {}
                _ => return false,
            }
            chars.all(|c| letter(&c) || c.is_ascii_digit())
        })
}

/// A valid spelling close to `s`, for hints.
fn suggest_words(s: &str, sep: char, upper: bool) -> String {
    use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase};
    let converted = match (sep, upper) {
        ('-', _) => s.to_kebab_case(),
        (_, true) => s.to_shouty_snake_case(),
        _ => s.to_snake_case(),
    };
    let cleaned: String = converted
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == sep)
        .collect();
    let cleaned = cleaned.trim_start_matches(|c: char| c.is_ascii_digit() || c == sep);
    if cleaned.is_empty() {
        if upper {
            "MY_CODE".to_owned()
        } else {
            format!("my{sep}name")
        }
    } else {
        cleaned.to_owned()
    }
}

/// The longest package name: crates.io's limit, well within npm's (214) and every file system's
/// file names, which the name becomes part of.
pub const MAX_PACKAGE_NAME: usize = 64;

/// Reports a package name longer than [`MAX_PACKAGE_NAME`]; returns true when it is.
fn package_name_too_long(name: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> bool {
    let len = name.get_ref().len();
    if len <= MAX_PACKAGE_NAME {
        return false;
    }
    diags.push(
        Diagnostic::error(
            format!("package name is {len} characters long, more than {MAX_PACKAGE_NAME}"),
            name.span(),
        )
        .label("too long")
        .note("crates.io takes names of at most 64 characters, and the name becomes file and directory names")
        .help(format!("shorten it to {MAX_PACKAGE_NAME} characters or fewer")),
    );
    true
}

/// The largest number of a version part every package registry reads: npm's semver reads
/// parts up to `Number.MAX_SAFE_INTEGER`; Cargo's (the `semver` crate's) up to `u64::MAX`.
pub const MAX_VERSION_PART: u64 = (1 << 53) - 1;

pub(super) fn is_version(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u64>().is_ok_and(|n| n <= MAX_VERSION_PART)
        })
}

/// Every target's identifiers must be distinct and not reserved.
fn check_target_names(
    package: Option<(&str, Range<usize>)>,
    codes: &[CodeEntry],
    categories: &[CategoryEntry],
    diags: &mut Vec<Diagnostic>,
) {
    for namings in NAMINGS {
        for naming in *namings {
            let names: Vec<(&str, Range<usize>)> = match naming.source {
                NameSource::Code => codes
                    .iter()
                    .filter(|c| c.name_ok)
                    .map(|c| (c.name.as_str(), c.key_span.clone()))
                    .collect(),
                NameSource::Category => categories
                    .iter()
                    .map(|c| (c.category.id.as_str(), c.key_span.clone()))
                    .collect(),
                NameSource::Package => package.iter().cloned().collect(),
            };
            let kind = naming.source.noun();
            let reserved: HashSet<&str> = naming.reserved.iter().copied().collect();
            let mut seen: HashMap<String, (&str, Range<usize>)> =
                HashMap::with_capacity(names.len());
            for (name, span) in names {
                let ident = (naming.convert)(name);
                if reserved.contains(ident.as_str()) {
                    diags.push(
                        Diagnostic::error(
                            format!("{kind} `{name}` becomes `{ident}` in the {} target, a reserved name there", naming.target),
                            span.clone(),
                        )
                        .label(format!("{} `{ident}`", naming.what))
                        .note(format!("`{ident}` cannot name the {} in the {} target", naming.what, naming.target))
                        .help(format!("rename the {kind}")),
                    );
                } else if let Some((first, first_span)) = seen.get(&ident) {
                    diags.push(
                        Diagnostic::error(
                            format!("{kind} `{name}` collides with `{first}` in the {} target", naming.target),
                            span.clone(),
                        )
                        .label(format!("becomes {} `{ident}`", naming.what))
                        .context(first_span.clone(), format!("also becomes `{ident}`"))
                        .help(format!("rename one of the two {kind}s so they differ by more than `_` placement")),
                    );
                } else {
                    seen.insert(ident, (name, span));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_words_joined_by_a_separator() {
        let upper = |c: &char| c.is_ascii_uppercase();
        assert!(is_words("NO_CREDENTIALS", '_', upper));
        assert!(is_words("HTTP2_ERROR", '_', upper));
        assert!(is_words("ERROR_2", '_', upper));
        assert!(!is_words("2FA_REQUIRED", '_', upper));
        assert!(!is_words("no_credentials", '_', upper));
        assert!(!is_words("DOUBLE__UNDERSCORE", '_', upper));
        assert!(!is_words("TRAILING_", '_', upper));
        assert!(!is_words("", '_', upper));
    }

    #[test]
    fn hints_suggest_a_valid_spelling() {
        assert_eq!(suggest_words("noCredentials", '_', true), "NO_CREDENTIALS");
        assert_eq!(suggest_words("Rate Limit", '_', false), "rate_limit");
        assert_eq!(suggest_words("My_API", '-', false), "my-api");
    }

    #[test]
    fn versions_are_three_plain_numbers() {
        assert!(is_version("1.0.0"));
        assert!(is_version("10.20.30"));
        assert!(!is_version("1.0"));
        assert!(!is_version("01.0.0"));
        assert!(!is_version("1.0.0-beta"));
        assert!(!is_version("18446744073709551616.0.0"));
        assert!(!is_version("9007199254740992.0.0"));
        assert!(is_version("9007199254740991.0.0"));
    }

    #[test]
    fn bidi_overrides_are_forbidden_everywhere_and_newlines_only_in_lines() {
        assert!(is_forbidden('\u{202E}', TextKind::Paragraphs));
        assert!(is_forbidden('\u{2066}', TextKind::Line));
        assert!(is_forbidden('\u{7}', TextKind::Paragraphs));
        assert!(is_forbidden('\n', TextKind::Line));
        assert!(!is_forbidden('\n', TextKind::Paragraphs));
        assert!(!is_forbidden('é', TextKind::Line));
    }
}
