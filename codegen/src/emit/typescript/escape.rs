//! Catalog text in JavaScript: string literals and JSDoc comments.

use crate::emit::shared::json::json_string;

/// A double-quoted JavaScript string literal holding `text` exactly.
///
/// Escapes `"` and `\`, every C0 control character and DEL, and the line terminators U+2028
/// and U+2029 (raw, they end a line comment and once ended string literals). Everything else,
/// non-ASCII included, is written as is. The result is also a valid JSON string.
pub fn js_string(text: &str) -> String {
    // A JSON string is a JavaScript string literal. JSON leaves these three raw, which
    // JavaScript source should not hold; an escape never produces them, so each one in the JSON
    // output is the character itself and replacing it there is exact.
    json_string(text)
        .replace('\u{7f}', "\\u007f")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// Catalog text (one or more lines) as the lines of a JSDoc comment body, without the
/// leading ` * `.
///
/// Lines end at `\n`, `\r`, U+2028 and U+2029; each is trimmed, and runs of blank lines become
/// one. `*/` would close the comment: it becomes `*\/`. A line starting with `@` would start a
/// tag: the `@` becomes `\@`. Nothing else needs escaping in a comment.
pub fn jsdoc_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let line = line.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let mut escaped = line.replace("*/", "*\\/");
        if escaped.starts_with('@') {
            escaped.insert(0, '\\');
        }
        lines.push(escaped);
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Catalog text as a fragment of one JSDoc line: its lines joined by spaces.
pub fn jsdoc_inline(text: &str) -> String {
    // Lines are trimmed and joined with a space, so no `*/` forms across a join.
    jsdoc_lines(text)
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The longest line a generated file should have, where catalog text allows.
pub const MAX_WIDTH: usize = 100;

/// Wraps JSDoc lines (from [`jsdoc_lines`]) at spaces to at most `width` characters where
/// words allow. A break never leaves a line starting with `@` unescaped, nor with what Markdown
/// would read as a list, heading, quote or table.
pub fn wrap(lines: &[String], width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let mut current = String::new();
        for word in line.split(' ') {
            let fits = current.chars().count() + 1 + word.chars().count() <= width;
            if current.is_empty() || fits || !can_start_line(word) {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
            } else {
                out.push(std::mem::take(&mut current));
                if word.starts_with('@') {
                    current.push('\\');
                }
                current.push_str(word);
            }
        }
        out.push(current);
    }
    out
}

/// Whether a word may begin a continuation line without changing what the comment says.
fn can_start_line(word: &str) -> bool {
    let ordered = word.trim_end_matches(['.', ')']);
    !(word.is_empty()
        || word.starts_with(['-', '+', '*', '#', '>', '|', '=', '`', '~'])
        || (ordered.len() < word.len() && ordered.chars().all(|c| c.is_ascii_digit())))
}

/// A JSDoc comment holding `lines`, each prefixed with `indent`, wrapped to [`MAX_WIDTH`].
pub fn jsdoc_block(indent: &str, lines: &[String]) -> String {
    let width = MAX_WIDTH.saturating_sub(indent.chars().count() + 3).max(40);
    if let [line] = lines {
        if line.chars().count() + indent.chars().count() + 7 <= MAX_WIDTH {
            return format!("{indent}/** {line} */\n");
        }
    }
    let lines = wrap(lines, width);
    let mut out = format!("{indent}/**\n");
    for line in lines {
        if line.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {line}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(js_string("plain"), "\"plain\"");
        assert_eq!(js_string("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(js_string("a\\b"), "\"a\\\\b\"");
        assert_eq!(js_string("it's"), "\"it's\"");
        assert_eq!(js_string("a\nb\r\tc"), "\"a\\nb\\r\\tc\"");
        assert_eq!(js_string("\u{0}\u{1b}\u{7f}"), "\"\\u0000\\u001b\\u007f\"");
        assert_eq!(js_string("\u{8}\u{c}"), "\"\\b\\f\"");
    }

    #[test]
    fn string_literals_escape_line_separators_and_keep_other_unicode() {
        assert_eq!(js_string("a\u{2028}b\u{2029}c"), "\"a\\u2028b\\u2029c\"");
        assert_eq!(js_string("Ошибка 🚀 e\u{301}"), "\"Ошибка 🚀 e\u{301}\"");
    }

    #[test]
    fn string_literals_leave_template_and_comment_syntax_alone() {
        // Double-quoted strings give no meaning to `${`, backticks or `*/`.
        assert_eq!(js_string("${x} `t` */"), "\"${x} `t` */\"");
    }

    #[test]
    fn jsdoc_closes_no_comment_and_starts_no_tag() {
        assert_eq!(jsdoc_lines("a */ b"), ["a *\\/ b"]);
        assert_eq!(jsdoc_lines("**/"), ["**\\/"]);
        assert_eq!(
            jsdoc_lines("@param x\n  @deprecated"),
            ["\\@param x", "\\@deprecated"]
        );
        assert_eq!(jsdoc_lines("mail me@example.com"), ["mail me@example.com"]);
    }

    #[test]
    fn jsdoc_splits_lines_at_every_line_terminator() {
        assert_eq!(
            jsdoc_lines("one\r\ntwo\u{2028}@three\u{2029}four"),
            ["one", "", "two", "\\@three", "four"]
        );
        assert_eq!(jsdoc_lines("a\n\n\n\nb\n\n"), ["a", "", "b"]);
        assert!(jsdoc_lines("  \n ").is_empty());
    }

    #[test]
    fn jsdoc_inline_joins_lines_without_reopening_a_closer() {
        assert_eq!(jsdoc_inline("one\ntwo"), "one two");
        assert_eq!(jsdoc_inline("a *\n/ b */"), "a * / b *\\/");
    }

    #[test]
    fn jsdoc_wraps_at_spaces_without_starting_tags_or_markdown_blocks() {
        let words = |line: &str| vec![line.to_owned()];
        assert_eq!(wrap(&words("aaa bbb ccc"), 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap(&words("aaa @bbb"), 4), ["aaa", "\\@bbb"]);
        assert_eq!(wrap(&words("aaa - bbb"), 4), ["aaa -", "bbb"]);
        assert_eq!(wrap(&words("aaa 1. bbb"), 4), ["aaa 1.", "bbb"]);
        assert_eq!(wrap(&words("aaa #1 `x`"), 4), ["aaa #1 `x`"]);
        assert_eq!(
            wrap(&words("averyveryverylongword b"), 4),
            ["averyveryverylongword", "b"]
        );
        assert_eq!(wrap(&[String::new()], 4), [""]);
        let long = "word ".repeat(40);
        let block = jsdoc_block("  ", &words(long.trim()));
        assert!(block.lines().all(|l| l.len() <= MAX_WIDTH), "{block}");
        assert_eq!(block.lines().count(), 5);
    }

    #[test]
    fn jsdoc_blocks_are_one_line_when_they_can_be() {
        assert_eq!(jsdoc_block("  ", &["Hi.".to_owned()]), "  /** Hi. */\n");
        assert_eq!(
            jsdoc_block("", &["a".to_owned(), String::new(), "b".to_owned()]),
            "/**\n * a\n *\n * b\n */\n"
        );
    }
}
