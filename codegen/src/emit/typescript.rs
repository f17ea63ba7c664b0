//! The TypeScript target: an npm package (`typescript/`) of plain ES modules with type
//! declarations beside them, so that it runs in Node 20 and browsers as it is and type-checks
//! under `tsc --strict`, with no build step and no runtime dependency.
//!
//! - `codes.js` / `codes.d.ts`: `ErrorCode` (a string-literal union and an `as const` object),
//!   per-code metadata, the status table and the categories, written here from the catalog;
//! - `errors.js` / `errors.d.ts`: `ApiError`, its subclasses by status, type guards,
//!   `errorFromResponse`, `handleError`;
//! - `retry.js` / `retry.d.ts`: `withRetry`;
//! - `index.js` / `index.d.ts`, `package.json`, `README.md`, `examples/handle-errors.ts`.
//!
//! The catalog-independent modules are templates ([`templates`]) whose placeholders take
//! catalog text through the escapers of [`escape`]; the JavaScript carries `// @ts-check` and
//! JSDoc types, which the tests hold to the declarations.

mod codes;
mod escape;
mod family_classes;
mod package;
mod templates;

use super::shared::header::{self, Comment};
use super::{EmitError, GeneratedFile};
use crate::model::Catalog;

const TARGET: &str = "typescript";

/// Generates the package under `typescript/`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let vars = templates::Vars::new(catalog);
    let mut files = vec![
        file(
            catalog,
            "typescript/codes.d.ts",
            codes::declarations(catalog),
        ),
        file(catalog, "typescript/codes.js", codes::module(catalog)),
        file(
            catalog,
            "typescript/examples/handle-errors.ts",
            package::example(catalog),
        ),
        package::manifest(catalog),
        package::readme(catalog),
    ];
    for (name, template) in templates::TEMPLATES {
        let body = vars.fill(name, template)?;
        files.push(file(catalog, &format!("typescript/{name}"), body));
    }
    // In path order, README.md among the lowercase names as the listing has always had it.
    files.sort_by_key(|f| f.path.to_lowercase());
    Ok(files)
}

/// A file: the header as `//` comments, a blank line, the body with one trailing newline.
fn file(catalog: &Catalog, path: &str, body: String) -> GeneratedFile {
    GeneratedFile {
        path: path.to_owned(),
        contents: format!(
            "{}\n{}\n",
            header::comment(catalog, Comment::Slashes),
            body.trim_end_matches('\n')
        ),
    }
}

fn error(message: impl Into<String>) -> EmitError {
    EmitError {
        target: TARGET,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn the_family_classes_are_the_shared_ones() {
        // The classes are generated from the shared table: every family every package and the
        // docs' examples use is a class of the generated modules, with its guard, and is what
        // its status maps to.
        use crate::rules::FAMILIES;
        let files = generate(&sample::catalog()).unwrap();
        let get = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
        let (js, dts) = (get("typescript/errors.js"), get("typescript/errors.d.ts"));
        let readme = get("typescript/README.md");
        for (status, name) in FAMILIES {
            let statuses = if *status < 500 {
                status.to_string()
            } else {
                "5xx".to_owned()
            };
            assert!(
                readme.contains(&format!("`{name}` ({statuses})")),
                "README.md lacks {name}"
            );
            assert!(
                js.contains(&format!("\nexport class {name} extends ApiError {{}}\n")),
                "errors.js lacks {name}"
            );
            assert!(
                dts.contains(&format!(
                    "\nexport declare class {name} extends ApiError {{}}\n"
                )),
                "errors.d.ts lacks {name}"
            );
            assert!(js.contains(&format!("\nexport function is{name}(value) {{\n")));
            assert!(dts.contains(&format!("\nexport declare function is{name}(")));
            assert!(js.contains(&format!("{{@link {name}}}")));
            if *status < 500 {
                assert!(
                    js.contains(&format!("  [{status}, {name}],\n")),
                    "errors.js does not map {status} to {name}"
                );
            } else {
                assert!(
                    js.contains(&format!(
                        "(status >= 500 && status <= 599 ? {name} : ApiError);"
                    )),
                    "errors.js does not map 5xx to {name}"
                );
            }
        }
    }

    #[test]
    fn generates_every_file_with_header_and_one_trailing_newline() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "typescript/codes.d.ts",
                "typescript/codes.js",
                "typescript/errors.d.ts",
                "typescript/errors.js",
                "typescript/examples/handle-errors.ts",
                "typescript/index.d.ts",
                "typescript/index.js",
                "typescript/package.json",
                "typescript/README.md",
                "typescript/retry.d.ts",
                "typescript/retry.js",
            ]
        );
        for file in &files {
            let head: String = file.contents.lines().take(3).collect::<Vec<_>>().join("\n");
            assert!(
                head.contains("@generated by `cargo xtask gen` from `catalog.toml`"),
                "{}",
                file.path
            );
            assert!(
                file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"),
                "{}",
                file.path
            );
            assert!(!file.contents.contains('\r'), "{}", file.path);
            assert!(!file.contents.contains("\n\n\n"), "{}", file.path);
            for placeholder in ["{{inline:", "{{doc:", "{{js:", "{{block:"] {
                assert!(!file.contents.contains(placeholder), "{}", file.path);
            }
            assert!(
                file.contents.lines().all(|line| line == line.trim_end()),
                "{} has trailing whitespace",
                file.path
            );
        }
    }

    #[test]
    fn javascript_modules_are_type_checked() {
        let files = generate(&sample::catalog()).unwrap();
        for file in files.iter().filter(|f| f.path.ends_with(".js")) {
            assert!(
                file.contents.lines().nth(3) == Some("// @ts-check"),
                "{}",
                file.path
            );
        }
    }

    #[test]
    fn generation_is_deterministic() {
        let catalog = sample::catalog();
        assert_eq!(generate(&catalog).unwrap(), generate(&catalog).unwrap());
    }

    #[test]
    fn every_code_is_in_the_union_the_object_and_the_metadata() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let get = |path: &str| {
            &files
                .iter()
                .find(|f| f.path == path)
                .unwrap_or_else(|| panic!("{path}"))
                .contents
        };
        let dts = get("typescript/codes.d.ts");
        let js = get("typescript/codes.js");
        for code in &catalog.codes {
            let name = &code.wire;
            assert!(dts.contains(&format!("\n  | \"{name}\"")), "{name}");
            assert!(
                dts.contains(&format!("  readonly {name}: \"{name}\";\n")),
                "{name}"
            );
            assert!(js.contains(&format!("  {name}: \"{name}\",\n")), "{name}");
            assert!(
                js.contains(&format!("  {name}: Object.freeze({{\n")),
                "{name}"
            );
        }
    }
}
