//! The validated, language-neutral model of a catalog.
//!
//! Emitters read only this model. Everything here has passed validation: codes are unique,
//! well-formed and collision-free in every target, every status a code names is an error status
//! of the status table, every category exists, and no text holds control or bidirectional
//! override characters (descriptions may hold newlines; messages and titles may not).
//!
//! Order is fixed once, here, for every target:
//! - `codes` and `categories` keep the order in which the catalog file lists them;
//! - `statuses` are sorted by status code.
//!
//! The attributes of a code are described once, in [`CODE_ATTRIBUTES`]: each target renders its
//! record type, accessors, table rows and docs columns by walking that list, so a new plain
//! attribute is a field of [`Code`], a line of [`CODE_ATTRIBUTES`] and its loading.

/// A whole catalog, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    /// File name of the catalog the model was loaded from (e.g. `catalog.toml`), named in the
    /// header of every generated file.
    pub source_name: String,
    /// Package name shared by every generated package: lowercase words joined by `-`
    /// (e.g. `ai-api-errors`).
    pub name: String,
    /// Package version shared by every generated package: `MAJOR.MINOR.PATCH`.
    pub version: String,
    /// Human title of the catalog (e.g. `AI API errors`).
    pub title: String,
    /// What the catalog covers; may span several lines.
    pub description: String,
    /// What the registries show of every package: license, links, authors, keywords.
    pub metadata: PackageMetadata,
    /// The HTTP status table, sorted by status code. Holds success statuses too.
    pub statuses: Vec<Status>,
    /// Categories, in catalog order.
    pub categories: Vec<Category>,
    /// Error codes, in catalog order.
    pub codes: Vec<Code>,
    /// Codes servers no longer send, kept so their names stay reserved, in catalog order.
    pub retired: Vec<Retired>,
    /// Documentation of the error envelope.
    pub envelope: Envelope,
}

impl Catalog {
    /// The description on one line (runs of white space, line breaks included, become one
    /// space): the one-line summary every package manifest shows.
    pub fn summary(&self) -> String {
        self.description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The optional publishing keys of `[catalog]`, shared by every package manifest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageMetadata {
    /// An SPDX license expression (`MIT OR Apache-2.0`). Without one, every package is marked
    /// as not for publishing: registries need a license, and only the catalog's owner can
    /// choose it.
    pub license: Option<String>,
    /// The http(s) URL of the source repository.
    pub repository: Option<String>,
    /// The http(s) URL of the project's home page.
    pub homepage: Option<String>,
    /// Authors, in catalog order.
    pub authors: Vec<Author>,
    /// Registry keywords, in catalog order: at most 5, each as crates.io accepts it.
    pub keywords: Vec<String>,
}

impl PackageMetadata {
    /// Whether the packages may go to a registry: every registry needs a license.
    pub fn is_publishable(&self) -> bool {
        self.license.is_some()
    }
}

/// One author: `Name` or `Name <email>` in the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    /// The name, one line, without `<` or `>`.
    pub name: String,
    /// The e-mail address, if given.
    pub email: Option<String>,
}

impl std::fmt::Display for Author {
    /// `Name <email>` (or `Name`), as Cargo and npm write a person.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.email {
            Some(email) => write!(f, "{} <{email}>", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// One row of the HTTP status table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The status code, 100–599.
    pub code: u16,
    /// Its title (e.g. `Rate Limit Exceeded`).
    pub title: String,
    /// Whether errors with this status are retryable unless a code says otherwise.
    /// Always `false` below 400.
    pub retryable: bool,
}

impl Status {
    /// True for 4xx and 5xx statuses, the only ones an error code may have.
    pub fn is_error(&self) -> bool {
        crate::rules::is_error_status(self.code)
    }
}

/// A group of related codes (e.g. authentication errors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Identifier: lowercase words joined by `_` (e.g. `rate_limit`).
    pub id: String,
    /// Section title (e.g. `Rate Limiting Errors`).
    pub title: String,
    /// What the codes of this category have in common; may span several lines.
    pub description: String,
}

/// One error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    /// The exact string sent on the wire, also the code's name everywhere: uppercase words
    /// joined by `_` (e.g. `NO_CREDENTIALS`).
    pub wire: String,
    /// HTTP status of responses carrying this code; an error status of the status table.
    pub status: u16,
    /// Default human-readable message sent with the code; one line, never empty.
    pub message: String,
    /// What the code means; may span several lines.
    pub description: String,
    /// Index into [`Catalog::categories`].
    pub category: usize,
    /// The request field the code concerns, if any (e.g. `temperature`).
    pub field: Option<String>,
    /// Whether a client may retry the request: the code's own setting, or else its status's.
    pub retryable: bool,
    /// What a client, or its user, should do about the code, if the catalog says; one line.
    pub remedy: Option<String>,
    /// Set when the code is deprecated: servers still send it, clients should move off it.
    pub deprecated: Option<Deprecation>,
}

