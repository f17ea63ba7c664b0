//! Python string literals and docstrings for any catalog text.
//!
//! [`string`] picks the quotes black and ruff would pick (double, unless the text holds more
//! double quotes than single ones), so the generated code is already formatted. [`docstring`]
//! keeps newlines and non-ASCII text as they are and escapes only what would end the docstring
//! early or change its meaning: backslashes, quotes at the edges or in a run, control characters
//! and Unicode line separators (which editors and `str.splitlines` treat as line breaks).

/// A Python `str` literal whose value is exactly `text`.
pub fn string(text: &str) -> String {
    let doubles = text.chars().filter(|&c| c == '"').count();
    let singles = text.chars().filter(|&c| c == '\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => push_escaped_special(&mut out, c),
        }
    }
    out.push(quote);
    out
}

/// `string(text)`, or `None` when there is no text.
pub fn optional_string(text: Option<&str>) -> String {
    text.map_or_else(|| "None".to_owned(), string)
}

/// Text for a docstring (without the surrounding `"""`) that reads as `text`: newlines stay
/// newlines, trailing spaces of lines are dropped (formatters drop them too), and a quote is
/// escaped when it touches another quote ([`docstring`] escapes one at an edge).
pub fn docstring_text(text: &str) -> String {
    let text = text
        .lines()
        .map(|line| line.trim_end_matches([' ', '\t']))
        .collect::<Vec<_>>()
        .join("\n");
    let text = text.trim_matches([' ', '\t', '\n']);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if chars.get(i + 1) == Some(&'"') || (i > 0 && chars[i - 1] == '"') => {
                out.push_str("\\\"")
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => push_escaped_special(&mut out, c),
        }
    }
    out
}

/// A docstring of `text` (already escaped by [`docstring_text`] or made of safe text), whose
/// opening quotes stand at `indent` spaces: one line when `text` is one line, else the PEP 257
/// layout with the closing quotes on their own line.
pub fn docstring(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut text = text.to_owned();
    if text.starts_with('"') {
        text.insert(0, '\\');
    }
    if text.ends_with('"') {
        let backslashes = text[..text.len() - 1]
            .chars()
            .rev()
            .take_while(|&c| c == '\\')
            .count();
        if backslashes % 2 == 0 {
            text.insert(text.len() - 1, '\\');
        }
    }
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        return format!("{pad}\"\"\"{first}\"\"\"\n");
    }
    let mut out = format!("{pad}\"\"\"{first}\n");
    for line in rest {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{line}\n"));
        }
    }
    out.push_str(&format!("{pad}\"\"\"\n"));
    out
}

