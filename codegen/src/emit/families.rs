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
}
