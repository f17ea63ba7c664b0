//! The reference docs target (`docs/`): the Markdown error reference API users read
//! (`errors.md`), a JSON Schema of the error envelope (`error-envelope.schema.json`) and an
//! OpenAPI 3.1 `components` document (`openapi.json`), all from the catalog, never by hand.
//!
//! Like every target: this entry ([`generate`]; the anchors are named in
//! [`crate::names::docs`]), then one module per output: `reference` (`errors.md`), `schema`
//! (`error-envelope.schema.json`, with the definitions the OpenAPI document shares) and `openapi`
//! (`openapi.json`). [`examples`] holds the page's package examples, which `tests/docs.rs`
//! compares with the page.

pub mod examples;
mod openapi;
mod reference;
mod schema;

use super::{EmitError, GeneratedFile};
use crate::model::Catalog;

/// Generates `docs/errors.md`, `docs/error-envelope.schema.json` and `docs/openapi.json` from a
/// validated catalog (at least one code, every category and status it names present).
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![
        GeneratedFile {
            path: "docs/error-envelope.schema.json".to_owned(),
            contents: schema::document(catalog),
        },
        GeneratedFile {
            path: "docs/errors.md".to_owned(),
            contents: reference::page(catalog),
        },
        GeneratedFile {
            path: "docs/openapi.json".to_owned(),
            contents: openapi::document(catalog),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::header::{self, Comment};
    use crate::emit::shared::sample;

    #[test]
    fn the_page_has_an_html_header_and_the_json_files_a_header_member() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let [json, page, openapi] = &files[..] else {
            panic!("three files")
        };
        assert!(
            page.contents
                .starts_with(&format!("{}\n", header::comment(&catalog, Comment::Html)))
        );
        let comment = format!("\"{}\"", header::text(&catalog));
        for file in [json, openapi] {
            let second_line = file.contents.lines().nth(1).unwrap_or_default();
            assert!(
                second_line.ends_with(&format!("{comment},")),
                "{}",
                file.path
            );
        }
    }
}
