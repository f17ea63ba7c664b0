//! What the TOML parser's error recovery cannot say well: where an unclosed bracket or an
//! unterminated multi-line string was opened, and which key nests too deep. The parser reports
//! these where it gave up (a line late, or at the end of the file) and then a trail of follow-on
//! errors; this scan finds the one place to point at.

use std::ops::Range;

/// Something opened and never closed, found by [`unclosed`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unclosed {
    /// The opening `{`, `[`, `"""` or `'''`.
    pub span: Range<usize>,
    /// What it opens, for the message (`an inline table`, `an array`, ...).
    pub what: &'static str,
    /// What closes it.
    pub closer: &'static str,
}

/// The earliest opener still open at the end of `text`, if any: the one defect the parser's
/// errors after it follow from. A pass over the text that knows comments and the four kinds of
/// strings, so brackets inside them do not count; single-line strings end at the line's end
/// (the parser reports an unterminated one on its own line).
pub fn unclosed(text: &str) -> Option<Unclosed> {
    let bytes = text.as_bytes();
    let mut stack: Vec<(usize, u8)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = line_end(bytes, i);
                continue;
            }
            b'"' | b'\'' => {
                let quote = bytes[i];
                if bytes[i..].starts_with(&[quote; 3]) {
                    match multi_line_end(bytes, i + 3, quote) {
                        Some(end) => i = end,
                        None => {
                            // An unterminated multi-line string swallows the rest of the file,
                            // brackets included: it is the defect unless one was opened first.
                            if let Some(&(start, open)) = stack.first() {
                                return Some(bracket(start, open));
                            }
                            return Some(Unclosed {
                                span: i..i + 3,
                                what: "a multi-line string",
                                closer: if quote == b'"' { "\"\"\"" } else { "'''" },
                            });
                        }
                    }
                    continue;
                }
                i = single_line_end(bytes, i + 1, quote);
                continue;
            }
            open @ (b'[' | b'{') => stack.push((i, open)),
            close @ (b']' | b'}') => {
                let open = if close == b']' { b'[' } else { b'{' };
                if stack.last().is_some_and(|&(_, o)| o == open) {
                    stack.pop();
                }
            }
            _ => {}
        }
        i += 1;
    }
    stack.first().map(|&(start, open)| bracket(start, open))
}

fn bracket(start: usize, open: u8) -> Unclosed {
    if open == b'{' {
        Unclosed {
            span: start..start + 1,
            what: "an inline table",
            closer: "}",
        }
    } else {
        Unclosed {
            span: start..start + 1,
            what: "an array or table header",
            closer: "]",
        }
    }
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// The index after the closing quote of a one-line string, or the line's end.
fn single_line_end(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' {
        if quote == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            return i + 1;
        }
        i += 1;
    }
    i
}

/// The index after the closing delimiter of a multi-line string (up to two more quotes may
/// belong to its content), or `None` when it is never closed.
fn multi_line_end(bytes: &[u8], mut i: usize, quote: u8) -> Option<usize> {
    while i < bytes.len() {
        if quote == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(&[quote; 3]) {
            let mut end = i + 3;
            while end < bytes.len() && bytes[end] == quote && end < i + 5 {
                end += 1;
            }
            return Some(end);
        }
        i += 1;
    }
    None
}

/// The line that nests deepest (most `.` of a dotted key, `[` and `{`), for the parser's
/// "recursion limit" error, which it reports at the end of the file: the trimmed line's span.
pub fn deepest_line(text: &str) -> Range<usize> {
    let mut best = (0, 0..0);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let depth = line
            .bytes()
            .filter(|b| matches!(b, b'.' | b'[' | b'{'))
            .count();
        if depth > best.0 {
            let start = offset + (line.len() - line.trim_start().len());
            let end = offset + line.trim_end().len();
            best = (depth, start..end.max(start));
        }
        offset += line.len();
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_inline_table_is_found_where_it_opens() {
        let text = "[s]\n400 = { title = \"a\"\n401 = { title = \"b\" }\n[c]\nx = 1\n";
        let found = unclosed(text).expect("unclosed");
        assert_eq!(found.span.start, text.find('{').unwrap_or_default());
        assert_eq!(found.closer, "}");
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        assert_eq!(
            unclosed("a = \"[{\" # [\nb = '{'\nc = \"\"\"\n[\n\"\"\"\nd = [1,\n2]\n"),
            None
        );
    }

    #[test]
    fn an_unterminated_multi_line_string_is_found_where_it_opens() {
        let text = "a = 1\nb = \"\"\"x\n[t]\nc = 2\n";
        let found = unclosed(text).expect("unclosed");
        assert_eq!(found.span, 10..13);
        assert_eq!(found.what, "a multi-line string");
    }

    #[test]
    fn the_deepest_line_is_the_longest_dotted_key() {
        let text = "a = 1\n  x.y.z.w = 2\nb = 3\n";
        assert_eq!(&text[deepest_line(text)], "x.y.z.w = 2");
    }
}
