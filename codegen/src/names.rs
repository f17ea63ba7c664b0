//! How each target names what the catalog names: the identifiers, anchors and package names it
//! derives from codes, categories and the package name, and the words it must not produce.
//!
//! This module sits below both validation and the emitters: validation checks every naming
//! here before any emitter runs (two codes that become the same identifier, a code that becomes
//! a keyword), and the emitters call the same conversions, so they never meet a name they cannot
//! write. What two targets both need (the Python class of a code, which the docs' examples name)
//! is found here, not in the other target's emitter.

pub mod docs;
pub mod python;
pub mod rust;
pub mod typescript;

/// What a catalog name is turned into in a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSource {
    /// An error code (`NO_CREDENTIALS`).
    Code,
    /// A category id (`rate_limit`).
    Category,
    /// The package name of `[catalog]` (`ai-api-errors`).
    Package,
}

impl NameSource {
    /// How diagnostics call a name of this source.
    pub fn noun(self) -> &'static str {
        match self {
            NameSource::Code => "code",
            NameSource::Category => "category",
            NameSource::Package => "package name",
        }
    }
}

/// One way a target derives an identifier from catalog names. Validation rejects two names
/// that map to the same identifier, and names that map to a reserved word.
#[derive(Clone, Copy, Debug)]
pub struct Naming {
    /// Target name, as in `emit::Target::name`.
    pub target: &'static str,
    /// Which catalog names this applies to.
    pub source: NameSource,
    /// What the identifier is, for diagnostics (e.g. "`ErrorCode` variant").
    pub what: &'static str,
    /// The conversion.
    pub convert: fn(&str) -> String,
    /// Identifiers the conversion must not produce (keywords that cannot be escaped, names the
    /// target uses itself).
    pub reserved: &'static [&'static str],
}

/// Every target's namings, in the order of the targets.
pub const NAMINGS: &[&[Naming]] = &[
    rust::NAMINGS,
    typescript::NAMINGS,
    python::NAMINGS,
    docs::NAMINGS,
];

/// An ASCII identifier of the C family: a letter or `_`, then letters, digits and `_`.
pub fn is_ascii_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_naming_is_listed_under_its_target() {
        for namings in NAMINGS {
            let target = namings[0].target;
            assert!(namings.iter().all(|n| n.target == target), "{target}");
        }
    }

    #[test]
    fn identifiers() {
        assert!(is_ascii_identifier("ai_api_errors"));
        assert!(is_ascii_identifier("A2"));
        assert!(!is_ascii_identifier("2A"));
        assert!(!is_ascii_identifier("a-b"));
        assert!(!is_ascii_identifier(""));
    }
}
