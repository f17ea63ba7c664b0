//! The TypeScript target: an npm package (`typescript/`) of plain ES modules with type
//! declarations beside them, so that it runs in Node 20 and browsers as it is and type-checks
//! under `tsc --strict`, with no build step and no runtime dependency.
//!
//! Two kinds of module, each a `.js` with its `.d.ts`:
//!
//! - static modules, real JavaScript and TypeScript under `codegen/static/typescript/`, copied
//!   verbatim after the header ([`STATIC_FILES`]): `api-error` (`ApiError`, `isApiError`),
//!   `errors` (response parsing, `handleError`), `retry` (`withRetry`), `tables` (questions the
//!   status and code tables answer) and `index`. They hold no catalog text and import the
//!   generated ones;
//! - generated modules, the catalog's data and what [`crate::rules`] decides: `codes`
//!   ([`codes`]: `ErrorCode`, the record of every code, categories, statuses), `constants`
//!   ([`constants`]), `families` and `family-table` ([`families`]: the class per status family).
//!
//! Beside them, [`package`] writes `package.json`, `README.md` and `examples/handle-errors.ts`.
//! The JavaScript carries `// @ts-check` and JSDoc types, which the tests hold to the
//! declarations.

mod codes;
mod constants;
mod escape;
mod families;
mod package;

use super::shared::header::{self, Comment};
use super::{EmitError, GeneratedFile, StaticFile, static_file};
use crate::model::Catalog;

/// The static modules, copied verbatim after the header to `typescript/` under the same name.
pub const STATIC_FILES: &[StaticFile] = &[
    static_file!("typescript/api-error.d.ts"),
    static_file!("typescript/api-error.js"),
    static_file!("typescript/connection.d.ts"),
    static_file!("typescript/connection.js"),
    static_file!("typescript/errors.d.ts"),
    static_file!("typescript/errors.js"),
    static_file!("typescript/index.d.ts"),
    static_file!("typescript/index.js"),
    static_file!("typescript/response.d.ts"),
    static_file!("typescript/response.js"),
    static_file!("typescript/retry.d.ts"),
    static_file!("typescript/retry.js"),
    static_file!("typescript/tables.d.ts"),
    static_file!("typescript/tables.js"),
    static_file!("typescript/typed-fetch.d.ts"),
    static_file!("typescript/typed-fetch.js"),
];

/// Generates the package under `typescript/`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = vec![
        file(catalog, "codes.d.ts", &codes::declarations(catalog)),
        file(catalog, "codes.js", &codes::module(catalog)),
        file(catalog, "constants.d.ts", &constants::declarations()),
        file(catalog, "constants.js", &constants::module(catalog)),
        file(catalog, "families.d.ts", &families::declarations()),
        file(catalog, "families.js", &families::module()),
        file(
            catalog,
            "family-table.d.ts",
            &families::table_declarations(),
        ),
        file(catalog, "family-table.js", &families::table_module()),
        file(
            catalog,
            "examples/handle-errors.ts",
            &package::example(catalog),
        ),
        package::manifest(catalog),
        package::readme(catalog),
    ];
    for source in STATIC_FILES {
        let name = source.source.trim_start_matches("typescript/");
        files.push(file(catalog, name, source.contents));
    }
    // In path order, README.md among the lowercase names as the listing has always had it.
    files.sort_by_key(|f| f.path.to_lowercase());
    Ok(files)
}

/// `typescript/NAME`: the header as `//` comments, a blank line, the body with one trailing
/// newline.
fn file(catalog: &Catalog, name: &str, body: &str) -> GeneratedFile {
    GeneratedFile {
        path: format!("typescript/{name}"),
        contents: format!(
            "{}\n{}\n",
            header::comment(catalog, Comment::Slashes),
            body.trim_end_matches('\n')
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn static_modules_hold_no_catalog_text_and_no_placeholder() {
        let catalog = sample::catalog();
        for StaticFile {
            source: name,
            contents: source,
        } in STATIC_FILES
        {
            assert!(!source.contains(&catalog.name), "{name} names the package");
            assert!(
                !source.contains("{{inline:") && !source.contains("{{doc:"),
                "{name}"
            );
            for line in source.lines() {
                assert!(line.chars().count() <= 100, "{name}: {line}");
            }
            if name.ends_with(".js") {
                assert!(
                    source.starts_with("// @ts-check\n"),
                    "{name} is not type-checked"
                );
            }
        }
    }

    #[test]
    fn the_readme_lists_every_family_class_with_its_statuses() {
        let files = generate(&sample::catalog()).unwrap();
        let readme = &files
            .iter()
            .find(|f| f.path == "typescript/README.md")
            .unwrap()
            .contents;
        for (status, name) in crate::rules::FAMILIES {
            let statuses = if crate::rules::SERVER_ERROR_STATUSES.contains(status) {
                "5xx".to_owned()
            } else {
                status.to_string()
            };
            assert!(
                readme.contains(&format!("`{name}` ({statuses})")),
                "README.md lacks {name}"
            );
        }
    }

    #[test]
    fn every_module_imports_only_modules_of_the_package() {
        let files = generate(&sample::catalog()).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for file in files.iter().filter(|f| f.path.ends_with(".js")) {
            for line in file.contents.lines() {
                let Some(from) = line
                    .split(" from \"./")
                    .nth(1)
                    .and_then(|rest| rest.strip_suffix("\";"))
                else {
                    continue;
                };
                let target = format!("typescript/{from}");
                assert!(paths.contains(&target.as_str()), "{}: {line}", file.path);
            }
        }
    }
}
