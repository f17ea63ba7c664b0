//! `Cargo.toml` of the generated crate.

use super::{Ctx, GeneratedFile};
use crate::emit::shared::header::{self, Comment};
use crate::emit::shared::toml_string;

/// The oldest Rust the generated crate builds with, default features and dev-dependencies
/// included (serde_derive and serde_json need 1.71). Clippy's `incompatible_msrv` lint holds the
/// generated code to it. The `axum` feature needs what axum 0.8 needs, which is newer.
pub const RUST_VERSION: &str = "1.71";

pub(super) fn generate(ctx: &Ctx) -> GeneratedFile {
    let catalog = ctx.catalog;
    let contents = format!(
        "{header}\n\
         [package]\n\
         name = {name}\n\
         version = {version}\n\
         edition = \"2021\"\n\
         rust-version = \"{RUST_VERSION}\"\n\
         description = {description}\n\
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
        description = toml_string(catalog.title.trim()),
    );
    GeneratedFile {
        path: "rust/Cargo.toml".to_owned(),
        contents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_parses() {
        let catalog = crate::emit::shared::sample::catalog();
        let ctx = crate::emit::rust::Ctx::new(&catalog).unwrap();
        let file = generate(&ctx);
        let manifest: toml::Table = toml::from_str(&file.contents).unwrap();
        assert_eq!(manifest["package"]["name"].as_str(), Some("sample-errors"));
        assert_eq!(
            manifest["package"]["description"].as_str(),
            Some("Sample *errors*")
        );
        assert!(manifest.get("workspace").is_none());
    }
}
