//! Comparing a catalog with an earlier one, in the manner of `buf breaking`: every change is
//! classified by a named [`Rule`] with a [`Level`] that says what it breaks and which version bump
//! it needs. Pure: the caller reads both catalogs (`cargo xtask breaking --against REV`).
//!
//! - [`Level::Error`] always fails: a code removed without being retired, a retired name reused.
//! - [`Level::Breaking`] needs a MAJOR bump: what a client relies on changed (a status, the
//!   retryability, a category, a field, a code retired, a status or category removed, the package
//!   renamed).
//! - [`Level::Safe`] needs a MINOR bump: codes, statuses or categories added, codes deprecated.
//! - [`Level::Cosmetic`] needs a PATCH bump: texts changed.
//!
//! A version that is not high enough for the changes is itself a failure ([`VERSION_TOO_LOW`]),
//! naming the version to use.

use std::fmt::Write as _;
use std::ops::Range;

use crate::catalog::locate;
use crate::diagnostics::line_col;
use crate::emit::shared::markdown::{code_span, inline as escape_text};
use crate::model::{Catalog, Code, Deprecation, Retired};
use crate::rules::family_of;

/// How serious a change is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Needs a PATCH bump: nothing a program relies on changed.
    Cosmetic,
    /// Needs a MINOR bump: safe on the wire, though exhaustive handlers may need an update.
    Safe,
    /// Needs a MAJOR bump: clients relying on the old behaviour break.
    Breaking,
    /// Always fails, whatever the version.
    Error,
}

impl Level {
    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Level::Cosmetic => "cosmetic",
            Level::Safe => "safe",
            Level::Breaking => "breaking",
            Level::Error => "error",
        }
    }

    /// The version bump a change of this level needs (`None` for errors: no bump fixes them).
    pub fn bump(self) -> Option<Bump> {
        match self {
            Level::Cosmetic => Some(Bump::Patch),
            Level::Safe => Some(Bump::Minor),
            Level::Breaking => Some(Bump::Major),
            Level::Error => None,
        }
    }
}

/// A semantic version bump.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// `x.y.Z`
    Patch,
    /// `x.Y.0`
    Minor,
    /// `X.0.0`
    Major,
}

impl Bump {
    /// `PATCH`, `MINOR`, `MAJOR`.
    pub fn name(self) -> &'static str {
        match self {
            Bump::Patch => "PATCH",
            Bump::Minor => "MINOR",
            Bump::Major => "MAJOR",
        }
    }

    /// The smallest version after `old` with this bump.
    pub fn apply(self, old: &semver::Version) -> semver::Version {
        match self {
            Bump::Patch => semver::Version::new(old.major, old.minor, old.patch + 1),
            Bump::Minor => semver::Version::new(old.major, old.minor + 1, 0),
            Bump::Major => semver::Version::new(old.major + 1, 0, 0),
        }
    }

    /// Whether `new` is at least this bump above `old`.
    pub fn satisfied(self, old: &semver::Version, new: &semver::Version) -> bool {
        match self {
            Bump::Major => new.major > old.major,
            Bump::Minor => (new.major, new.minor) > (old.major, old.minor),
            Bump::Patch => new > old,
        }
    }
}

/// Where a change belongs in release notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// New codes, statuses, categories.
    Added,
    /// Codes deprecated (or no longer deprecated).
    Deprecated,
    /// Codes retired.
    Retired,
    /// Everything else that changed.
    Changed,
    /// Failures: what must be fixed before a release.
    Problems,
}

impl Section {
    fn title(self) -> &'static str {
        match self {
            Section::Added => "Added",
            Section::Deprecated => "Deprecated",
            Section::Retired => "Retired",
            Section::Changed => "Changed",
            Section::Problems => "Problems",
        }
    }
}

/// A named rule of the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Its name, in capitals (`CODE_STATUS_CHANGED`).
    pub id: &'static str,
    /// Its level.
    pub level: Level,
    /// Where its changes go in release notes.
    pub section: Section,
    /// What it detects and who it breaks, one sentence.
    pub doc: &'static str,
}

macro_rules! rules {
    ($($name:ident = $level:ident, $section:ident, $doc:literal;)*) => {
        $(
            #[doc = $doc]
            pub const $name: Rule = Rule {
                id: stringify!($name),
                level: Level::$level,
                section: Section::$section,
                doc: $doc,
            };
        )*
        /// Every rule, most serious first.
        pub const RULES: &[Rule] = &[$($name),*];
    };
}

