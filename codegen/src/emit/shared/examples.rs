//! Which codes the packages and docs show as examples, and the example envelope: each decided
//! once here, by role, so that every target shows the same code for the same purpose.

use super::json::Json;
use crate::model::{Catalog, Code};
use crate::rules::{BASE_CLASS, TOO_MANY_REQUESTS, family_of};

/// The codes of a catalog that examples show, each picked for a role.
#[derive(Clone, Copy, Debug)]
pub struct Examples<'a> {
    /// The code of the example envelope and of each package's first example: the first code
    /// that concerns a request field, else the first code.
    pub code: &'a Code,
    /// The first code that concerns a request field, if any.
    pub field: Option<&'a Code>,
    /// The first retryable code, a 429 one if there is one.
    pub retryable: Option<&'a Code>,
    /// The code shown caught by its own class after a family class: the first whose family is
    /// neither the base class nor the 429 family (an example that catches the 429 family
    /// first would hide it), else the first outside the 429 family, else the first code.
    pub own_class: &'a Code,
    /// The status whose family class the handling examples catch: the first 401's, else the
    /// first status with a family class.
    pub family_status: Option<u16>,
}

impl<'a> Examples<'a> {
    /// The picks of a validated catalog, which has at least one code.
    pub fn of(catalog: &'a Catalog) -> Self {
        let codes = &catalog.codes;
        let first = &codes[0];
        let field = codes.iter().find(|c| c.field.is_some());
        let retryable = codes
            .iter()
            .find(|c| c.status == TOO_MANY_REQUESTS && c.retryable)
            .or_else(|| codes.iter().find(|c| c.retryable));
        let family = |c: &Code| family_of(c.status);
        let rate_limit = family_of(TOO_MANY_REQUESTS);
        let own_class = codes
            .iter()
            .find(|c| ![BASE_CLASS, rate_limit].contains(&family(c)))
            .or_else(|| codes.iter().find(|c| family(c) != rate_limit))
            .unwrap_or(first);
        let family_status = codes
            .iter()
            .find(|c| c.status == 401)
            .or_else(|| codes.iter().find(|c| family(c) != BASE_CLASS))
            .map(|c| c.status);
        Examples {
            code: field.unwrap_or(first),
            field,
            retryable,
            own_class,
            family_status,
        }
    }
}

/// The envelope a server sends for `code` with the example request id and timestamp: the
/// details name the code's field when it has one.
pub fn envelope(catalog: &Catalog, code: &Code) -> Json {
    let mut error = vec![
        ("code", Json::str(&code.wire)),
        ("message", Json::str(&code.message)),
    ];
    if let Some(field) = &code.field {
        error.push(("details", Json::object([("field", Json::str(field))])));
    }
    Json::object([
        ("success", Json::Bool(false)),
        ("error", Json::object(error)),
        (
            "meta",
            Json::object([
                (
                    "request_id",
                    Json::str(&catalog.envelope.request_id_example),
                ),
                ("timestamp", Json::str(&catalog.envelope.timestamp_example)),
            ]),
        ),
    ])
}

/// A wire string that is not a code of the catalog, starting from `base` (`SOME_NEWER_CODE`).
pub fn unknown_code(catalog: &Catalog, base: &str) -> String {
    let mut name = base.to_owned();
    while catalog.codes.iter().any(|c| c.wire == name) {
        name.push('X');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn the_example_code_is_the_first_field_code_else_the_first() {
        let mut catalog = sample::catalog();
        assert_eq!(Examples::of(&catalog).code.wire, "BAD_TEMPERATURE");
        for code in &mut catalog.codes {
            code.field = None;
        }
        let examples = Examples::of(&catalog);
        assert_eq!(examples.code.wire, catalog.codes[0].wire);
        assert!(examples.field.is_none());
    }

    #[test]
    fn the_retryable_example_prefers_a_429() {
        let catalog = sample::catalog();
        assert_eq!(
            Examples::of(&catalog).retryable.map(|c| c.wire.as_str()),
            Some("TOO_MANY_CALLS")
        );
    }

    #[test]
    fn the_own_class_example_is_never_in_the_429_family_when_another_exists() {
        let mut catalog = sample::catalog();
        // NO_CREDENTIALS (401) has a family of its own.
        assert_eq!(Examples::of(&catalog).own_class.wire, "NO_CREDENTIALS");
        catalog.codes.retain(|c| c.status == 429 || c.status == 418);
        assert_eq!(Examples::of(&catalog).own_class.status, 429);
        catalog.codes[0].status = 418;
        catalog.codes.rotate_left(0);
        assert_eq!(Examples::of(&catalog).own_class.status, 418);
    }

    #[test]
    fn envelope_example_names_the_field() {
        let catalog = sample::catalog();
        let code = &catalog.codes[3];
        assert_eq!(
            envelope(&catalog, code).pretty(),
            "{\n  \"success\": false,\n  \"error\": {\n    \"code\": \"BAD_TEMPERATURE\",\n    \"message\": \"Temperature must be between 0 and 2 (\\\"quoted\\\" \\\\ `ticks` é)\",\n    \"details\": {\n      \"field\": \"temperature\"\n    }\n  },\n  \"meta\": {\n    \"request_id\": \"req_1234567890\",\n    \"timestamp\": \"2024-01-01T00:00:00Z\"\n  }\n}\n"
        );
    }

    #[test]
    fn unknown_codes_are_not_in_the_catalog() {
        let mut catalog = sample::catalog();
        assert_eq!(unknown_code(&catalog, "NEW"), "NEW");
        catalog.codes[0].wire = "NEW".to_owned();
        assert_eq!(unknown_code(&catalog, "NEW"), "NEWX");
    }
}