/// Why and since when a code is deprecated (`deprecated = { since, replaced_by, note }`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    /// The catalog version that deprecated the code (`MAJOR.MINOR.PATCH`, at most the catalog's).
    pub since: String,
    /// The code to use instead, if any: a current code of the catalog, never a retired one.
    pub replaced_by: Option<String>,
    /// Why, or what to do instead; one line.
    pub note: Option<String>,
}

/// A retired code, a tombstone (`[retired.OLD_CODE]`): servers no longer send it, packages parse
/// it as an unknown code but can still say what it was, and its name may never name a code again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retired {
    /// The wire string the code had: uppercase words joined by `_`; no current code has it.
    pub wire: String,
    /// The catalog version that retired it (`MAJOR.MINOR.PATCH`, at most the catalog's).
    pub since: String,
    /// The last HTTP status it had (4xx or 5xx; the status table need not have it any more).
    pub status: u16,
    /// The current code that replaced it, if any.
    pub replaced_by: Option<String>,
    /// Why it was retired, or what to do instead; one line.
    pub note: String,
}

/// Documentation of the JSON error envelope, whose shape is fixed by catalog format 1:
///
/// ```json
/// {
///   "success": false,
///   "error": {
///     "code": "ERROR_CODE",
///     "message": "Human-readable error message",
///     "details": { "field": "specific_field_name", "issue": "detailed_issue_description" }
///   },
///   "meta": { "request_id": "req_1234567890", "timestamp": "2024-01-01T00:00:00Z" }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// What the envelope is.
    pub description: String,
    /// `success`: always `false` in an error response.
    pub success: String,
    /// `error`: the error object.
    pub error: String,
    /// `error.code`.
    pub code: String,
    /// `error.message`.
    pub message: String,
    /// `error.details`.
    pub details: String,
    /// `error.details.field`.
    pub field: String,
    /// `error.details.issue`.
    pub issue: String,
    /// `meta`.
    pub meta: String,
    /// `meta.request_id`.
    pub request_id: String,
    /// `meta.timestamp`.
    pub timestamp: String,
    /// Example request id for docs and tests (e.g. `req_1234567890`).
    pub request_id_example: String,
    /// Example timestamp for docs and tests (e.g. `2024-01-01T00:00:00Z`).
    pub timestamp_example: String,
}

impl Catalog {
    /// The category of a code.
    pub fn category_of(&self, code: &Code) -> &Category {
        &self.categories[code.category]
    }

    /// The status table row of a status code, if the table has it.
    pub fn status(&self, code: u16) -> Option<&Status> {
        self.statuses.iter().find(|s| s.code == code)
    }

    /// The title of a status of the table; empty for a status it lacks (validation puts every
    /// code's status in the table).
    pub fn status_title(&self, code: u16) -> &str {
        self.status(code).map_or("", |s| s.title.as_str())
    }

    /// The current code with this wire string.
    pub fn code(&self, wire: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.wire == wire)
    }

    /// The retired code with this wire string.
    pub fn retired_code(&self, wire: &str) -> Option<&Retired> {
        self.retired.iter().find(|r| r.wire == wire)
    }

    /// The codes of one category, in catalog order.
    pub fn codes_in(&self, category: usize) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(move |c| c.category == category)
    }
}

/// The type of a per-code attribute, which decides how each target writes its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeType {
    /// An HTTP status code of the status table (`u16`, `number`, `int`).
    Status,
    /// A category of the catalog (the `Category` enum of each package).
    Category,
    /// One line of text, never empty.
    Line,
    /// Text that may span several lines (paragraphs).
    Paragraphs,
    /// One line of text, or nothing.
    OptionalLine,
    /// A flag.
    Flag,
}