rules! {
    CODE_REMOVED = Error, Problems,
        "A code was removed without being retired: clients that handle it silently lose it, and its name could be reused with another meaning.";
    RETIRED_NAME_REUSED = Error, Problems,
        "A code has the name of a retired code: clients, logs and links that hold the old code now read another meaning.";
    RETIRED_CODE_REMOVED = Error, Problems,
        "A retired code's tombstone was removed: its name is no longer reserved and packages forget what it was.";
    VERSION_TOO_LOW = Error, Problems,
        "The catalog's version is not high enough for its changes.";
    PACKAGE_RENAMED = Breaking, Changed,
        "The package was renamed: every dependency on it must change.";
    CODE_STATUS_CHANGED = Breaking, Changed,
        "A code's HTTP status changed: clients that branch on the status or its family class see another one.";
    CODE_RETRYABLE_CHANGED = Breaking, Changed,
        "A code's retryability flipped: clients retry what they should not, or stop retrying.";
    CODE_CATEGORY_CHANGED = Breaking, Changed,
        "A code moved to another category: code grouping errors by category sees it elsewhere.";
    CODE_FIELD_CHANGED = Breaking, Changed,
        "The request field a code concerns changed: clients that point the user at the field point at another.";
    CODE_RETIRED = Breaking, Retired,
        "A code was retired: servers no longer send it, and packages parse it as an unknown code.";
    STATUS_REMOVED = Breaking, Changed,
        "A status was removed from the status table: its title and default retryability are gone from the packages.";
    STATUS_RETRYABLE_CHANGED = Breaking, Changed,
        "A status's default retryability flipped: clients retry unknown codes of that status differently.";
    CATEGORY_REMOVED = Breaking, Changed,
        "A category was removed: code that names it stops compiling.";
    CODE_ADDED = Safe, Added,
        "A code was added: safe on the wire, but exhaustive handlers in TypeScript and Python stop compiling until they handle it.";
    CODE_DEPRECATED = Safe, Deprecated,
        "A code was deprecated: it still works; code that names it gets a deprecation warning.";
    CODE_UNDEPRECATED = Safe, Deprecated,
        "A code is no longer deprecated.";
    STATUS_ADDED = Safe, Added,
        "A status was added to the status table.";
    CATEGORY_ADDED = Safe, Added,
        "A category was added: exhaustive handling of categories must handle it.";
    CODE_MESSAGE_CHANGED = Cosmetic, Changed,
        "A code's default message changed.";
    CODE_DESCRIPTION_CHANGED = Cosmetic, Changed,
        "A code's description changed.";
    CODE_REMEDY_CHANGED = Cosmetic, Changed,
        "What a code's remedy says to do changed, or a code gained or lost one.";
    CODE_DEPRECATION_CHANGED = Cosmetic, Deprecated,
        "The version, replacement or note of a code's deprecation changed.";
    RETIRED_CODE_CHANGED = Cosmetic, Retired,
        "The record of a retired code (version, last status, replacement, note) changed.";
    CODES_REORDERED = Cosmetic, Changed,
        "The codes are in another order: lists in the packages and the docs follow it, and so do the Rust discriminants.";
    STATUS_TITLE_CHANGED = Cosmetic, Changed,
        "A status's title changed.";
    CATEGORY_TEXT_CHANGED = Cosmetic, Changed,
        "A category's title or description changed.";
    CATALOG_TEXT_CHANGED = Cosmetic, Changed,
        "The catalog's title or description changed.";
    ENVELOPE_DOCS_CHANGED = Cosmetic, Changed,
        "The documentation of the error envelope changed.";
}

/// One change between the two catalogs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The rule that classifies it.
    pub rule: Rule,
    /// The code (or status, category) it concerns, if any.
    pub subject: Option<String>,
    /// What changed, one line.
    pub message: String,
    /// Where the change is in the new catalog's text, when it has a place there.
    pub span: Option<Range<usize>>,
}

