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

/// The member name of a code in `ErrorCode` (`MISSING_API_KEY` → `MISSING_API_KEY`): the wire
/// string itself, always a valid identifier since codes are uppercase words joined by `_`.
pub fn member_name(code: &str) -> String {
    code.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_their_own_member_names() {
        assert_eq!(member_name("MISSING_API_KEY"), "MISSING_API_KEY");
        assert_eq!(member_name("HTTP2_ERROR"), "HTTP2_ERROR");
    }
}
