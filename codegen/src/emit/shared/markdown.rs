//! Escaping catalog text for Markdown (CommonMark with GitHub's tables), so that whatever a
//! message or description holds it reads as the same plain text and never as markup: no
//! emphasis, link, HTML, code span, math or entity, no table cell boundary, no heading, list or
//! code block.

/// ASCII punctuation that may start or end inline markup somewhere (CommonMark lets any ASCII
/// punctuation be backslash-escaped; these are the ones that matter). `|` splits table cells,
/// `$` starts math on GitHub, `&` starts an entity, `<` HTML or an autolink, `#` a heading.
const INLINE_SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '$', '&', '#', '!',
];

/// One line of text escaped for inline use: every markup character is backslash-escaped.
/// Newlines are not expected here (see [`cell`] and [`paragraphs`]).
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if INLINE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for one table cell: escaped inline, line breaks as `<br>` so that a multi-line
/// description stays in its row.
pub fn cell(text: &str) -> String {
    text.split('\n')
        .map(|line| inline(line.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Text for a heading: one line, escaped inline, with no leading or trailing blanks (which a
/// heading would drop).
pub fn heading(text: &str) -> String {
    let line: Vec<&str> = text.split_whitespace().collect();
    block_line(&line.join(" "))
}

/// Text as paragraphs: blank lines separate paragraphs, other line breaks are kept as hard
/// breaks, and no line can start a block (heading, list, quote, code block, thematic break).
pub fn paragraphs(text: &str) -> String {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let lines: Vec<String> = paragraph
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(block_line)
            .collect();
        if !lines.is_empty() {
            out.push(lines.join("\\\n"));
        }
    }
    out.join("\n\n")
}

/// One line escaped inline, and also where it could start a block: a list marker (`-`, `+`,
/// `1.`, `1)`), a setext underline or thematic break (`=`, `-`). `#`, `>`, `*` and `_` are
/// already escaped by [`inline`].
fn block_line(line: &str) -> String {
    let escaped = inline(line);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let first = escaped.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        format!("\\{escaped}")
    } else if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) {
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

/// A code span holding `text` verbatim: the fence is one backtick longer than the longest run
/// of backticks inside, padded with spaces when the text starts or ends with a backtick. Not for
/// table cells (a `|` inside would still split the cell).
pub fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A fenced code block: the fence is longer than any run of backticks in `code`.
pub fn code_block(language: &str, code: &str) -> String {
    let mut longest = 0;
    for line in code.lines() {
        let run = line.trim_start().chars().take_while(|&c| c == '`').count();
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let code = code.trim_end_matches('\n');
    format!("{fence}{language}\n{code}\n{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_every_markup_character() {
        assert_eq!(
            inline(r"a | b \ `c` *d* _e_ [f](g) <b> ~h~ $x$ &amp; #1 ![i]"),
            r"a \| b \\ \`c\` \*d\* \_e\_ \[f\](g) \<b\> \~h\~ \$x\$ \&amp; \#1 \!\[i\]"
        );
        assert_eq!(
            inline("Ошибка 🚀 \u{2028} plain."),
            "Ошибка 🚀 \u{2028} plain."
        );
    }

    #[test]
    fn cells_keep_line_breaks_as_br() {
        assert_eq!(cell("one | two\n\n- three"), r"one \| two<br><br>- three");
    }

    #[test]
    fn paragraphs_never_start_a_block() {
        let text = "# Not a heading\nLine two | pipe\n- not a list\n1. not numbered\n    indented\n\nSecond = para\n=== \n+ plus";
        assert_eq!(
            paragraphs(text),
            "\\# Not a heading\\\nLine two \\| pipe\\\n\\- not a list\\\n1\\. not numbered\\\nindented\n\nSecond = para\\\n\\===\\\n\\+ plus"
        );
        assert_eq!(paragraphs("> quote\n\n\n12) x"), "\\> quote\n\n12\\) x");
    }

    #[test]
    fn headings_are_one_escaped_line() {
        assert_eq!(
            heading(" Weird *Errors* | [1]\n"),
            r"Weird \*Errors\* \| \[1\]"
        );
        assert_eq!(heading("- dash"), r"\- dash");
    }

    #[test]
    fn code_spans_and_blocks_outlast_inner_backticks() {
        assert_eq!(code_span("temperature"), "`temperature`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x``"), "``` `x`` ```");
        assert_eq!(code_block("ts", "let x = 1;\n"), "```ts\nlet x = 1;\n```");
        assert_eq!(
            code_block("md", "````\ninner\n````"),
            "`````md\n````\ninner\n````\n`````"
        );
    }
}
