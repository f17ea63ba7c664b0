//! The error classes by HTTP status family ([`FAMILIES`]) as `errors.js` / `errors.d.ts` write
//! them: each class with its doc comment, the lookup from a status to its class, and one
//! `is…Error` guard per class. The templates take them through `{{block:families}}`.

use super::escape::jsdoc_block;
use crate::rules::{FAMILIES, family_of};

/// The doc comment line of a family class.
fn doc(name: &str) -> &'static str {
    crate::rules::summary(name).unwrap_or("An error of one HTTP status family.")
}

/// The class that stands for every 5xx status.
fn server_class() -> &'static str {
    family_of(500)
}

/// Whether a family is the one of every 5xx status rather than of its own status only.
fn is_server(status: u16) -> bool {
    (500..600).contains(&status)
}

/// How the docs name the statuses of a family: `429`, or `5xx`.
fn statuses(status: u16) -> String {
    if is_server(status) {
        "5xx".to_owned()
    } else {
        status.to_string()
    }
}

/// `a` or `an` before a class name.
fn article(name: &str) -> &'static str {
    if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// The JavaScript condition on `value.status` that a family's guard checks.
fn status_test(status: u16) -> String {
    if is_server(status) {
        "value.status >= 500 && value.status <= 599".to_owned()
    } else {
        format!("value.status === {status}")
    }
}

/// The paragraph of `ApiError`'s doc comment that names its subclasses.
pub(super) fn links() -> String {
    let links: Vec<String> = FAMILIES
        .iter()
        .map(|(status, name)| format!("{{@link {name}}} ({})", statuses(*status)))
        .collect();
    let (last, rest) = links.split_last().expect("FAMILIES is not empty");
    format!(
        "Subclasses by HTTP status: {} and {last}; any other status gives a plain `ApiError`. \
         Where `instanceof` cannot work (two copies of this package in one app), use \
         {{@link isApiError}} and the other `is…Error` guards.",
        rest.join(", ")
    )
}

/// The family classes in Markdown, with their statuses: `` `BadRequestError` (400), …,
/// `ServerError` (5xx) ``.
pub(super) fn listing() -> String {
    FAMILIES
        .iter()
        .map(|(status, name)| format!("`{name}` ({})", statuses(*status)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The family classes for `errors.js`: the classes, `classFor` and the guards.
pub(super) fn module() -> String {
    let mut out = String::new();
    for (_, name) in FAMILIES {
        out.push_str(&jsdoc_block("", &[doc(name).to_owned()]));
        out.push_str(&format!(
            "export class {name} extends ApiError {{}}\n{name}.prototype.name = \"{name}\";\n\n"
        ));
    }
    let server = server_class();
    out.push_str(&format!(
        "/**\n * The family class of each status that has its own; any other 5xx is a {{@link {server}}}.\n *\n * @type {{ReadonlyMap<number, typeof ApiError>}}\n */\nconst FAMILY_BY_STATUS = new Map([\n"
    ));
    for (status, name) in FAMILIES.iter().filter(|(status, _)| !is_server(*status)) {
        out.push_str(&format!("  [{status}, {name}],\n"));
    }
    out.push_str("]);\n\n");
    out.push_str(&format!(
        "/**\n * The class of errors with an HTTP status.\n *\n * @param {{number}} status\n * @returns {{typeof ApiError}}\n */\nfunction classFor(status) {{\n  return FAMILY_BY_STATUS.get(status) ?? (status >= 500 && status <= 599 ? {server} : ApiError);\n}}\n"
    ));
    for (status, name) in FAMILIES {
        out.push_str(&format!(
            "\n/**\n * True for {article} {{@link {name}}} ({statuses}) of any copy of this package.\n *\n * @param {{unknown}} value\n * @returns {{value is {name}}}\n */\nexport function is{name}(value) {{\n  return isApiError(value) && {test};\n}}\n",
            article = article(name),
            statuses = statuses(*status),
            test = status_test(*status),
        ));
    }
    out
}

/// The family classes for `errors.d.ts`: the class declarations and the guards'.
pub(super) fn declarations() -> String {
    let mut out = String::new();
    for (_, name) in FAMILIES {
        out.push_str(&jsdoc_block("", &[doc(name).to_owned()]));
        out.push_str(&format!(
            "export declare class {name} extends ApiError {{}}\n\n"
        ));
    }
    for (i, (status, name)) in FAMILIES.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "/** True for {article} {{@link {name}}} ({statuses}) of any copy of this package. */\n",
            article = article(name),
            statuses = statuses(*status),
        ));
        let line = format!("export declare function is{name}(value: unknown): value is {name};");
        if line.chars().count() <= super::escape::MAX_WIDTH {
            out.push_str(&line);
            out.push('\n');
        } else {
            out.push_str(&format!(
                "export declare function is{name}(\n  value: unknown,\n): value is {name};\n"
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_has_its_own_doc() {
        for (_, name) in FAMILIES {
            assert!(
                module().contains(&format!("/** {} */\nexport class {name} ", doc(name))),
                "{name}"
            );
            assert_ne!(doc(name), "An error of one HTTP status family.", "{name}");
        }
    }

    #[test]
    fn every_family_is_a_class_mapped_from_its_status_with_a_guard() {
        let js = module();
        let dts = declarations();
        for (status, name) in FAMILIES {
            assert!(
                js.contains(&format!("export class {name} extends ApiError {{}}\n")),
                "errors.js lacks {name}"
            );
            assert!(
                dts.contains(&format!(
                    "export declare class {name} extends ApiError {{}}\n"
                )),
                "errors.d.ts lacks {name}"
            );
            assert!(
                js.contains(&format!("export function is{name}(value) {{\n")),
                "errors.js lacks is{name}"
            );
            assert!(
                dts.contains(&format!("export declare function is{name}(")),
                "errors.d.ts lacks is{name}"
            );
            if is_server(*status) {
                assert!(
                    js.contains(&format!(
                        "(status >= 500 && status <= 599 ? {name} : ApiError)"
                    )),
                    "errors.js does not map 5xx to {name}"
                );
                assert!(js.contains(
                    "return isApiError(value) && value.status >= 500 && value.status <= 599;"
                ));
            } else {
                assert!(
                    js.contains(&format!("  [{status}, {name}],\n")),
                    "errors.js does not map {status} to {name}"
                );
                assert!(js.contains(&format!(
                    "return isApiError(value) && value.status === {status};"
                )));
            }
        }
        // Statuses without a family of their own (and outside 5xx) fall back to `ApiError`.
        assert_eq!(family_of(418), "ApiError");
        assert!(!js.contains("[418,"));
    }

    #[test]
    fn declarations_stay_within_the_line_width() {
        for line in declarations().lines().chain(module().lines()) {
            assert!(
                line.chars().count() <= super::super::escape::MAX_WIDTH,
                "{line}"
            );
        }
    }
}
