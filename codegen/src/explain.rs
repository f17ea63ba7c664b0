//! What the catalog says of one code, as `cargo xtask explain CODE` prints it, in the spirit of
//! `rustc --explain`: a current code's attributes (walking `CODE_ATTRIBUTES`) and deprecation, or
//! a retired code's record. Pure: the caller loads the catalog and prints.

use std::fmt::Write as _;

use crate::catalog::nearest;
use crate::model::{AttributeValue, CODE_ATTRIBUTES, Catalog, Code, Retired};

/// How many near codes an unknown one suggests at most.
const SUGGESTIONS: usize = 3;

/// The explanation of `query` (case-insensitive: `invalid_api_key` finds `INVALID_API_KEY`), or,
/// for a name that is neither a current nor a retired code, the nearest codes (maybe none).
pub fn explain(catalog: &Catalog, query: &str) -> Result<String, Vec<String>> {
    let wanted = normalize(query);
    if let Some(code) = catalog.code(&wanted) {
        return Ok(current(catalog, code));
    }
    if let Some(retired) = catalog.retired_code(&wanted) {
        return Ok(retired_code(catalog, retired));
    }
    let names = catalog
        .codes
        .iter()
        .map(|c| c.wire.as_str())
        .chain(catalog.retired.iter().map(|r| r.wire.as_str()));
    Err(nearest(&wanted, names, SUGGESTIONS)
        .into_iter()
        .map(str::to_owned)
        .collect())
}

/// `invalid-api-key ` → `INVALID_API_KEY`.
fn normalize(query: &str) -> String {
    query.trim().to_ascii_uppercase().replace('-', "_")
}

fn current(catalog: &Catalog, code: &Code) -> String {
    let mut out = format!("{}: {}\n\n", code.wire, code.message);
    let mut description = "";
    for attribute in CODE_ATTRIBUTES {
        let value = match attribute.of(code) {
            AttributeValue::Status(status) => {
                format!("{status} {}", catalog.status_title(status))
            }
            AttributeValue::Category(index) => {
                let category = &catalog.categories[index];
                format!("{} ({})", category.id, category.title)
            }
            AttributeValue::Text(text)
                if text.contains('\n') || attribute.name == "description" =>
            {
                description = text;
                continue;
            }
            AttributeValue::Text(text) => text.to_owned(),
            AttributeValue::OptionalText(text) => text.unwrap_or("none").to_owned(),
            AttributeValue::Flag(flag) => if flag { "yes" } else { "no" }.to_owned(),
        };
        let _ = writeln!(out, "  {:<12} {value}", format!("{}:", attribute.title));
    }
    if let Some(deprecation) = &code.deprecated {
        let mut line = format!("since {}", deprecation.since);
        if let Some(replacement) = &deprecation.replaced_by {
            let _ = write!(line, ", use {replacement} instead");
        }
        if let Some(note) = &deprecation.note {
            let _ = write!(line, ": {note}");
        }
        let _ = writeln!(out, "  {:<12} {line}", "Deprecated:");
    }
    if !description.is_empty() {
        let _ = write!(out, "\n{}\n", description.trim_end());
    }
    out
}

fn retired_code(catalog: &Catalog, retired: &Retired) -> String {
    let mut out = format!("{}: retired in {}\n\n", retired.wire, retired.since);
    let _ = writeln!(
        out,
        "  {:<12} {} {}",
        "Last status:",
        retired.status,
        catalog.status_title(retired.status)
    );
    if let Some(replacement) = &retired.replaced_by {
        let _ = writeln!(out, "  {:<12} {replacement}", "Replaced by:");
    }
    let _ = write!(
        out,
        "\n{}\n\nServers no longer send this code; the packages parse it as an unknown code and can\nsay that it was retired.\n",
        retired.note
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn a_code_is_found_whatever_its_case() {
        let catalog = sample::catalog();
        let code = &catalog.codes[0];
        let text = explain(&catalog, &code.wire.to_lowercase()).expect("found");
        assert!(text.starts_with(&format!("{}: {}\n", code.wire, code.message)));
        assert!(text.contains(&code.description));
    }

    #[test]
    fn a_typo_gets_the_nearest_codes() {
        let catalog = sample::catalog();
        let code = &catalog.codes[0].wire;
        let typo = format!("{}X", &code[..code.len() - 1]);
        assert_eq!(explain(&catalog, &typo), Err(vec![code.clone()]));
        assert_eq!(explain(&catalog, "NOTHING_LIKE_ANY"), Err(vec![]));
    }
}
