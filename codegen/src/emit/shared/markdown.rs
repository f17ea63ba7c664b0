//! Escaping catalog text for Markdown (CommonMark with GitHub's tables, as GitHub and rustdoc
//! render it), so that whatever a message or description holds it reads as the same plain text
//! and never as markup: no emphasis, link, image, HTML, code span, math or entity, no table cell
//! boundary, no heading, list, quote, definition or code block. The one escaper of every target
//! that writes Markdown: the docs page and the Rust target's rustdoc.
//!
//! Bare `http://` and `https://` URLs become autolinks (`<https://…>`), which render as their own
//! text and which rustdoc's `bare_urls` lint accepts. Escapes are kept where they are needed only,
//! so that text stays readable in the source: an underscore inside a word (`max_tokens`) never
//! emphasizes and an `&` that cannot start an entity (`a & b`) are left as they are.

/// ASCII punctuation that starts or ends inline markup wherever it stands (CommonMark lets any
/// ASCII punctuation be backslash-escaped; these are the ones that matter). `|` splits table
/// cells, `$` starts math on GitHub, `<` HTML or an autolink, `[` a link or, after `!`, an image,
/// `#` a heading or, at the end of one, its closing sequence. `_` and `&` are handled apart.
const INLINE_SPECIAL: &[char] = &['\\', '`', '*', '[', ']', '<', '>', '|', '~', '$', '#'];

/// One line of text escaped for inline use: every markup character is backslash-escaped, bare
/// URLs become autolinks, and the line and paragraph separators (U+2028, U+2029), which editors
/// show as line breaks, are written as character references. Newlines are not expected here
/// (see [`cell`] and [`paragraphs`]).
pub fn inline(text: &str) -> String {
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
            // An underscore inside a word never emphasizes (`max_tokens`).
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // Only `&name;` and `&#…;` are entities.
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("&#x{:X};", u32::from(c)));
                i += 1;
                continue;
            }
            c => INLINE_SPECIAL.contains(&c),
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
/// punctuation, if there is one that an autolink can hold (no space, `<`, `>`, backtick, or `|`,
/// which would split a table cell before the autolink is read).
fn url_at(chars: &[char], i: usize) -> Option<usize> {
    // After `<` too: the `<` is escaped, and a URL left bare there is what rustdoc's
    // `bare_urls` lint rejects.
    if chars[i] != 'h' || (i > 0 && chars[i - 1].is_alphanumeric()) {
        return None;
    }
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let mut len = chars[i..]
        .iter()
        .take_while(|c| {
            !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '`' | '|')
        })
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
    // Trimmed only: U+2028 and U+2029 count as white space to `split_whitespace` but are text
    // here (written as character references by `inline`).
    block_line(
        text.trim_matches(|c: char| c.is_whitespace() && !matches!(c, '\u{2028}' | '\u{2029}')),
    )
}

/// Text as paragraphs: blank lines (or lines of blanks) separate paragraphs, other line breaks
/// are kept as hard breaks, lines are trimmed (indentation would start a code block), and no
/// line can start a block (heading, list, quote, definition, code block, thematic break).
pub fn paragraphs(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !paragraph.is_empty() {
                out.push(paragraph.join("\\\n"));
                paragraph.clear();
            }
        } else {
            paragraph.push(block_line(line));
        }
    }
    if !paragraph.is_empty() {
        out.push(paragraph.join("\\\n"));
    }
    out.join("\n\n")
}

/// One line escaped inline, and also where it could start a block: a list marker (`-`, `+`,
/// `1.`, `1)`), a setext underline or thematic break (`=`, `-`), a definition (`:`). `#`, `>`,
/// `*` and `_` are already escaped by [`inline`].
fn block_line(line: &str) -> String {
    let escaped = inline(line);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let first = escaped.chars().next();
    if matches!(first, Some('-' | '+' | '=' | ':')) {
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
            r"a \| b \\ \`c\` \*d\* \_e\_ \[f\](g) \<b\> \~h\~ \$x\$ \&amp; \#1 !\[i\]"
        );
        assert_eq!(inline("__strong__ ~~b~~"), r"\_\_strong\_\_ \~\~b\~\~");
        assert_eq!(
            inline("Ошибка 🚀 plain. Parameter value doesn't meet requirements!"),
            "Ошибка 🚀 plain. Parameter value doesn't meet requirements!"
        );
    }

    #[test]
    fn inline_leaves_what_cannot_be_markup_readable() {
        assert_eq!(
            inline("max_tokens and snake_case stay"),
            "max_tokens and snake_case stay"
        );
        assert_eq!(
            inline("AT&T &amp; &#42; a & b"),
            r"AT\&T \&amp; \&\#42; a & b"
        );
        assert_eq!(inline("_a b_ c_"), r"\_a b\_ c\_");
    }

    #[test]
    fn line_separators_become_character_references() {
        assert_eq!(inline("a\u{2028}b\u{2029}c"), "a&#x2028;b&#x2029;c");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            inline("see https://example.com/a_b?x=1."),
            "see <https://example.com/a_b?x=1>."
        );
        assert_eq!(inline("(http://x.io)"), r"(<http://x.io>)");
        assert_eq!(inline("https:// alone"), "https:// alone");
        assert_eq!(inline("xhttps://no"), "xhttps://no");
        assert_eq!(cell("https://a.io|b"), r"<https://a.io>\|b");
        // Written as an autolink already: shown as written, the URL still an autolink.
        assert_eq!(inline("<https://a.io/x>"), r"\<<https://a.io/x>\>");
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
        assert_eq!(
            paragraphs(": definition\n* star\n2024 was"),
            "\\: definition\\\n\\* star\\\n2024 was"
        );
        assert_eq!(paragraphs("a # not a heading"), r"a \# not a heading");
    }

    #[test]
    fn paragraphs_are_trimmed_and_blank_lines_collapse() {
        assert_eq!(
            paragraphs("  one\n        indented code?\n  \n\n\ntwo\n\n"),
            "one\\\nindented code?\n\ntwo"
        );
        assert_eq!(paragraphs("\n\nlate start"), "late start");
        assert_eq!(paragraphs("crlf\r\nlines"), "crlf\\\nlines");
        assert_eq!(paragraphs(r"ends in C:\"), r"ends in C:\\");
        assert_eq!(paragraphs(""), "");
    }

    #[test]
    fn headings_are_one_escaped_line() {
        assert_eq!(
            heading(" Weird *Errors* | [1] #\n"),
            r"Weird \*Errors\* \| \[1\] \#"
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
