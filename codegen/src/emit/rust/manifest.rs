//! `Cargo.toml` and `README.md` of the generated crate.

use super::{Ctx, GeneratedFile};
use crate::emit::shared::header::{self, Comment};
use crate::emit::shared::markdown::{code_block, code_span, heading, paragraphs};
use crate::emit::shared::toml_string;

/// The oldest Rust the generated crate builds with, default features and dev-dependencies
/// included: the `rust-version` of the manifest. Clippy's `incompatible_msrv` lint holds the
/// generated code to it.
pub const RUST_VERSION: &str = "1.71";

/// The oldest Rust each feature builds with, and why, as measured (see `README.md`, "The
/// generated crate's MSRV"): the newest of the crate's own needs (Cargo's `dep:` features need
/// 1.60; clippy's `incompatible_msrv` names the newest standard API each feature's code uses)
/// and the `rust-version` of every dependency the feature pulls in. `cargo xtask test` checks
/// each row against the dependencies `cargo metadata` resolves.
pub const FEATURE_MSRV: &[FeatureMsrv] = &[
    FeatureMsrv {
        features: &[],
        rust: "1.60",
        why: "`dep:` features in the manifest; the code itself needs 1.58 (inline format arguments)",
    },
    FeatureMsrv {
        features: &["serde"],
        rust: "1.71",
        why: "serde's derive (`syn` 2)",
    },
    FeatureMsrv {
        features: &["json"],
        rust: "1.71",
        why: "`serde_json`; the crate's response parser needs 1.62",
    },
    FeatureMsrv {
        features: &["http"],
        rust: "1.68",
        why: "`http` 1 (its dependency `itoa`)",
    },
    FeatureMsrv {
        features: &["axum"],
        rust: "1.80",
        why: "axum 0.8",
    },
];

/// One row of [`FEATURE_MSRV`].
#[derive(Debug)]
pub struct FeatureMsrv {
    /// The features enabled (with no default features); none for the bare crate.
    pub features: &'static [&'static str],
    /// The oldest Rust that builds it.
    pub rust: &'static str,
    /// What sets that version.
    pub why: &'static str,
}

/// crates.io categories of the crate (slugs of <https://crates.io/category_slugs>).
const CATEGORIES: &[&str] = &["web-programming", "api-bindings"];

/// The MSRV table as Markdown, for the crate docs and the README.
pub(super) fn msrv_table() -> String {
    let mut out = String::from("| features | oldest Rust | set by |\n| --- | --- | --- |\n");
    for row in FEATURE_MSRV {
        let features = if row.features.is_empty() {
            "none (`default-features = false`)".to_owned()
        } else {
            row.features
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!("| {features} | {} | {} |\n", row.rust, row.why));
    }
    out
}

fn toml_array(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| toml_string(&i)).collect();
    format!("[{}]", items.join(", "))
}

pub(super) fn generate(ctx: &Ctx) -> GeneratedFile {
    let catalog = ctx.catalog;
    let metadata = &catalog.metadata;
    let mut package = String::new();
    if let Some(license) = &metadata.license {
        package.push_str(&format!("license = {}\n", toml_string(license)));
    }
    if !metadata.authors.is_empty() {
        package.push_str(&format!(
            "authors = {}\n",
            toml_array(metadata.authors.iter().map(ToString::to_string))
        ));
    }
    if let Some(repository) = &metadata.repository {
        package.push_str(&format!("repository = {}\n", toml_string(repository)));
    }
    if let Some(homepage) = &metadata.homepage {
        package.push_str(&format!("homepage = {}\n", toml_string(homepage)));
    }
    package.push_str("readme = \"README.md\"\n");
    if !metadata.keywords.is_empty() {
        package.push_str(&format!(
            "keywords = {}\n",
            toml_array(metadata.keywords.iter().cloned())
        ));
    }
    package.push_str(&format!(
        "categories = {}\n",
        toml_array(CATEGORIES.iter().map(|c| (*c).to_owned()))
    ));
    if !metadata.is_publishable() {
        package.push_str(
            "# The catalog sets no `license`: registries need one, so this crate is not published.\n\
             publish = false\n",
        );
    }
    let contents = format!(
        "{header}\n\
         [package]\n\
         name = {name}\n\
         version = {version}\n\
         edition = \"2021\"\n\
         rust-version = \"{RUST_VERSION}\"\n\
         description = {description}\n\
         {package}\
         \n\
         [features]\n\
         default = [\"serde\", \"json\"]\n\
         serde = [\"dep:serde\"]\n\
         json = [\"dep:serde_json\"]\n\
         http = [\"dep:http\"]\n\
         axum = [\"http\", \"serde\", \"dep:axum\"]\n\
         \n\
         [dependencies]\n\
         serde = {{ version = \"1\", optional = true, default-features = false, features = [\"derive\", \"std\"] }}\n\
         serde_json = {{ version = \"1\", optional = true, default-features = false, features = [\"std\"] }}\n\
         http = {{ version = \"1\", optional = true }}\n\
         axum = {{ version = \"0.8\", optional = true, default-features = false, features = [\"json\"] }}\n\
         \n\
         [dev-dependencies]\n\
         serde_json = \"1\"\n\
         \n\
         [package.metadata.docs.rs]\n\
         all-features = true\n",
        header = header::comment(catalog, Comment::Hashes),
        name = toml_string(&catalog.name),
        version = toml_string(&catalog.version),
        description = toml_string(&catalog.summary()),
    );
    GeneratedFile {
        path: "rust/Cargo.toml".to_owned(),
        contents,
    }
}

