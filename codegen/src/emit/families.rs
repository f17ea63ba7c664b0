//! The error classes by HTTP status family, the same in every client package (TypeScript and
//! Python), and named by the docs' examples: written down once here.

/// The family error classes by HTTP status, in the order the packages define them. Any 5xx is a
/// `ServerError`; any other status without a family is a plain `ApiError`.
pub const FAMILIES: &[(u16, &str)] = &[
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "ServerError"),
];

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
        "ServerError" => "A 5xx: the server failed on a request that may well be valid.",
        _ => return None,
    })
}

/// The family class of a status: `ServerError` for any 5xx, `ApiError` when it has none.
pub fn family_of(status: u16) -> &'static str {
    if (500..600).contains(&status) {
        return "ServerError";
    }
    FAMILIES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("ApiError", |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_family_and_others_fall_back_to_api_error() {
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
        assert_eq!(summary("ApiError"), None);
    }
}
