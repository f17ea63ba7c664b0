//! Names in the Rust target: `ErrorCode` and `Category` variants, and the crate.

use heck::ToUpperCamelCase;

use super::{NameSource, Naming};

const TARGET: &str = "rust";

/// Identifier conversions of the Rust target.
pub const NAMINGS: &[Naming] = &[
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "`ErrorCode` variant",
        convert: variant_name,
        reserved: &["Self"],
    },
    Naming {
        target: TARGET,
        source: NameSource::Category,
        what: "`Category` variant",
        convert: variant_name,
        reserved: &["Self"],
    },
    Naming {
        target: TARGET,
        source: NameSource::Package,
        what: "crate",
        convert: crate_name,
        reserved: KEYWORDS,
    },
];

/// The crate's name in Rust code (`ai-api-errors` → `ai_api_errors`).
pub fn crate_name(package: &str) -> String {
    package.replace('-', "_")
}

/// Rust's keywords, strict and reserved (2024 edition): a crate cannot be named by one.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The enum variant name of a code (`NO_CREDENTIALS` → `NoCredentials`) or a category
/// (`rate_limit` → `RateLimit`).
pub fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("HTTP2_ERROR"), "Http2Error");
        assert_eq!(variant_name("NO_CREDENTIALS"), "NoCredentials");
        assert_eq!(variant_name("OVERLOADED"), "Overloaded");
        assert_eq!(variant_name("rate_limit"), "RateLimit");
        assert_eq!(variant_name("text_generation"), "TextGeneration");
        assert_eq!(variant_name("SELF"), "Self");
    }

    #[test]
    fn the_crate_name_is_the_package_name_with_underscores_and_no_keyword() {
        assert_eq!(crate_name("ai-api-errors"), "ai_api_errors");
        let naming = NAMINGS
            .iter()
            .find(|n| n.source == NameSource::Package)
            .expect("a package naming");
        assert!(
            naming
                .reserved
                .contains(&(naming.convert)("async").as_str())
        );
        assert!(
            !naming
                .reserved
                .contains(&(naming.convert)("ai-api-errors").as_str())
        );
    }
}