/// The value of one attribute of one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeValue<'a> {
    /// See [`AttributeType::Status`].
    Status(u16),
    /// See [`AttributeType::Category`]: the index into [`Catalog::categories`].
    Category(usize),
    /// See [`AttributeType::Line`] and [`AttributeType::Paragraphs`].
    Text(&'a str),
    /// See [`AttributeType::OptionalLine`].
    OptionalText(Option<&'a str>),
    /// See [`AttributeType::Flag`].
    Flag(bool),
}

/// One attribute every code has, besides its wire string.
#[derive(Clone, Copy, Debug)]
pub struct CodeAttribute {
    /// Its name in `catalog.toml` and, in each language's case convention, in every package
    /// (`status`, `retryable`; a two-word name `foo_bar` is `fooBar` in TypeScript).
    pub name: &'static str,
    /// Column title in the docs (`Status`).
    pub title: &'static str,
    /// The type of its values.
    pub ty: AttributeType,
    /// What it is, one sentence for the docs of record fields and accessors of every package.
    pub doc: &'static str,
    /// Its value for one code.
    pub value: for<'a> fn(&'a Code) -> AttributeValue<'a>,
}

/// Every attribute of a code, in the order records, accessors and docs columns list them.
pub const CODE_ATTRIBUTES: &[CodeAttribute] = &[
    CodeAttribute {
        name: "status",
        title: "Status",
        ty: AttributeType::Status,
        doc: "The HTTP status of responses carrying this code.",
        value: |c| AttributeValue::Status(c.status),
    },
    CodeAttribute {
        name: "category",
        title: "Category",
        ty: AttributeType::Category,
        doc: "The category this code belongs to.",
        value: |c| AttributeValue::Category(c.category),
    },
    CodeAttribute {
        name: "message",
        title: "Message",
        ty: AttributeType::Line,
        doc: "The default human-readable message sent with this code.",
        value: |c| AttributeValue::Text(&c.message),
    },
    CodeAttribute {
        name: "description",
        title: "Description",
        ty: AttributeType::Paragraphs,
        doc: "What this code means.",
        value: |c| AttributeValue::Text(&c.description),
    },
    CodeAttribute {
        name: "field",
        title: "Field",
        ty: AttributeType::OptionalLine,
        doc: "The request field this code concerns, if any.",
        value: |c| AttributeValue::OptionalText(c.field.as_deref()),
    },
    CodeAttribute {
        name: "retryable",
        title: "Retryable",
        ty: AttributeType::Flag,
        doc: "Whether a client may retry a request that failed with this code.",
        value: |c| AttributeValue::Flag(c.retryable),
    },
    CodeAttribute {
        name: "remedy",
        title: "Remedy",
        ty: AttributeType::OptionalLine,
        doc: "What to do about this code, if the catalog says.",
        value: |c| AttributeValue::OptionalText(c.remedy.as_deref()),
    },
];

impl CodeAttribute {
    /// The attribute's value for `code`.
    pub fn of<'a>(&self, code: &'a Code) -> AttributeValue<'a> {
        (self.value)(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_value_has_the_attribute_type() {
        let code = Code {
            wire: "A".to_owned(),
            status: 400,
            message: "m".to_owned(),
            description: "d".to_owned(),
            category: 0,
            field: None,
            retryable: false,
            remedy: None,
            deprecated: None,
        };
        for attribute in CODE_ATTRIBUTES {
            let matches = matches!(
                (attribute.ty, attribute.of(&code)),
                (AttributeType::Status, AttributeValue::Status(_))
                    | (AttributeType::Category, AttributeValue::Category(_))
                    | (
                        AttributeType::Line | AttributeType::Paragraphs,
                        AttributeValue::Text(_)
                    )
                    | (AttributeType::OptionalLine, AttributeValue::OptionalText(_))
                    | (AttributeType::Flag, AttributeValue::Flag(_))
            );
            assert!(matches, "{}", attribute.name);
        }
        let mut names: Vec<&str> = CODE_ATTRIBUTES.iter().map(|a| a.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CODE_ATTRIBUTES.len());
    }
}