/// The result of comparing two catalogs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The package name, as the new catalog has it.
    pub name: String,
    /// The old catalog's version.
    pub old_version: String,
    /// The new catalog's version.
    pub new_version: String,
    /// The bump the changes need, if any.
    pub required: Option<Bump>,
    /// The smallest version the new catalog may have.
    pub required_version: String,
    /// Every change, in rule order then catalog order, then the version check if it failed.
    pub changes: Vec<Change>,
}

impl Report {
    /// True when nothing fails: no error-level change (the version check included).
    pub fn passed(&self) -> bool {
        self.changes.iter().all(|c| c.rule.level != Level::Error)
    }

    /// How many changes have each level, most serious first, for summaries.
    fn counts(&self) -> Vec<(Level, usize)> {
        let mut out = Vec::new();
        for level in [Level::Error, Level::Breaking, Level::Safe, Level::Cosmetic] {
            let n = self
                .changes
                .iter()
                .filter(|c| c.rule.level == level)
                .count();
            if n > 0 {
                out.push((level, n));
            }
        }
        out
    }
}

/// Compares `new` (whose text is `new_text`, for locations) with `old`.
pub fn compare(old: &Catalog, new: &Catalog, new_text: &str) -> Report {
    let mut changes = Changes {
        text: new_text,
        list: Vec::new(),
    };
    package(old, new, &mut changes);
    codes(old, new, &mut changes);
    retired(old, new, &mut changes);
    statuses(old, new, &mut changes);
    categories(old, new, &mut changes);
    texts(old, new, &mut changes);
    let mut list = changes.list;
    // Stable: most serious first, then the order in which the checks found them.
    list.sort_by_key(|c| std::cmp::Reverse(c.rule.level));

    let required = list.iter().filter_map(|c| c.rule.level.bump()).max();
    let old_version = semver::Version::parse(&old.version).ok();
    let new_version = semver::Version::parse(&new.version).ok();
    let mut required_version = new.version.clone();
    if let (Some(old_v), Some(new_v)) = (old_version, new_version) {
        let ok = match required {
            Some(bump) => bump.satisfied(&old_v, &new_v),
            None => new_v >= old_v,
        };
        let wanted = required.map_or(old_v.clone(), |b| b.apply(&old_v));
        required_version = wanted.to_string();
        if !ok {
            let why = match required {
                Some(bump) => format!(
                    "the changes need a {} bump from {old_v}: set `version = \"{wanted}\"`",
                    bump.name()
                ),
                None => format!(
                    "it is lower than {old_v}, and nothing changed: set `version = \"{old_v}\"`"
                ),
            };
            list.push(Change {
                rule: VERSION_TOO_LOW,
                subject: None,
                message: format!("version {new_v} is not high enough: {why}"),
                span: locate(new_text, &["catalog", "version"]),
            });
        }
    }
    Report {
        name: new.name.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        required,
        required_version,
        changes: list,
    }
}

struct Changes<'t> {
    text: &'t str,
    list: Vec<Change>,
}

impl Changes<'_> {
    /// Records a change located at the first of `paths` the new text has.
    fn push(&mut self, rule: Rule, subject: &str, message: String, paths: &[&[&str]]) {
        let span = paths.iter().find_map(|path| locate(self.text, path));
        self.list.push(Change {
            rule,
            subject: (!subject.is_empty()).then(|| subject.to_owned()),
            message,
            span,
        });
    }
}

fn package(old: &Catalog, new: &Catalog, out: &mut Changes) {
    if old.name != new.name {
        out.push(
            PACKAGE_RENAMED,
            &new.name,
            format!("the package `{}` is now `{}`", old.name, new.name),
            &[&["catalog", "name"]],
        );
    }
}

