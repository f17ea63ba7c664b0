//! What more than one target needs, below all of them: the generated-file header of each
//! comment style, JSON and Markdown text, TOML strings for the manifests, the example code and
//! envelope the packages and docs show, and (for unit tests) a small sample catalog.
//!
//! No target imports another target: when a second target needs something a target has, it
//! moves here (or, for names, to [`crate::names`]).

pub mod examples;
pub mod header;
pub mod json;
pub mod markdown;
#[cfg(test)]
pub mod sample;

/// A TOML basic string holding `text` literally, for the manifests of the packages.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_read_back_as_written() {
        assert_eq!(toml_string("AI API errors"), "\"AI API errors\"");
        for tricky in ["say \"hi\" \\ 'there' é", "a \"b\" \\ é", "x\u{1}\u{2028}"] {
            let parsed: toml::Table =
                toml::from_str(&format!("x = {}", toml_string(tricky))).expect("valid TOML");
            assert_eq!(parsed["x"].as_str(), Some(tricky));
        }
    }
}
