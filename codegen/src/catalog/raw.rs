//! Serde structs that mirror `catalog.toml`, table by table, with no logic.
//!
//! Every field is optional here so that validation can report all missing fields at once;
//! whether a field is required is decided in `validate.rs`. Each table is deserialized on its
//! own (see `unit.rs`), so one bad code does not hide problems in the others.

use serde::Deserialize;
use toml::Spanned;

/// Keys allowed at the top level of a catalog. The values of the table keys are read by the
/// structs below, one table at a time.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "format",
    "catalog",
    "statuses",
    "categories",
    "codes",
    "envelope",
    "retired",
];

/// `[catalog]`: what the catalog is and how its packages are named.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogInfo {
    pub name: Option<Spanned<String>>,
    pub version: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub license: Option<Spanned<String>>,
    pub repository: Option<Spanned<String>>,
    pub homepage: Option<Spanned<String>>,
    pub authors: Option<Spanned<Vec<Spanned<String>>>>,
    pub keywords: Option<Spanned<Vec<Spanned<String>>>>,
}

/// One entry of `[statuses]`, keyed by the status code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    pub title: Option<Spanned<String>>,
    pub retryable: Option<Spanned<bool>>,
}

/// One `[categories.ID]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
}

/// One `[codes.CODE]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    pub status: Option<Spanned<i64>>,
    pub category: Option<Spanned<String>>,
    pub message: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub field: Option<Spanned<String>>,
    pub retryable: Option<Spanned<bool>>,
    pub remedy: Option<Spanned<String>>,
    // `deprecated` is a table of its own, read as a separate unit: `RawDeprecation`.
}

/// `deprecated = { since, replaced_by, note }` of a code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeprecation {
    pub since: Option<Spanned<String>>,
    pub replaced_by: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
}

/// One `[retired.CODE]` table: a code servers no longer send, whose name stays reserved.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetired {
    pub since: Option<Spanned<String>>,
    pub status: Option<Spanned<i64>>,
    pub replaced_by: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
}

/// `[envelope]`: documentation of the error envelope, whose shape format 1 fixes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    pub description: Option<Spanned<String>>,
    pub request_id_example: Option<Spanned<String>>,
    pub timestamp_example: Option<Spanned<String>>,
    // `fields` is a table of its own, read as a separate unit: `RawEnvelopeFields`.
}

/// `[envelope.fields]`: one description per field of the envelope.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelopeFields {
    pub success: Option<Spanned<String>>,
    pub error: Option<Spanned<String>>,
    pub code: Option<Spanned<String>>,
    pub message: Option<Spanned<String>>,
    pub details: Option<Spanned<String>>,
    pub field: Option<Spanned<String>>,
    pub issue: Option<Spanned<String>>,
    pub meta: Option<Spanned<String>>,
    pub request_id: Option<Spanned<String>>,
    pub timestamp: Option<Spanned<String>>,
}
