//! The reference docs target (`docs/`): the Markdown error reference API users read
//! (`errors.md`), a JSON Schema of the error envelope (`error-envelope.schema.json`) and an
//! OpenAPI 3.1 `components` document (`openapi.json`), all from the catalog, never by hand.
//!
//! Its anchors are named in [`crate::names::docs`].

pub mod examples;
mod reference;
pub mod schema;

use super::{EmitError, GeneratedFile};
use crate::model::Catalog;

const TARGET: &str = "docs";

/// Generates `docs/errors.md`, `docs/error-envelope.schema.json` and `docs/openapi.json`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    if catalog.codes.is_empty() {
        return Err(EmitError {
            target: TARGET,
            message: "the catalog has no codes".to_owned(),
        });
    }
    for code in &catalog.codes {
        if catalog.categories.get(code.category).is_none() {
            return Err(EmitError {
                target: TARGET,
                message: format!("code `{}` names no category", code.wire),
            });
        }
    }
    Ok(vec![
        GeneratedFile {
            path: "docs/error-envelope.schema.json".to_owned(),
            contents: schema::envelope_schema(catalog),
        },
        GeneratedFile {
            path: "docs/errors.md".to_owned(),
            contents: reference::page(catalog),
        },
        GeneratedFile {
            path: "docs/openapi.json".to_owned(),
            contents: schema::openapi(catalog),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::header::{self, Comment};
    use crate::emit::shared::sample;

    #[test]
    fn generates_three_files_with_the_header_and_one_trailing_newline() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "docs/error-envelope.schema.json",
                "docs/errors.md",
                "docs/openapi.json"
            ]
        );
        let [line1, line2] = header::lines(&catalog);
        for file in &files {
            let head: String = file.contents.lines().take(3).collect::<Vec<_>>().join("\n");
            assert!(
                head.contains(&line1) && head.contains(&line2),
                "{}",
                file.path
            );
            assert!(file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"));
            assert!(!file.contents.contains('\r'), "{}", file.path);
        }
        assert!(
            !files[1]
                .contents
                .contains(&header::comment(&catalog, Comment::Hashes))
        );
    }

    #[test]
    fn generation_is_deterministic_and_rejects_an_empty_catalog() {
        let mut catalog = sample::catalog();
        assert_eq!(generate(&catalog).unwrap(), generate(&catalog).unwrap());
        catalog.codes.clear();
        assert!(generate(&catalog).is_err());
    }
}
