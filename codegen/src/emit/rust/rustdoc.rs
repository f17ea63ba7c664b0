//! Doc comments: the `#[doc]` attributes that prettyplease prints as `///` and `//!` lines, built
//! from trusted Markdown and from catalog text, which [`markdown`] escapes so that rustdoc renders
//! it literally.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::shared::markdown;

/// A doc comment under construction, as Markdown lines.
#[derive(Default)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends trusted Markdown, which may span several lines.
    pub fn md(mut self, markdown: impl AsRef<str>) -> Self {
        self.lines
            .extend(markdown.as_ref().split('\n').map(str::to_owned));
        self
    }

    /// Appends catalog text, escaped.
    pub fn text(self, text: &str) -> Self {
        let escaped = markdown::paragraphs(text);
        if escaped.is_empty() {
            self
        } else {
            self.md(escaped)
        }
    }

    /// Starts a new paragraph (no-op at the start and after a blank line).
    pub fn para(mut self) -> Self {
        if self
            .lines
            .last()
            .is_some_and(|last| !last.trim().is_empty())
        {
            self.lines.push(String::new());
        }
        self
    }

    /// Appends a paragraph of catalog text.
    pub fn text_para(self, text: &str) -> Self {
        self.para().text(text)
    }

    /// Appends a paragraph of trusted Markdown.
    pub fn md_para(self, markdown: impl AsRef<str>) -> Self {
        self.para().md(markdown)
    }

    /// The lines, without trailing white space or trailing blank lines.
    fn trimmed(&self) -> impl Iterator<Item = &str> + '_ {
        let end = self
            .lines
            .iter()
            .rposition(|line| !line.trim().is_empty())
            .map_or(0, |i| i + 1);
        self.lines[..end].iter().map(|line| line.trim_end())
    }

    fn values(&self) -> impl Iterator<Item = Literal> + '_ {
        self.trimmed().map(|line| {
            Literal::string(&if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            })
        })
    }

    /// The lines of the `///` comment, without the `///` and its space, for text written
    /// directly ([`super::layout::Text::doc`]).
    pub fn lines(&self) -> Vec<String> {
        self.trimmed().map(str::to_owned).collect()
    }

    /// Outer `#[doc]` attributes (`///` lines).
    pub fn outer(&self) -> TokenStream {
        let values = self.values();
        quote! { #(#[doc = #values])* }
    }

    /// Inner `#![doc]` attributes (`//!` lines).
    pub fn inner(&self) -> TokenStream {
        let values = self.values();
        quote! { #(#![doc = #values])* }
    }
}

/// Shorthand for a one-paragraph outer doc of trusted Markdown.
pub fn doc(markdown: impl AsRef<str>) -> TokenStream {
    Doc::new().md(markdown).outer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_attributes_print_as_comments() {
        let doc = Doc::new()
            .md("Summary")
            .text_para("Line one\nline [two]")
            .md_para("")
            .para();
        let tokens = doc.outer().to_string();
        assert_eq!(
            tokens,
            r#"# [doc = " Summary"] # [doc = ""] # [doc = " Line one\\"] # [doc = " line \\[two\\]"]"#
        );
    }
}
