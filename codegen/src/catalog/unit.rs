//! Reading one TOML table into its serde mirror struct while reporting every problem in it:
//! each unknown key (with a "did you mean" hint) and each wrongly typed value, not just the first
//! one serde meets.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, Visitor};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostics::Diagnostic;

/// A table read into `T`.
pub struct Read<T> {
    /// The struct, holding every key that was known and well typed.
    pub value: T,
    /// Keys that were present but reported as wrongly typed: not to be reported again as missing.
    pub invalid: BTreeSet<String>,
    /// Span of the whole table.
    pub span: Range<usize>,
}

impl<T> Read<T> {
    /// Reports a required key that is absent (and was not already reported as invalid).
    pub fn require<'v, V>(
        &self,
        value: &'v Option<Spanned<V>>,
        key: &str,
        what: &str,
        example: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<&'v Spanned<V>> {
        if value.is_none() && !self.invalid.contains(key) {
            diags.push(
                Diagnostic::error(format!("{what} has no `{key}`"), self.span.clone())
                    .label(format!("`{key}` is required here"))
                    .help(format!("add `{key} = {example}`")),
            );
        }
        value.as_ref()
    }
}

/// Reads `value` (which must be a table) as `T`. `what` names the table in messages
/// (e.g. "code `QUOTA_USED_UP`"); keys in `skip` are left for the caller to read separately.
pub fn read_table<T: DeserializeOwned>(
    value: &Spanned<DeValue<'_>>,
    what: &str,
    skip: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Option<Read<T>> {
    let span = value.span();
    let Some(table) = value.get_ref().as_table() else {
        diags.push(
            Diagnostic::error(
                format!(
                    "{what} must be a table, found {}",
                    type_name(value.get_ref())
                ),
                span,
            )
            .label("expected a table"),
        );
        return None;
    };
    let fields = fields_of::<T>();
    let mut known = DeTable::new();
    for (key, item) in table {
        let name = key.get_ref().as_ref();
        if skip.contains(&name) {
            continue;
        }
        if fields.contains(&name) {
            known.insert(key.clone(), item.clone());
        } else {
            let mut allowed: Vec<&str> = fields.iter().chain(skip).copied().collect();
            allowed.sort_unstable();
            diags.push(unknown_key(name, key.span(), what, &allowed));
        }
    }
    match deserialize::<T>(&known, span.clone()) {
        Ok(value) => Some(Read {
            value,
            invalid: BTreeSet::new(),
            span,
        }),
        Err(_) => {
            // Find every bad key by reading each on its own, then read the good ones.
            let mut invalid = BTreeSet::new();
            let mut good = DeTable::new();
            for (key, item) in &known {
                let mut single = DeTable::new();
                single.insert(key.clone(), item.clone());
                match deserialize::<T>(&single, span.clone()) {
                    Ok(_) => {
                        good.insert(key.clone(), item.clone());
                    }
                    Err(error) => {
                        let name = key.get_ref().to_string();
                        diags.push(wrong_type(&name, item, what, &error));
                        invalid.insert(name);
                    }
                }
            }
            match deserialize::<T>(&good, span.clone()) {
                Ok(value) => Some(Read {
                    value,
                    invalid,
                    span,
                }),
                Err(error) => {
                    diags.push(Diagnostic::error(
                        format!("{what} could not be read: {}", error.message()),
                        error.span().unwrap_or(span),
                    ));
                    None
                }
            }
        }
    }
}

fn deserialize<T: DeserializeOwned>(
    table: &DeTable<'_>,
    span: Range<usize>,
) -> Result<T, toml::de::Error> {
    let value = Spanned::new(span, DeValue::Table(table.clone()));
    T::deserialize(ValueDeserializer::from(value))
}

/// The diagnostic for a key that is not allowed, with the closest allowed key as a hint.
pub fn unknown_key(name: &str, span: Range<usize>, what: &str, allowed: &[&str]) -> Diagnostic {
    let diagnostic =
        Diagnostic::error(format!("unknown key `{name}` in {what}"), span).label("unknown key");
    match closest(name, allowed.iter().copied()) {
        Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
        None => diagnostic.help(format!("the keys allowed here are {}", list(allowed))),
    }
}

fn wrong_type(
    name: &str,
    item: &Spanned<DeValue<'_>>,
    what: &str,
    error: &toml::de::Error,
) -> Diagnostic {
    let expected = expected_of(error.message());
    let found = type_name(item.get_ref());
    let span = error.span().unwrap_or_else(|| item.span());
    // serde says "invalid type" when the value's type is wrong, and other things (a range, say)
    // when the type is right but the value is not.
    let message = if error.message().starts_with("invalid type") {
        format!("`{name}` in {what} must be {expected}, found {found}")
    } else {
        format!("`{name}` in {what} is invalid: {}", error.message())
    };
    let diagnostic = Diagnostic::error(message, span).label(format!("expected {expected}"));
    match (expected, item.get_ref()) {
        ("an integer", DeValue::String(_)) => diagnostic.help("write the number without quotes"),
        ("`true` or `false`", DeValue::String(_)) => {
            diagnostic.help("write `true` or `false` without quotes")
        }
        ("a string", DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_)) => {
            diagnostic.help("put the text in double quotes")
        }
        _ => diagnostic,
    }
}