fn codes(old: &Catalog, new: &Catalog, out: &mut Changes) {
    for before in &old.codes {
        let name = before.wire.as_str();
        match (new.code(name), new.retired_code(name)) {
            (Some(after), _) => code_changes(old, new, before, after, out),
            (None, Some(retired)) => out.push(
                CODE_RETIRED,
                name,
                format!(
                    "code `{name}` ({} {}) was retired in {}{}",
                    before.status,
                    old.status_title(before.status),
                    retired.since,
                    replacement(retired.replaced_by.as_deref())
                ),
                &[&["retired", name]],
            ),
            (None, None) => out.push(
                CODE_REMOVED,
                name,
                format!(
                    "code `{name}` was removed without being retired: add a `[retired.{name}]` table (since, status, note) instead of deleting it"
                ),
                &[],
            ),
        }
    }
    for after in &new.codes {
        let name = after.wire.as_str();
        if old.code(name).is_some() {
            continue;
        }
        if old.retired_code(name).is_some() {
            out.push(
                RETIRED_NAME_REUSED,
                name,
                format!(
                    "code `{name}` reuses the name of a code retired in an earlier version: give it another name"
                ),
                &[&["codes", name]],
            );
            continue;
        }
        out.push(
            CODE_ADDED,
            name,
            format!(
                "code `{name}` ({} {}) was added: exhaustive `switch`/`match` statements and handler maps in TypeScript and Python must handle it",
                after.status,
                new.status_title(after.status)
            ),
            &[&["codes", name]],
        );
        if let Some(deprecation) = &after.deprecated {
            out.push(
                CODE_DEPRECATED,
                name,
                format!(
                    "code `{name}` is deprecated{}",
                    deprecation_text(deprecation)
                ),
                &[&["codes", name, "deprecated"]],
            );
        }
    }
    let common_old: Vec<&str> = old
        .codes
        .iter()
        .map(|c| c.wire.as_str())
        .filter(|w| new.code(w).is_some())
        .collect();
    let common_new: Vec<&str> = new
        .codes
        .iter()
        .map(|c| c.wire.as_str())
        .filter(|w| old.code(w).is_some())
        .collect();
    if common_old != common_new {
        let first = common_old
            .iter()
            .zip(&common_new)
            .find(|(a, b)| a != b)
            .map_or("", |(_, b)| *b);
        out.push(
            CODES_REORDERED,
            first,
            format!("the codes are in another order, from `{first}` on"),
            &[&["codes", first]],
        );
    }
}

fn code_changes(old: &Catalog, new: &Catalog, before: &Code, after: &Code, out: &mut Changes) {
    let name = after.wire.as_str();
    let path = |key: &str| vec!["codes".to_owned(), name.to_owned(), key.to_owned()];
    let mut push = |rule: Rule, key: &str, message: String| {
        let key_path = path(key);
        let key_path: Vec<&str> = key_path.iter().map(String::as_str).collect();
        out.push(rule, name, message, &[&key_path, &["codes", name]]);
    };
    if before.status != after.status {
        let (from, to) = (family_of(before.status), family_of(after.status));
        let class = |status: u16| if status >= 500 { "5xx" } else { "4xx" };
        let family = if from != to {
            format!(
                "another family: `{from}` → `{to}`{}",
                if class(before.status) != class(after.status) {
                    format!(", {} → {}", class(before.status), class(after.status))
                } else {
                    String::new()
                }
            )
        } else {
            format!("the same family, `{to}`")
        };
        push(
            CODE_STATUS_CHANGED,
            "status",
            format!(
                "code `{name}`: status {} → {} ({family})",
                before.status, after.status
            ),
        );
    }
    if before.retryable != after.retryable {
        let effect = if after.retryable {
            "clients now retry it"
        } else {
            "clients stop retrying it"
        };
        push(
            CODE_RETRYABLE_CHANGED,
            "retryable",
            format!(
                "code `{name}`: retryable {} → {} ({effect})",
                before.retryable, after.retryable
            ),
        );
    }
    let (old_category, new_category) = (&old.category_of(before).id, &new.category_of(after).id);
    if old_category != new_category {
        push(
            CODE_CATEGORY_CHANGED,
            "category",
            format!("code `{name}`: category `{old_category}` → `{new_category}`"),
        );
    }
    if before.field != after.field {
        let show = |f: &Option<String>| f.as_ref().map_or("none".to_owned(), |f| format!("`{f}`"));
        push(
            CODE_FIELD_CHANGED,
            "field",
            format!(
                "code `{name}`: field {} → {}",
                show(&before.field),
                show(&after.field)
            ),
        );
    }
    match (&before.deprecated, &after.deprecated) {
        (None, Some(deprecation)) => push(
            CODE_DEPRECATED,
            "deprecated",
            format!(
                "code `{name}` is deprecated{}",
                deprecation_text(deprecation)
            ),
        ),
        (Some(_), None) => push(
            CODE_UNDEPRECATED,
            "",
            format!("code `{name}` is no longer deprecated"),
        ),
        (Some(a), Some(b)) if a != b => push(
            CODE_DEPRECATION_CHANGED,
            "deprecated",
            format!(
                "code `{name}`: deprecation changed, now{}",
                deprecation_text(b)
            ),
        ),
        _ => {}
    }
    if before.message != after.message {
        push(
            CODE_MESSAGE_CHANGED,
            "message",
            format!(
                "code `{name}`: message {:?} → {:?}",
                before.message, after.message
            ),
        );
    }
    if before.description != after.description {
        push(
            CODE_DESCRIPTION_CHANGED,
            "description",
            format!("code `{name}`: description changed"),
        );
    }
    if before.remedy != after.remedy {
        push(
            CODE_REMEDY_CHANGED,
            "remedy",
            format!("code `{name}`: remedy changed"),
        );
    }
}

