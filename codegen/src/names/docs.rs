//! Names in the docs target: the anchors of `errors.md`.
//!
//! Anchors are stable: each code has the lowercase code as its anchor
//! (`errors.md#too_many_calls`), each category `category-<id with ->`, each status
//! `status-<code>`; the page's own sections use hyphenated names listed in [`SECTION_ANCHORS`].

use super::{NameSource, Naming};

const TARGET: &str = "docs";

/// Anchors of the page's own sections. A code whose anchor would be one of them is rejected by
/// validation (codes never contain `-`, so only the one-word ones can actually collide; the
/// others are listed so that the list stays complete).
pub const SECTION_ANCHORS: &[&str] = &[
    "contents",
    "envelope",
    "statuses",
    "codes",
    "field-specific-errors",
    "request-id",
    "reading",
    "without-a-package",
    "handling",
    "retrying",
    "explain",
    "retired-codes",
    "schemas",
];

/// Identifier conversions of the docs target: the anchors of codes and categories.
pub const NAMINGS: &[Naming] = &[
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "`errors.md` anchor",
        convert: code_anchor,
        reserved: SECTION_ANCHORS,
    },
    Naming {
        target: TARGET,
        source: NameSource::Category,
        what: "`errors.md` anchor",
        convert: category_anchor,
        // `category-…` is never a section's anchor.
        reserved: &[],
    },
];

/// The anchor of a code: the code in lowercase (`TOO_MANY_CALLS` → `too_many_calls`),
/// also the GitHub slug of a heading that is the code.
pub fn code_anchor(code: &str) -> String {
    code.to_ascii_lowercase()
}

/// The anchor of a category (`rate_limit` → `category-rate-limit`): never a code's anchor (those
/// have no `-`) nor a section's.
pub fn category_anchor(id: &str) -> String {
    format!("category-{}", id.replace('_', "-"))
}

/// The anchor of a row of the status table (`status-429`).
pub fn status_anchor(status: u16) -> String {
    format!("status-{status}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_lowercase_codes_and_prefixed_categories() {
        assert_eq!(code_anchor("TOO_MANY_CALLS"), "too_many_calls");
        assert_eq!(code_anchor("HTTP2_ERROR"), "http2_error");
        assert_eq!(category_anchor("rate_limit"), "category-rate-limit");
        assert_eq!(status_anchor(429), "status-429");
        // A code named like a section would take its anchor.
        assert!(
            NAMINGS[0]
                .reserved
                .contains(&code_anchor("ENVELOPE").as_str())
        );
    }
}
