//! JSON text shared by the targets: a string escaper that writes exactly what `serde_json`
//! writes, and a small ordered value type printed the way `JSON.stringify(value, null, 2)` does.

/// A JSON string exactly as `serde_json` writes it: `"`, `\\` and control characters escaped,
/// everything else (non-ASCII included) as is.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON value whose objects keep the order their members were added in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Bool(bool),
    Int(i64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A string value.
    pub fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// An object from `(key, value)` pairs, in order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// An array of strings.
    pub fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Json {
        Json::Array(items.into_iter().map(Json::str).collect())
    }

    /// The value printed with two-space indentation, one member or item per line, and a
    /// trailing newline.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    /// The value on one line without any whitespace, as `serde_json::to_string` and
    /// `JSON.stringify(value)` print it.
    pub fn compact(&self) -> String {
        match self {
            Json::Array(items) => {
                let items: Vec<String> = items.iter().map(Json::compact).collect();
                format!("[{}]", items.join(","))
            }
            Json::Object(members) => {
                let members: Vec<String> = members
                    .iter()
                    .map(|(key, value)| format!("{}:{}", json_string(key), value.compact()))
                    .collect();
                format!("{{{}}}", members.join(","))
            }
            scalar => scalar.pretty().trim_end().to_owned(),
        }
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Str(s) => out.push_str(&json_string(s)),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    out.push_str(&json_string(key));
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_controls_only() {
        assert_eq!(json_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(json_string("l1\nl2\t\u{1}"), r#""l1\nl2\t\u0001""#);
        assert_eq!(
            json_string("é \u{2028} 🚀 </script>"),
            "\"é \u{2028} 🚀 </script>\""
        );
    }

    #[test]
    fn pretty_prints_like_json_stringify_with_two_spaces() {
        let value = Json::object([
            ("a", Json::Bool(false)),
            ("b", Json::strings(["x", "y"])),
            ("c", Json::object::<&str>([])),
            ("d", Json::Array(vec![])),
            ("e", Json::object([("n", Json::Int(-3))])),
        ]);
        assert_eq!(
            value.pretty(),
            "{\n  \"a\": false,\n  \"b\": [\n    \"x\",\n    \"y\"\n  ],\n  \"c\": {},\n  \"d\": [],\n  \"e\": {\n    \"n\": -3\n  }\n}\n"
        );
        assert_eq!(
            value.compact(),
            r#"{"a":false,"b":["x","y"],"c":{},"d":[],"e":{"n":-3}}"#
        );
    }
}
