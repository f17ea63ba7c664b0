//! JSON text shared by the targets, written by `serde_json` (with `preserve_order`, so objects
//! keep the order their members were added in): a string literal, and a small ordered value
//! builder printed the way `JSON.stringify(value, null, 2)` prints it.

use serde_json::{Map, Value};

/// A JSON string exactly as `serde_json` writes it: `"`, `\\` and control characters escaped,
/// everything else (non-ASCII included) as is.
pub fn json_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// A JSON value under construction. Objects keep the order their members were added in; the
/// value is printed by `serde_json`.
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
        // `{:#}` is serde_json's pretty printer: two spaces, `"key": value`, `[]` and `{}`.
        format!("{:#}\n", Value::from(self.clone()))
    }

    /// The value on one line with no white space, as `JSON.stringify(value)` prints it.
    pub fn compact(&self) -> String {
        Value::from(self.clone()).to_string()
    }
}

impl From<Json> for Value {
    fn from(json: Json) -> Value {
        match json {
            Json::Bool(b) => Value::Bool(b),
            Json::Int(n) => Value::from(n),
            Json::Str(s) => Value::String(s),
            Json::Array(items) => Value::Array(items.into_iter().map(Value::from).collect()),
            Json::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (key, Value::from(value)))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_controls_only() {
        assert_eq!(json_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            json_string("l1\nl2\t\u{1}\u{8}\u{c}\r"),
            r#""l1\nl2\t\u0001\b\f\r""#
        );
        assert_eq!(
            json_string("é \u{2028} 🚀 </script>"),
            "\"é \u{2028} 🚀 </script>\""
        );
    }

    #[test]
    fn pretty_prints_like_json_stringify_with_two_spaces() {
        let value = Json::object([
            ("z", Json::Bool(false)),
            ("b", Json::strings(["x", "y"])),
            ("c", Json::object::<&str>([])),
            ("d", Json::Array(vec![])),
            ("a", Json::object([("n", Json::Int(-3))])),
        ]);
        assert_eq!(
            value.pretty(),
            "{\n  \"z\": false,\n  \"b\": [\n    \"x\",\n    \"y\"\n  ],\n  \"c\": {},\n  \"d\": [],\n  \"a\": {\n    \"n\": -3\n  }\n}\n"
        );
        assert_eq!(
            value.compact(),
            r#"{"z":false,"b":["x","y"],"c":{},"d":[],"a":{"n":-3}}"#
        );
    }
}
