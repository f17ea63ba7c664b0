//! Rules about HTTP statuses that every stage and every target follows, written down once:
//! which statuses are errors, which are retryable unless the catalog says otherwise, and which
//! family class each one maps to in the client packages.
//!
//! Where a package must apply one of these rules at run time (the generated Rust, TypeScript and
//! Python decide a status's family and default retryability themselves), the emitters write the
//! bounds from here, and each language's tests check them against the same cases.

use std::ops::RangeInclusive;

/// Error statuses: the only statuses an error code may have.
pub const ERROR_STATUSES: RangeInclusive<u16> = 400..=599;

/// Server error statuses, retryable by default and all of the `ServerError` family.
pub const SERVER_ERROR_STATUSES: RangeInclusive<u16> = 500..=599;

/// The one client error status that is retryable by default.
pub const TOO_MANY_REQUESTS: u16 = 429;

/// Whether `status` is an error status (4xx or 5xx).
pub fn is_error_status(status: u16) -> bool {
    ERROR_STATUSES.contains(&status)
}

/// Whether errors with `status` are retryable when neither the status table nor the code says
/// otherwise: 429 and 5xx, nothing else (not 600, not 399).
pub fn default_retryable(status: u16) -> bool {
    status == TOO_MANY_REQUESTS || SERVER_ERROR_STATUSES.contains(&status)
}

/// The family error classes by HTTP status, in the order the packages define them. Any 5xx is a
/// `ServerError`; any other status without a family is a plain [`BASE_CLASS`].
pub const FAMILIES: &[(u16, &str)] = &[
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, SERVER_ERROR_CLASS),
];

/// The base class of every error of the client packages.
pub const BASE_CLASS: &str = "ApiError";

/// The family class of every status in [`SERVER_ERROR_STATUSES`].
pub const SERVER_ERROR_CLASS: &str = "ServerError";

/// What a family class stands for, in one line every package's docs use (`None` for a name
/// that is not a family class).
pub fn summary(class: &str) -> Option<&'static str> {
    Some(match class {
        "BadRequestError" => {
            "A 400 Bad Request: the request is wrong; fix it before sending it again."
        }
        "AuthenticationError" => {
            "A 401 Unauthorized: the API key is missing, invalid, expired or revoked."
        }
        "PermissionDeniedError" => {
            "A 403 Forbidden: the account may not do what the request asked."
        }
        "NotFoundError" => "A 404 Not Found: the request names something that does not exist.",
        "ConflictError" => {
            "A 409 Conflict: the request conflicts with the current state of a resource."
        }
        "UnprocessableEntityError" => {
            "A 422 Unprocessable Entity: the request is well-formed but its content is rejected."
        }
        "RateLimitError" => {
            "A 429 Too Many Requests: slow down, waiting as long as the server's Retry-After asks."
        }
        SERVER_ERROR_CLASS => "A 5xx: the server failed on a request that may well be valid.",
        _ => return None,
    })
}

/// The family class of a status: [`SERVER_ERROR_CLASS`] for any 5xx, [`BASE_CLASS`] when it has
/// none.
pub fn family_of(status: u16) -> &'static str {
    if SERVER_ERROR_STATUSES.contains(&status) {
        return SERVER_ERROR_CLASS;
    }
    FAMILIES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or(BASE_CLASS, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_family_and_others_fall_back_to_the_base_class() {
        assert_eq!(family_of(403), "PermissionDeniedError");
        assert_eq!(family_of(429), "RateLimitError");
        assert_eq!(family_of(500), "ServerError");
        assert_eq!(family_of(503), "ServerError");
        assert_eq!(family_of(599), "ServerError");
        assert_eq!(family_of(418), "ApiError");
        assert_eq!(family_of(600), "ApiError");
        for (status, name) in FAMILIES {
            assert_eq!(family_of(*status), *name);
        }
    }

    #[test]
    fn every_family_and_only_a_family_has_a_summary() {
        for (_, name) in FAMILIES {
            assert!(summary(name).is_some(), "{name}");
        }
        assert_eq!(summary(BASE_CLASS), None);
    }

    #[test]
    fn only_429_and_5xx_are_retryable_by_default() {
        for status in 0..=1000 {
            let expected = status == 429 || (500..600).contains(&status);
            assert_eq!(default_retryable(status), expected, "{status}");
        }
    }
}