/// Control characters, DEL and the characters Python or editors would take for a line break,
/// as escapes; every other character as it is.
fn push_escaped_special(out: &mut String, c: char) {
    match c {
        c if u32::from(c) < 0x20 || c == '\u{7f}' => {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        }
        '\u{85}' => out.push_str("\\x85"),
        '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_prefer_double_quotes_and_escape_backslashes() {
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string(""), "\"\"");
        assert_eq!(string("a\\b"), "\"a\\\\b\"");
        assert_eq!(string("isn't"), "\"isn't\"");
        assert_eq!(string("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string("\"x\" isn't"), "'\"x\" isn\\'t'");
        assert_eq!(string("one \" and ' "), "\"one \\\" and ' \"");
    }

    #[test]
    fn strings_escape_line_breaks_and_controls_but_keep_unicode() {
        assert_eq!(string("a\nb\r\tc"), "\"a\\nb\\r\\tc\"");
        assert_eq!(string("\u{1}\u{7f}"), "\"\\x01\\x7f\"");
        assert_eq!(
            string("x\u{2028}y\u{2029}\u{85}"),
            "\"x\\u2028y\\u2029\\x85\""
        );
        assert_eq!(string("Ошибка 🚀 é"), "\"Ошибка 🚀 é\"");
        assert_eq!(string("${x} {0} %s"), "\"${x} {0} %s\"");
    }

    #[test]
    fn docstrings_cannot_be_closed_early() {
        assert_eq!(docstring_text("a \"\"\" b"), "a \\\"\\\"\\\" b");
        assert_eq!(docstring_text("a \"quoted\" b"), "a \"quoted\" b");
        assert_eq!(docstring_text("\"start and end\""), "\"start and end\"");
        assert_eq!(
            docstring("\"start and end\"", 0),
            "\"\"\"\\\"start and end\\\"\"\"\"\n"
        );
        assert_eq!(docstring("a\\\\\"", 0), "\"\"\"a\\\\\\\"\"\"\"\n");
        assert_eq!(docstring("a\\\"", 0), "\"\"\"a\\\"\"\"\"\n");
        assert_eq!(docstring_text("back\\slash\\"), "back\\\\slash\\\\");
        assert_eq!(docstring_text("''' is fine"), "''' is fine");
    }

    #[test]
    fn docstrings_keep_lines_and_unicode_and_drop_trailing_spaces() {
        assert_eq!(docstring_text("one  \n\n  two\n"), "one\n\n  two");
        assert_eq!(docstring_text("é 👩‍💻 \u{2028}"), "é 👩‍💻 \\u2028");
        assert_eq!(docstring_text("tab\there"), "tab\\there");
    }

    #[test]
    fn docstrings_are_laid_out_like_pep_257() {
        assert_eq!(docstring("One line.", 4), "    \"\"\"One line.\"\"\"\n");
        assert_eq!(
            docstring("Title.\n\nBody\n  indented", 4),
            "    \"\"\"Title.\n\n    Body\n      indented\n    \"\"\"\n"
        );
    }

    /// Decodes the escapes [`string`] and [`docstring_text`] write, as Python would.
    fn decode(body: &str) -> String {
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let hex = |chars: &mut std::str::Chars, n: usize| {
                let digits: String = chars.take(n).collect();
                char::from_u32(u32::from_str_radix(&digits, 16).unwrap()).unwrap()
            };
            match chars.next().unwrap() {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'x' => out.push(hex(&mut chars, 2)),
                'u' => out.push(hex(&mut chars, 4)),
                c @ ('\\' | '"' | '\'') => out.push(c),
                other => panic!("unexpected escape \\{other}"),
            }
        }
        out
    }

    /// The byte index of the first `quote` not escaped by a backslash.
    fn unescaped(body: &str, quote: char) -> Option<usize> {
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == quote {
                return Some(i);
            }
        }
        None
    }

    #[test]
    fn every_text_of_the_escaping_fixture_round_trips() {
        let catalog = crate::load(
            "escaping.toml",
            include_str!("../../../../tests/fixtures/valid/escaping.toml"),
        )
        .unwrap();
        let mut texts = vec![catalog.title.clone(), catalog.description.clone()];
        for code in &catalog.codes {
            texts.extend([code.message.clone(), code.description.clone()]);
            texts.extend(code.field.clone());
        }
        for category in &catalog.categories {
            texts.extend([category.title.clone(), category.description.clone()]);
        }
        texts.push(catalog.envelope.description.clone());
        texts.push(catalog.envelope.request_id_example.clone());
        for text in &texts {
            let literal = string(text);
            let quote = literal.chars().next().unwrap();
            assert!(literal.ends_with(quote) && literal.len() >= 2);
            let body = &literal[1..literal.len() - 1];
            assert!(
                !body.contains(['\n', '\r', '\u{2028}', '\u{2029}']),
                "{literal}"
            );
            assert_eq!(decode(body), *text, "{literal}");
            assert!(unescaped(body, quote).is_none(), "{literal}");

            let doc = docstring(&docstring_text(text), 4);
            let inner = doc.trim_start().strip_prefix("\"\"\"").unwrap();
            let inner = inner.trim_end().strip_suffix("\"\"\"").unwrap();
            assert!(!inner.contains("\"\"\""), "{doc}");
            if let Some(i) = unescaped(inner, '"') {
                let next = inner[i + 1..].chars().next();
                assert!(i > 0 && next.is_some() && next != Some('"'), "{doc}");
            }
            assert!(!inner.contains(['\u{2028}', '\u{2029}']), "{doc}");
            assert!(!inner.ends_with('"') || inner.ends_with("\\\""), "{doc}");
            let expected: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
            let decoded = decode(inner);
            let got: Vec<&str> = decoded.trim().lines().map(str::trim).collect();
            let expected: Vec<&str> = expected.iter().map(|l| l.trim()).collect();
            assert_eq!(got, expected, "{doc}");
        }
    }
}