/// Turns serde's "expected u16" into words a catalog author knows.
fn expected_of(message: &str) -> &'static str {
    let expected = message.rsplit("expected ").next().unwrap_or_default();
    if expected.starts_with('i') || expected.starts_with('u') {
        "an integer"
    } else if expected.starts_with("a boolean") {
        "`true` or `false`"
    } else if expected.contains("string") {
        "a string"
    } else if expected.contains("struct") || expected.contains("map") {
        "a table"
    } else {
        "a value of another type"
    }
}

/// A TOML value's type, with an article, for messages.
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest(name, candidates, 1).into_iter().next()
}

/// Up to `count` candidates close enough to `name` to be likely typos of it, nearest first
/// (case-insensitive Damerau–Levenshtein distance, at most a third of the longer name).
pub fn nearest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    count: usize,
) -> Vec<&'a str> {
    let name_lower = name.to_lowercase();
    let mut close: Vec<(usize, &'a str)> = candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&name_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| {
            *distance <= (c.chars().count().max(name.chars().count()) / 3).max(1)
        })
        .collect();
    close.sort_unstable();
    close.dedup();
    close.into_iter().take(count).map(|(_, c)| c).collect()
}

/// `a`, `b` and `c`
pub fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The field names serde's derive gives a struct, read by asking it to deserialize from a
/// deserializer that only records them.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldsProbe(&mut fields));
    fields
}

struct FieldsProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> de::Deserializer<'de> for FieldsProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only structs are probed"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("probed"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::raw::RawCode;

    #[test]
    fn fields_of_a_mirror_struct_are_its_keys_in_order() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Probe {
            status: Option<i64>,
            r#type: Option<String>,
            #[serde(rename = "max-tokens")]
            max_tokens: Option<bool>,
        }
        assert_eq!(fields_of::<Probe>(), ["status", "type", "max-tokens"]);
    }

    #[test]
    fn close_typos_get_a_suggestion_and_far_ones_do_not() {
        let keys = ["status", "category", "message", "retryable"];
        assert_eq!(closest("retryabel", keys), Some("retryable"));
        assert_eq!(closest("Status", keys), Some("status"));
        assert_eq!(closest("colour", keys), None);
    }

    #[test]
    fn lists_read_like_prose() {
        assert_eq!(list(&["a"]), "`a`");
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` and `c`");
    }

    #[test]
    fn every_bad_key_of_a_table_is_reported() {
        let text = "[codes.X]\nstatus = \"400\"\nmessage = 5\nretryabel = true\nfield = 'f'\n";
        let root = DeTable::parse(text).expect("valid TOML");
        let codes = root
            .get_ref()
            .get("codes")
            .and_then(|c| c.get_ref().as_table());
        let x = codes.and_then(|c| c.get("X"));
        let mut diags = Vec::new();
        let read = x.and_then(|x| read_table::<RawCode>(x, "code `X`", &[], &mut diags));
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown key `retryabel` in code `X`",
                "`status` in code `X` must be an integer, found a string",
                "`message` in code `X` must be a string, found an integer",
            ]
        );
        let read = read.map(|r| (r.value.field.map(|f| f.into_inner()), r.invalid));
        assert_eq!(
            read,
            Some((
                Some("f".to_owned()),
                ["message".to_owned(), "status".to_owned()]
                    .into_iter()
                    .collect()
            ))
        );
    }
}
