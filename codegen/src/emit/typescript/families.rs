//! `families.js` / `families.d.ts`, the error classes by HTTP status family ([`FAMILIES`]) with
//! their guards, and `family-table.js` / `family-table.d.ts`, the lookup from a status to its
//! class that `createApiError` (in the static `errors.js`) uses. [`FAMILIES`] is their one
//! source: a family added there is a class, a guard and a row here with no other edit.

use super::escape::{MAX_WIDTH, jsdoc_block};
use crate::rules::{BASE_CLASS, FAMILIES, SERVER_ERROR_CLASS, SERVER_ERROR_STATUSES, summary};

/// The doc comment line of a family class.
fn doc(name: &str) -> &'static str {
    summary(name).unwrap_or("An error of one HTTP status family.")
}

/// Whether a family is the one of every 5xx status rather than of its own status only.
fn is_server(status: u16) -> bool {
    SERVER_ERROR_STATUSES.contains(&status)
}

/// How the docs name the statuses of a family: `429`, or `5xx`.
fn statuses(status: u16) -> String {
    if is_server(status) {
        format!("{}xx", status / 100)
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
        "isServerErrorStatus(value.status)".to_owned()
    } else {
        format!("value.status === {status}")
    }
}

/// `import { A, B } from "FROM";`, on several lines when one is too long (as Prettier writes it).
fn import(keyword: &str, names: &[&str], from: &str) -> String {
    let line = format!("{keyword} {{ {} }} from \"{from}\";\n", names.join(", "));
    if line.chars().count() <= MAX_WIDTH + 1 {
        return line;
    }
    let names: String = names.iter().map(|name| format!("  {name},\n")).collect();
    format!("{keyword} {{\n{names}}} from \"{from}\";\n")
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

const MODULE_DOC: &str = "/**
 * The error classes by HTTP status family, each with its guard: {@link createApiError} gives the
 * class of the error's status, and a status without a family gives a plain {@link ApiError}.
 *
 * @module
 */
";

/// `families.js`: the classes and their guards.
pub(super) fn module() -> String {
    let mut out = format!("// @ts-check\n\n{MODULE_DOC}\n");
    out.push_str(&import(
        "import",
        &[BASE_CLASS, "isApiError"],
        "./api-error.js",
    ));
    if FAMILIES.iter().any(|(status, _)| is_server(*status)) {
        out.push_str(&import("import", &["isServerErrorStatus"], "./tables.js"));
    }
    for (_, name) in FAMILIES {
        out.push('\n');
        out.push_str(&jsdoc_block("", &[doc(name).to_owned()]));
        out.push_str(&format!(
            "export class {name} extends {BASE_CLASS} {{}}\n{name}.prototype.name = \"{name}\";\n"
        ));
    }
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

/// `families.d.ts`: the class declarations and the guards'.
pub(super) fn declarations() -> String {
    let mut out = format!("{MODULE_DOC}\n");
    out.push_str(&import("import", &[BASE_CLASS], "./api-error.js"));
    for (_, name) in FAMILIES {
        out.push('\n');
        out.push_str(&jsdoc_block("", &[doc(name).to_owned()]));
        out.push_str(&format!(
            "export declare class {name} extends {BASE_CLASS} {{}}\n"
        ));
    }
    for (status, name) in FAMILIES {
        out.push_str(&format!(
            "\n/** True for {article} {{@link {name}}} ({statuses}) of any copy of this package. */\n",
            article = article(name),
            statuses = statuses(*status),
        ));
        let line = format!("export declare function is{name}(value: unknown): value is {name};");
        if line.chars().count() <= MAX_WIDTH {
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

const TABLE_DOC: &str = "/**
 * The family class of each HTTP status, for {@link createApiError}. Not exported from the
 * package's entry.
 *
 * @module
 */
";

const CLASS_FOR_DOC: &str = "/**
 * The class of errors with an HTTP status: its family's, else `ApiError`.
 *
 * @param {number} status
 * @returns {typeof ApiError}
 */
";

/// `family-table.js`: `classFor(status)`.
pub(super) fn table_module() -> String {
    let mut out = format!("// @ts-check\n\n{TABLE_DOC}\n");
    out.push_str(&import("import", &[BASE_CLASS], "./api-error.js"));
    let names: Vec<&str> = FAMILIES.iter().map(|(_, name)| *name).collect();
    out.push_str(&import("import", &names, "./families.js"));
    out.push_str(&import("import", &["isServerErrorStatus"], "./tables.js"));
    out.push_str(&format!(
        "\n/**\n * The family class of each status that has its own; any other {} is a {{@link {SERVER_ERROR_CLASS}}}.\n *\n * @type {{ReadonlyMap<number, typeof {BASE_CLASS}>}}\n */\nconst FAMILY_BY_STATUS = /* @__PURE__ */ new Map([\n",
        statuses(*SERVER_ERROR_STATUSES.start()),
    ));
    for (status, name) in FAMILIES.iter().filter(|(status, _)| !is_server(*status)) {
        out.push_str(&format!("  [{status}, {name}],\n"));
    }
    out.push_str("]);\n\n");
    out.push_str(CLASS_FOR_DOC);
    out.push_str(&format!(
        "export function classFor(status) {{\n  return FAMILY_BY_STATUS.get(status) ?? (isServerErrorStatus(status) ? {SERVER_ERROR_CLASS} : {BASE_CLASS});\n}}\n"
    ));
    out
}

/// `family-table.d.ts`.
pub(super) fn table_declarations() -> String {
    let mut out = format!("{TABLE_DOC}\n");
    out.push_str(&import("import type", &[BASE_CLASS], "./api-error.js"));
    out.push_str(
        "\n/**\n * The class of errors with an HTTP status: its family's, else `ApiError`.\n *\n * @param status An HTTP status.\n */\n",
    );
    out.push_str(&format!(
        "export declare function classFor(status: number): typeof {BASE_CLASS};\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::family_of;

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
        let (js, dts, table) = (module(), declarations(), table_module());
        for (status, name) in FAMILIES {
            assert!(
                js.contains(&format!("\nexport class {name} extends ApiError {{}}\n")),
                "families.js lacks {name}"
            );
            assert!(
                dts.contains(&format!(
                    "\nexport declare class {name} extends ApiError {{}}\n"
                )),
                "families.d.ts lacks {name}"
            );
            assert!(
                js.contains(&format!("\nexport function is{name}(value) {{\n")),
                "families.js lacks is{name}"
            );
            assert!(
                dts.contains(&format!("\nexport declare function is{name}(")),
                "families.d.ts lacks is{name}"
            );
            assert!(
                table.contains(&format!("  {name},\n")),
                "not imported: {name}"
            );
            if is_server(*status) {
                assert!(
                    table.contains(&format!(
                        "(isServerErrorStatus(status) ? {name} : ApiError)"
                    )),
                    "family-table.js does not map 5xx to {name}"
                );
                assert!(
                    js.contains("return isApiError(value) && isServerErrorStatus(value.status);")
                );
            } else {
                assert!(
                    table.contains(&format!("  [{status}, {name}],\n")),
                    "family-table.js does not map {status} to {name}"
                );
                assert!(js.contains(&format!(
                    "return isApiError(value) && value.status === {status};"
                )));
            }
        }
        // Statuses without a family of their own (and outside 5xx) fall back to `ApiError`.
        assert_eq!(family_of(418), "ApiError");
        assert!(!table.contains("[418,"));
    }

    #[test]
    fn lines_stay_within_the_width() {
        for text in [
            module(),
            declarations(),
            table_module(),
            table_declarations(),
        ] {
            for line in text.lines() {
                assert!(line.chars().count() <= MAX_WIDTH, "{line}");
            }
        }
    }
}
