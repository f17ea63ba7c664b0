//! Doc comments: catalog text escaped so rustdoc renders it literally, and the `#[doc]`
//! attributes that prettyplease prints as `///` and `//!` lines.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Escapes catalog text (one or more lines) so that rustdoc renders it literally.
///
/// Each line is trimmed (indentation would otherwise start a code block), runs of blank lines
/// become one paragraph break, inline Markdown (emphasis, code spans, links, HTML, tables,
/// strikethrough, entities) is backslash-escaped, and so are the line starts that open a block
/// (headings, lists, block quotes, setext underlines, definitions). Bare URLs become autolinks,
/// which rustdoc renders as their own text and its `bare_urls` lint accepts.
pub fn doc_text(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
        } else {
            lines.push(escape_line_start(&escape_inline(line)));
        }
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

/// Escapes text that lands in the middle of a doc line: inline Markdown only.
pub fn escape_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if let Some(len) = url_at(&chars, i) {
            out.push('<');
            out.extend(&chars[i..i + len]);
            out.push('>');
            i += len;
            continue;
        }
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // Intraword underscores never emphasize (`max_tokens`); keep them readable.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // Only `&name;` and `&#…;` are entities.
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            // Line and paragraph separators look like line breaks in editors: write them as
            // character references, which render as the character itself.
            '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("&#x{:X};", u32::from(c)));
                i += 1;
                continue;
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The length of a bare `http://` or `https://` URL starting at `i`, without trailing
/// punctuation, if there is one that an autolink can hold.
fn url_at(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '<') {
        return None;
    }
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let mut len = chars[i..]
        .iter()
        .take_while(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '`'))
        .count();
    while len > scheme.len()
        && matches!(
            chars[i + len - 1],
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | ')' | ']'
        )
    {
        len -= 1;
    }
    (len > scheme.len()).then_some(len)
}

/// Escapes what would open a block at the start of an (already inline-escaped, trimmed) line.
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=' | ':')) {
        return format!("\\{line}");
    }
    // Ordered list item: up to nine digits, then `.` or `)`.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(line[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

/// Inline code holding `text` literally, with a fence longer than any backtick run inside.
pub fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// A fenced code block holding `content` literally.
pub fn code_block(info: &str, content: &str) -> String {
    let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
    format!("{fence}{info}\n{content}\n{fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

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
        let escaped = doc_text(text);
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

    fn values(&self) -> impl Iterator<Item = Literal> + '_ {
        let end = self
            .lines
            .iter()
            .rposition(|line| !line.trim().is_empty())
            .map_or(0, |i| i + 1);
        self.lines[..end].iter().map(|line| {
            let line = line.trim_end();
            Literal::string(&if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            })
        })
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
    fn plain_text_is_unchanged() {
        assert_eq!(doc_text("API key is required"), "API key is required");
        assert_eq!(
            doc_text("Parameter value doesn't meet requirements"),
            "Parameter value doesn't meet requirements"
        );
        assert_eq!(
            doc_text("max_tokens and snake_case stay"),
            "max_tokens and snake_case stay"
        );
    }

    #[test]
    fn inline_markdown_is_escaped() {
        assert_eq!(
            doc_text("a [link](x) <b>bold</b>"),
            r"a \[link\](x) \<b\>bold\</b\>"
        );
        assert_eq!(
            doc_text("*em* _em_ __strong__ `code`"),
            r"\*em\* \_em\_ \_\_strong\_\_ \`code\`"
        );
        assert_eq!(doc_text(r"C:\path | a ~~b~~"), r"C:\\path \| a \~\~b\~\~");
        assert_eq!(
            doc_text("AT&T &amp; &#42; a & b"),
            r"AT\&T \&amp; \&#42; a & b"
        );
        assert_eq!(doc_text("[Vec]"), r"\[Vec\]");
        assert_eq!(doc_text("a\u{2028}b\u{2029}c"), "a&#x2028;b&#x2029;c");
    }

    #[test]
    fn block_starts_are_escaped() {
        assert_eq!(doc_text("# Title"), r"\# Title");
        assert_eq!(
            doc_text("- item\n+ item\n* item"),
            "\\- item\n\\+ item\n\\* item"
        );
        assert_eq!(doc_text("> quote"), r"\> quote");
        assert_eq!(doc_text("text\n===\n---"), "text\n\\===\n\\---");
        assert_eq!(
            doc_text("1. one\n2) two\n2024 was"),
            "1\\. one\n2\\) two\n2024 was"
        );
        assert_eq!(doc_text(": definition"), r"\: definition");
        assert_eq!(doc_text("a # not a heading"), "a # not a heading");
    }

    #[test]
    fn lines_are_trimmed_and_paragraphs_kept() {
        assert_eq!(
            doc_text("  one\n        indented code?\n\n\n\ntwo\n\n"),
            "one\nindented code?\n\ntwo"
        );
        assert_eq!(doc_text("\n\nlate start"), "late start");
        assert_eq!(doc_text("crlf\r\nlines"), "crlf\nlines");
        assert_eq!(doc_text(""), "");
    }

    #[test]
    fn urls_become_autolinks() {
        assert_eq!(
            doc_text("see https://example.com/a_b?x=1."),
            "see <https://example.com/a_b?x=1>."
        );
        assert_eq!(doc_text("(http://x.io)"), r"(<http://x.io>)");
        assert_eq!(doc_text("https:// alone"), "https:// alone");
        assert_eq!(doc_text("xhttps://no"), "xhttps://no");
    }

    #[test]
    fn code_spans_and_blocks_fence_around_backticks() {
        assert_eq!(code_span("prompt"), "`prompt`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_block("json", "{}"), "```json\n{}\n```");
        assert_eq!(code_block("", "````"), "`````\n````\n`````");
    }

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
            r#"# [doc = " Summary"] # [doc = ""] # [doc = " Line one"] # [doc = " line \\[two\\]"]"#
        );
    }
}