fn retired(old: &Catalog, new: &Catalog, out: &mut Changes) {
    for before in &old.retired {
        let name = before.wire.as_str();
        match new.retired_code(name) {
            Some(after) if after != before => out.push(
                RETIRED_CODE_CHANGED,
                name,
                format!("retired code `{name}`: its record changed"),
                &[&["retired", name]],
            ),
            Some(_) => {}
            // A reuse is reported once, as RETIRED_NAME_REUSED.
            None if new.code(name).is_some() => {}
            None => out.push(
                RETIRED_CODE_REMOVED,
                name,
                format!(
                    "retired code `{name}` was removed: keep its `[retired.{name}]` table so that its name stays reserved"
                ),
                &[],
            ),
        }
    }
    // A tombstone for a code the old catalog never had: recorded, nothing breaks.
    for after in &new.retired {
        let name = after.wire.as_str();
        if old.retired_code(name).is_none() && old.code(name).is_none() {
            out.push(
                RETIRED_CODE_CHANGED,
                name,
                format!(
                    "retired code `{name}` is now recorded as retired in {}",
                    after.since
                ),
                &[&["retired", name]],
            );
        }
    }
}

fn statuses(old: &Catalog, new: &Catalog, out: &mut Changes) {
    for before in &old.statuses {
        let key = before.code.to_string();
        match new.status(before.code) {
            None => out.push(
                STATUS_REMOVED,
                &key,
                format!(
                    "status {key} ({}) was removed from the status table",
                    before.title
                ),
                &[],
            ),
            Some(after) => {
                if before.retryable != after.retryable {
                    out.push(
                        STATUS_RETRYABLE_CHANGED,
                        &key,
                        format!(
                            "status {key}: retryable {} → {} (for codes that do not say, and unknown codes)",
                            before.retryable, after.retryable
                        ),
                        &[&["statuses", &key, "retryable"], &["statuses", &key]],
                    );
                }
                if before.title != after.title {
                    out.push(
                        STATUS_TITLE_CHANGED,
                        &key,
                        format!("status {key}: title {:?} → {:?}", before.title, after.title),
                        &[&["statuses", &key, "title"], &["statuses", &key]],
                    );
                }
            }
        }
    }
    for after in &new.statuses {
        if old.status(after.code).is_none() {
            let key = after.code.to_string();
            out.push(
                STATUS_ADDED,
                &key,
                format!("status {key} ({}) was added", after.title),
                &[&["statuses", &key]],
            );
        }
    }
}

fn categories(old: &Catalog, new: &Catalog, out: &mut Changes) {
    let find = |catalog: &'_ Catalog, id: &str| catalog.categories.iter().position(|c| c.id == id);
    for before in &old.categories {
        let id = before.id.as_str();
        match find(new, id).map(|i| &new.categories[i]) {
            None => out.push(
                CATEGORY_REMOVED,
                id,
                format!("category `{id}` was removed"),
                &[],
            ),
            Some(after) if after != before => out.push(
                CATEGORY_TEXT_CHANGED,
                id,
                format!("category `{id}`: title or description changed"),
                &[&["categories", id]],
            ),
            Some(_) => {}
        }
    }
    for after in &new.categories {
        let id = after.id.as_str();
        if find(old, id).is_none() {
            out.push(
                CATEGORY_ADDED,
                id,
                format!("category `{id}` was added"),
                &[&["categories", id]],
            );
        }
    }
}

