//! Names in the TypeScript target: a code is its own member name in `ErrorCode` and in handler
//! objects, beside the lowercase `unknown` and `default`.

use super::{NameSource, Naming};

const TARGET: &str = "typescript";

/// Identifier conversions of the TypeScript target.
pub const NAMINGS: &[Naming] = &[Naming {
    target: TARGET,
    source: NameSource::Code,
    what: "`ErrorCode` member",
    convert: member_name,
    reserved: &["unknown", "default"],
}];

/// The member name of a code in `ErrorCode` (`NO_CREDENTIALS` → `NO_CREDENTIALS`): the wire
/// string itself, always a valid identifier since codes are uppercase words joined by `_`.
pub fn member_name(code: &str) -> String {
    code.to_owned()
}

/// The property name of a per-code attribute in `ErrorCodeInfo` (`retryable` → `retryable`,
/// `docs_url` → `docsUrl`): camelCase, as JavaScript names properties.
pub fn property_name(attribute: &str) -> String {
    let mut out = String::with_capacity(attribute.len());
    let mut upper = false;
    for c in attribute.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_their_own_member_names() {
        assert_eq!(member_name("NO_CREDENTIALS"), "NO_CREDENTIALS");
        assert_eq!(member_name("HTTP2_ERROR"), "HTTP2_ERROR");
    }

    #[test]
    fn attributes_are_camel_case_properties() {
        assert_eq!(property_name("retryable"), "retryable");
        assert_eq!(property_name("docs_url"), "docsUrl");
        assert_eq!(property_name("retry_after_ms"), "retryAfterMs");
    }
}