/// `README.md`: what crates.io and a repository browser show. The example is the crate docs'
/// doctest without its hidden lines, so it is compiled by `cargo test`.
pub(super) fn readme(ctx: &Ctx, example: &str) -> GeneratedFile {
    let catalog = ctx.catalog;
    let name = &catalog.name;
    let visible: String = example
        .lines()
        .filter(|line| !line.starts_with("# ") && *line != "#")
        .map(|line| format!("{line}\n"))
        .collect();
    let license = match &catalog.metadata.license {
        Some(license) => format!("## License\n\n{}\n", code_span(license)),
        None => "## License\n\nThe catalog names no license: this crate is not published \
                 (`publish = false`).\n"
            .to_owned(),
    };
    let contents = format!(
        "{header}\n\
         # {title}\n\
         \n\
         {description}\n\
         \n\
         Every error code of the catalog {code_name} (version {version}) as `ErrorCode`, with its HTTP\n\
         status, message, category and retryability; the JSON error envelope (`ErrorEnvelope`); and\n\
         `ApiError`, which servers answer with and clients read any error response into. Codes\n\
         received from a newer server are kept as `Code::Unknown`.\n\
         \n\
         ```toml\n\
         [dependencies]\n\
         {dependency}\n\
         ```\n\
         \n\
         {example}\n\
         \n\
         ## Features\n\
         \n\
         - `serde` (default): `Serialize` and `Deserialize` for codes, categories and the envelope.\n\
         - `json` (default): `ApiError::from_response_parts`, which reads any error response.\n\
         - `http`: `http::StatusCode` accessors and `ApiError::from_http_response`.\n\
         - `axum`: `IntoResponse` for `ApiError` and the `stamp_request_ids` middleware.\n\
         \n\
         With no features the crate has no dependencies.\n\
         \n\
         ## Minimum supported Rust version\n\
         \n\
         {msrv}\n\
         {license}",
        header = header::comment(catalog, Comment::Html),
        title = heading(&catalog.title),
        description = paragraphs(&catalog.description),
        version = catalog.version,
        code_name = code_span(name),
        dependency = if catalog.metadata.is_publishable() {
            format!("{name} = \"{}\"", catalog.version)
        } else {
            format!("{name} = {{ path = \"path/to/generated/rust\" }}")
        },
        example = code_block("rust", &visible),
        msrv = msrv_table(),
    );
    GeneratedFile {
        path: "rust/README.md".to_owned(),
        contents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_parses_and_carries_the_catalogs_metadata() {
        let mut catalog = crate::emit::shared::sample::catalog();
        let ctx = crate::emit::rust::Ctx::new(&catalog).unwrap();
        let file = generate(&ctx);
        let manifest: toml::Table = toml::from_str(&file.contents).unwrap();
        let package = &manifest["package"];
        assert_eq!(package["name"].as_str(), Some("sample-errors"));
        assert_eq!(
            package["description"].as_str(),
            Some(catalog.summary().as_str())
        );
        assert_eq!(package["license"].as_str(), Some("MIT OR Apache-2.0"));
        assert_eq!(
            package["authors"][0].as_str(),
            Some("Jane O'Neil <jane@example.com>")
        );
        assert_eq!(package["keywords"][1].as_str(), Some("c++"));
        assert_eq!(package["readme"].as_str(), Some("README.md"));
        assert!(package.get("publish").is_none());
        assert!(manifest.get("workspace").is_none());

        catalog.metadata = Default::default();
        let ctx = crate::emit::rust::Ctx::new(&catalog).unwrap();
        let manifest: toml::Table = toml::from_str(&generate(&ctx).contents).unwrap();
        assert_eq!(manifest["package"]["publish"].as_bool(), Some(false));
        assert!(manifest["package"].get("license").is_none());
    }

    #[test]
    fn the_msrv_of_the_manifest_is_that_of_the_default_features() {
        let default = ["serde", "json"];
        let newest = FEATURE_MSRV
            .iter()
            .filter(|row| row.features.iter().all(|f| default.contains(f)))
            .map(|row| row.rust)
            .max_by_key(|v| {
                v.split('.')
                    .map(|n| n.parse::<u32>().unwrap())
                    .collect::<Vec<_>>()
            });
        assert_eq!(newest, Some(RUST_VERSION));
    }
}
