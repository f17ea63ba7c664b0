//! The modules that do not depend on the catalog's codes, as templates with placeholders for
//! catalog text:
//!
//! - `{{inline:KEY}}`: the text as part of one JSDoc line ([`jsdoc_inline`]);
//! - `{{doc:KEY}}`, alone on a line inside a JSDoc comment: the text as comment lines, each
//!   prefixed like the comment line above it ([`jsdoc_lines`]);
//! - `{{js:KEY}}`: the text as a JavaScript string literal ([`js_string`]);
//! - `{{block:KEY}}`, alone on a line: generated code, as is (the family classes of
//!   [`family_classes`](super::family_classes)).
//!
//! Other `{{` (JSDoc object types) are left alone. An unknown key is an emitter bug.

use super::escape::{MAX_WIDTH, wrap};
use super::escape::{js_string, jsdoc_inline, jsdoc_lines};
use super::{error, family_classes};
use crate::emit::EmitError;
use crate::model::Catalog;

/// The template modules by file name (under `typescript/`).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("errors.d.ts", include_str!("templates/errors.d.ts")),
    ("errors.js", include_str!("templates/errors.js")),
    ("index.d.ts", include_str!("templates/index.d.ts")),
    ("index.js", include_str!("templates/index.js")),
    ("retry.d.ts", include_str!("templates/retry.d.ts")),
    ("retry.js", include_str!("templates/retry.js")),
];

/// The catalog texts templates may name.
pub struct Vars<'a> {
    catalog: &'a Catalog,
}

impl<'a> Vars<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        Self { catalog }
    }

    fn get(&self, key: &str) -> Option<String> {
        let catalog = self.catalog;
        let envelope = &catalog.envelope;
        let text = match key {
            "catalog.name" => &catalog.name,
            "catalog.version" => &catalog.version,
            "catalog.title" => &catalog.title,
            "catalog.description" => &catalog.description,
            "envelope.description" => &envelope.description,
            "envelope.code" => &envelope.code,
            "envelope.details" => &envelope.details,
            "envelope.field" => &envelope.field,
            "envelope.issue" => &envelope.issue,
            "envelope.request_id" => &envelope.request_id,
            "envelope.timestamp" => &envelope.timestamp,
            // The key that marks errors of this package across copies of it.
            "brand" => return Some(format!("{}/ApiError", catalog.name)),
            "families.links" => return Some(family_classes::links()),
            _ => return None,
        };
        Some(text.clone())
    }

    /// The generated code a `{{block:KEY}}` line stands for.
    fn block(&self, name: &str, key: &str) -> Result<String, EmitError> {
        match key {
            "families.js" => Ok(family_classes::module()),
            "families.d.ts" => Ok(family_classes::declarations()),
            _ => Err(error(format!("{name}: unknown block key `{key}`"))),
        }
    }

    /// Fills the placeholders of template `name`.
    pub fn fill(&self, name: &str, template: &str) -> Result<String, EmitError> {
        let mut out = String::with_capacity(template.len() * 2);
        let mut previous = "";
        for line in template.lines() {
            if let Some(key) = line
                .strip_prefix("{{block:")
                .and_then(|rest| rest.strip_suffix("}}"))
            {
                out.push_str(&self.block(name, key)?);
            } else if let Some(key) = line
                .trim()
                .strip_prefix("{{doc:")
                .and_then(|rest| rest.strip_suffix("}}"))
            {
                let text = self.value(name, key)?;
                // The comment prefix of the line above: indentation and `*` (` *` below `/**`).
                let indent = &previous[..previous.len() - previous.trim_start().len()];
                let prefix = if previous.trim_start().starts_with("/**") {
                    format!("{indent} *")
                } else if let Some(star) = previous.find('*') {
                    previous[..=star].to_owned()
                } else {
                    return Err(error(format!("{name}: `{line}` is not in a comment")));
                };
                let width = MAX_WIDTH.saturating_sub(prefix.chars().count() + 1).max(40);
                for doc in wrap(&jsdoc_lines(&text), width) {
                    out.push_str(&prefix);
                    if !doc.is_empty() {
                        out.push(' ');
                        out.push_str(&doc);
                    }
                    out.push('\n');
                }
            } else {
                out.push_str(&self.fill_line(name, line)?);
                out.push('\n');
            }
            previous = line;
        }
        Ok(out)
    }

    fn fill_line(&self, name: &str, line: &str) -> Result<String, EmitError> {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let placeholder = ["inline:", "js:", "doc:", "block:"]
                .into_iter()
                .find(|kind| after.starts_with(kind));
            let Some(kind) = placeholder else {
                out.push_str("{{");
                rest = after;
                continue;
            };
            let Some(end) = after.find("}}") else {
                return Err(error(format!("{name}: unclosed placeholder in `{line}`")));
            };
            let key = &after[kind.len()..end];
            let text = self.value(name, key)?;
            match kind {
                "inline:" => out.push_str(&jsdoc_inline(&text)),
                "js:" => out.push_str(&js_string(&text)),
                _ => {
                    return Err(error(format!(
                        "{name}: `{{{{{kind}{key}}}}}` must stand alone on its line"
                    )));
                }
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn value(&self, name: &str, key: &str) -> Result<String, EmitError> {
        self.get(key)
            .ok_or_else(|| error(format!("{name}: unknown placeholder key `{key}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn doc_placeholders_take_the_prefix_of_the_comment_line_above() {
        let mut catalog = sample::catalog();
        catalog.envelope.code = "One */ two.\n@three".to_owned();
        let vars = Vars::new(&catalog);
        let filled = vars
            .fill(
                "t",
                "  /**\n   * Code.\n   *\n{{doc:envelope.code}}\n   */\n",
            )
            .unwrap();
        assert_eq!(
            filled,
            "  /**\n   * Code.\n   *\n   * One *\\/ two.\n   * \\@three\n   */\n"
        );
    }

    #[test]
    fn doc_placeholders_below_a_comment_opener_get_a_star() {
        let catalog = sample::catalog();
        let vars = Vars::new(&catalog);
        let filled = vars
            .fill("t", "  /**\n{{doc:envelope.field}}\n   */\n")
            .unwrap();
        assert_eq!(filled, "  /**\n   * The field.\n   */\n");
    }

    #[test]
    fn inline_and_string_placeholders_are_escaped_and_object_types_kept() {
        let mut catalog = sample::catalog();
        catalog.title = "A \"title\" */\nnext".to_owned();
        let vars = Vars::new(&catalog);
        assert_eq!(
            vars.fill(
                "t",
                " * {{inline:catalog.title}} {{ a: 1 }}\nx({{js:catalog.title}});\n"
            )
            .unwrap(),
            " * A \"title\" *\\/ next {{ a: 1 }}\nx(\"A \\\"title\\\" */\\nnext\");\n"
        );
    }

    #[test]
    fn unknown_keys_and_misplaced_docs_are_errors() {
        let catalog = sample::catalog();
        let vars = Vars::new(&catalog);
        assert!(vars.fill("t", "{{js:nope}}\n").is_err());
        assert!(vars.fill("t", "x {{doc:catalog.title}}\n").is_err());
        assert!(vars.fill("t", "{{doc:catalog.title}}\n").is_err());
        assert!(vars.fill("t", "{{js:catalog.title\n").is_err());
        assert!(vars.fill("t", "{{block:nope}}\n").is_err());
        assert!(vars.fill("t", "x {{block:families.js}}\n").is_err());
    }
}
