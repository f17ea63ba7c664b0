//! `constants.js` / `constants.d.ts`: what the static modules take from the catalog and from
//! [`crate::rules`] besides the codes: the package name (the brand of its errors), the one
//! retryable client error status, the server error statuses and the error statuses. Not exported
//! from the package's entry.

use crate::model::Catalog;
use crate::rules::{ERROR_STATUSES, SERVER_ERROR_STATUSES, TOO_MANY_REQUESTS};

use super::escape::js_string;

const MODULE_DOC: &str = "/**
 * What the static modules of this package take from the catalog and from the generator's rules
 * besides the codes. Not exported from the package's entry.
 *
 * @module
 */
";

const PACKAGE_NAME_DOC: &str =
    "/** The package's name: errors of every copy of it carry the brand `<name>/ApiError`. */\n";
const TOO_MANY_REQUESTS_DOC: &str = "/** The one client error status that is retryable unless the status table says otherwise. */\n";
const SERVER_ERROR_STATUSES_DOC: &str = "/**
 * The server error statuses, first and last: retryable unless the status table says otherwise,
 * and each one a `ServerError`.
 */
";

const ERROR_STATUSES_DOC: &str = "/**
 * The error statuses, first and last: a response with any other status is never retryable.
 */
";

/// `constants.js`.
pub(super) fn module(catalog: &Catalog) -> String {
    format!(
        "// @ts-check\n\n{MODULE_DOC}\n\
         {PACKAGE_NAME_DOC}export const PACKAGE_NAME = {name};\n\n\
         {TOO_MANY_REQUESTS_DOC}export const TOO_MANY_REQUESTS = {TOO_MANY_REQUESTS};\n\n\
         {SERVER_ERROR_STATUSES_DOC}export const SERVER_ERROR_STATUSES = /* @__PURE__ */ Object.freeze({{ first: {first}, last: {last} }});\n\n\
         {ERROR_STATUSES_DOC}export const ERROR_STATUSES = /* @__PURE__ */ Object.freeze({{ first: {error_first}, last: {error_last} }});\n",
        name = js_string(&catalog.name),
        error_first = ERROR_STATUSES.start(),
        error_last = ERROR_STATUSES.end(),
        first = SERVER_ERROR_STATUSES.start(),
        last = SERVER_ERROR_STATUSES.end(),
    )
}

/// `constants.d.ts`.
pub(super) fn declarations() -> String {
    format!(
        "{MODULE_DOC}\n\
         {PACKAGE_NAME_DOC}export declare const PACKAGE_NAME: string;\n\n\
         {TOO_MANY_REQUESTS_DOC}export declare const TOO_MANY_REQUESTS: number;\n\n\
         {SERVER_ERROR_STATUSES_DOC}export declare const SERVER_ERROR_STATUSES: Readonly<{{ first: number; last: number }}>;\n\n\
         {ERROR_STATUSES_DOC}export declare const ERROR_STATUSES: Readonly<{{ first: number; last: number }}>;\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;
    use crate::rules::default_retryable;

    #[test]
    fn the_constants_are_the_rules() {
        let js = module(&sample::catalog());
        let first = *SERVER_ERROR_STATUSES.start();
        let last = *SERVER_ERROR_STATUSES.end();
        assert!(js.contains(&format!("{{ first: {first}, last: {last} }}")));
        assert!(js.contains(&format!("TOO_MANY_REQUESTS = {TOO_MANY_REQUESTS};")));
        let (error_first, error_last) = (ERROR_STATUSES.start(), ERROR_STATUSES.end());
        assert!(js.contains(&format!(
            "ERROR_STATUSES = /* @__PURE__ */ Object.freeze({{ first: {error_first}, last: {error_last} }});"
        )));
        // What `tables.js` computes from them is the rule, bounded to 5xx.
        for status in 0..=1000 {
            let computed = status == TOO_MANY_REQUESTS || (first..=last).contains(&status);
            assert_eq!(computed, default_retryable(status), "{status}");
        }
    }
}