fn texts(old: &Catalog, new: &Catalog, out: &mut Changes) {
    if old.title != new.title || old.description != new.description {
        out.push(
            CATALOG_TEXT_CHANGED,
            "",
            "the catalog's title or description changed".to_owned(),
            &[&["catalog", "title"], &["catalog"]],
        );
    }
    if old.envelope != new.envelope {
        out.push(
            ENVELOPE_DOCS_CHANGED,
            "",
            "the documentation of the error envelope changed".to_owned(),
            &[&["envelope"]],
        );
    }
}

fn replacement(code: Option<&str>) -> String {
    code.map_or(String::new(), |c| format!(", replaced by `{c}`"))
}

fn deprecation_text(deprecation: &Deprecation) -> String {
    let mut out = format!(
        " since {}{}",
        deprecation.since,
        replacement(deprecation.replaced_by.as_deref())
    );
    if let Some(note) = &deprecation.note {
        let _ = write!(out, ": {note}");
    }
    out
}

/// One line of the text report: `file:line:col: level [RULE] message`.
fn location(report_file: &str, text: &str, change: &Change) -> String {
    match &change.span {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            format!("{report_file}:{line}:{col}")
        }
        None => report_file.to_owned(),
    }
}

/// The report as text, one line per change, then the version verdict and a summary line.
/// `file` names the new catalog in locations, `text` is its text.
pub fn render_text(report: &Report, file: &str, text: &str) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let _ = writeln!(
            out,
            "{}: {} [{}] {}",
            location(file, text, change),
            change.rule.level.name(),
            change.rule.id,
            change.message
        );
    }
    let _ = writeln!(out, "{}", verdict(report));
    out
}

fn verdict(report: &Report) -> String {
    let counts: Vec<String> = report
        .counts()
        .iter()
        .map(|(level, n)| format!("{n} {}", level.name()))
        .collect();
    let summary = if counts.is_empty() {
        "no change".to_owned()
    } else {
        format!(
            "{} change{} ({})",
            report.changes.len(),
            if report.changes.len() == 1 { "" } else { "s" },
            counts.join(", ")
        )
    };
    let needs = match report.required {
        Some(bump) => format!(
            "needs a {} bump: version {} or later",
            bump.name(),
            report.required_version
        ),
        None => "needs no bump".to_owned(),
    };
    format!(
        "{}: {} → {}: {summary}; {needs}",
        if report.passed() { "ok" } else { "failed" },
        report.old_version,
        report.new_version,
    )
}

/// The report as JSON, for tools.
pub fn render_json(report: &Report, file: &str, text: &str) -> String {
    use serde_json::{Value, json};
    let changes: Vec<Value> = report
        .changes
        .iter()
        .map(|change| {
            let location = change.span.as_ref().map(|span| {
                let (line, column) = line_col(text, span.start);
                json!({ "file": file, "line": line, "column": column })
            });
            json!({
                "rule": change.rule.id,
                "level": change.rule.level.name(),
                "subject": change.subject,
                "message": change.message,
                "breaks": change.rule.doc,
                "location": location,
            })
        })
        .collect();
    let value = json!({
        "passed": report.passed(),
        "package": report.name,
        "old_version": report.old_version,
        "new_version": report.new_version,
        "required_bump": report.required.map(Bump::name),
        "required_version": report.required_version,
        "changes": changes,
    });
    format!("{value:#}\n")
}

/// The report as Markdown release notes (Added, Deprecated, Retired, Changed, and Problems when
/// the check fails), ready for a CHANGELOG.
pub fn render_markdown(report: &Report, new: &Catalog) -> String {
    let mut out = format!(
        "## {} {}\n\n",
        escape_text(&report.name),
        escape_text(&report.new_version)
    );
    let level = match report.required {
        Some(Bump::Major) => "**Breaking release.** ",
        _ => "",
    };
    let _ = writeln!(
        out,
        "{level}Changes since {}{}.",
        escape_text(&report.old_version),
        report
            .required
            .map_or(String::new(), |b| format!(" (a {} release)", b.name()))
    );
    if report.changes.is_empty() {
        out.push_str("\nNo change to the error codes.\n");
    }
    for section in [
        Section::Added,
        Section::Deprecated,
        Section::Retired,
        Section::Changed,
        Section::Problems,
    ] {
        let items: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.rule.section == section)
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = write!(out, "\n### {}\n\n", section.title());
        for change in items {
            let mark = match change.rule.level {
                Level::Breaking => "**breaking**: ",
                Level::Error => "**error**: ",
                _ => "",
            };
            let _ = writeln!(
                out,
                "- {mark}{}{} ({})",
                escape_text(&change.message),
                details(change, new),
                code_span(change.rule.id)
            );
        }
    }
    out
}

/// For an added code, its message; for a retired one, its note.
fn details(change: &Change, new: &Catalog) -> String {
    let Some(subject) = change.subject.as_deref() else {
        return String::new();
    };
    if change.rule == CODE_ADDED {
        return new
            .code(subject)
            .map_or(String::new(), |c| format!(": {}", escape_text(&c.message)));
    }
    if change.rule == CODE_RETIRED {
        return new
            .retired_code(subject)
            .map_or(String::new(), |r: &Retired| {
                format!(": {}", escape_text(&r.note))
            });
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    fn ids(report: &Report) -> Vec<&'static str> {
        report.changes.iter().map(|c| c.rule.id).collect()
    }

    #[test]
    fn an_unchanged_catalog_has_no_change_and_passes() {
        let catalog = sample::catalog();
        let report = compare(&catalog, &catalog, "");
        assert!(report.changes.is_empty());
        assert!(report.passed());
        assert_eq!(report.required, None);
    }

    #[test]
    fn a_removed_code_fails_even_with_a_major_bump() {
        let old = sample::catalog();
        let mut new = old.clone();
        new.codes.remove(0);
        new.version = "2.0.0".to_owned();
        let report = compare(&old, &new, "");
        assert_eq!(ids(&report), ["CODE_REMOVED"]);
        assert!(!report.passed());
    }

    #[test]
    fn retiring_a_code_needs_a_major_bump() {
        let old = sample::catalog();
        let mut new = old.clone();
        let code = new.codes.remove(0);
        new.retired.push(Retired {
            wire: code.wire,
            since: "2.0.0".to_owned(),
            status: code.status,
            replaced_by: None,
            note: "gone".to_owned(),
        });
        let report = compare(&old, &new, "");
        assert_eq!(ids(&report), ["CODE_RETIRED", "VERSION_TOO_LOW"]);
        assert_eq!(report.required_version, "2.0.0");
        new.version = "2.0.0".to_owned();
        let report = compare(&old, &new, "");
        assert_eq!(ids(&report), ["CODE_RETIRED"]);
        assert!(report.passed());
    }

    #[test]
    fn a_flipped_retryability_is_breaking() {
        let old = sample::catalog();
        let mut new = old.clone();
        new.codes[0].retryable = !new.codes[0].retryable;
        new.version = "1.3.0".to_owned();
        let report = compare(&old, &new, "");
        assert_eq!(ids(&report), ["CODE_RETRYABLE_CHANGED", "VERSION_TOO_LOW"]);
        assert!(report.changes[1].message.contains("2.0.0"));
    }

    #[test]
    fn bumps_are_checked_by_level() {
        let v = |s: &str| semver::Version::parse(s).unwrap();
        assert!(Bump::Minor.satisfied(&v("1.2.3"), &v("1.3.0")));
        assert!(Bump::Minor.satisfied(&v("1.2.3"), &v("2.0.0")));
        assert!(!Bump::Minor.satisfied(&v("1.2.3"), &v("1.2.4")));
        assert!(Bump::Patch.satisfied(&v("1.2.3"), &v("1.2.4")));
        assert!(!Bump::Patch.satisfied(&v("1.2.3"), &v("1.2.3")));
        assert!(!Bump::Major.satisfied(&v("1.2.3"), &v("1.9.0")));
        assert_eq!(Bump::Minor.apply(&v("1.2.3")), v("1.3.0"));
    }

    #[test]
    fn a_status_family_change_is_said() {
        let old = sample::catalog();
        let mut new = old.clone();
        new.codes[0].status = 429;
        new.codes[0].retryable = false;
        new.version = "2.0.0".to_owned();
        let report = compare(&old, &new, "");
        assert_eq!(ids(&report), ["CODE_STATUS_CHANGED"]);
        assert!(
            report.changes[0]
                .message
                .contains("`AuthenticationError` → `RateLimitError`"),
            "{}",
            report.changes[0].message
        );
    }

    #[test]
    fn every_rule_has_a_distinct_name() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }
}
