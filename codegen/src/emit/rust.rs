//! The Rust target: a self-contained crate (`rust/`) with the catalog's codes, categories,
//! status table, JSON envelope and an error type, plus integration tests that check it against
//! the catalog with literal expectations.
//!
//! The modules that do not depend on the catalog (`error.rs`, `envelope.rs`, `wire.rs`) are real Rust files
//! under `codegen/static/rust/`, copied verbatim after the header; what they need from the
//! catalog comes from generated modules (`envelope_docs.rs` holds the envelope's docs). Every
//! other `.rs` file is built as tokens with `quote!` (one `*_file.rs` module each), parsed with
//! `syn` and printed with `prettyplease`; [`tidy`] then only adds the blank lines a person would
//! write. The large, regular parts (one line or record per code: the variants, the metadata and
//! lookup tables) are written as text directly in rustfmt's layout ([`layout`]) and take the
//! place of a marker item in the tokens, so the cost of a big catalog is the cost of its text.
//! Every file is rustfmt-clean as generated. The per-code attributes are rendered by walking
//! `CODE_ATTRIBUTES` ([`attributes`]).
//! Codes are stored in tables indexed by discriminant and looked up through a hash table
//! computed here ([`lookup`]), so the generated crate stays fast to build and to query with
//! 10,000+ codes.

mod attributes;
mod category_file;
mod code_file;
mod envelope_docs_file;
mod evolution_file;
mod layout;
mod lib_file;
mod lookup;
mod manifest;
mod rustdoc;
mod status_file;
mod test_file;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::shared::examples::{self, Examples};
use super::shared::header::{self, Comment};
use super::{EmitError, GeneratedFile, StaticFile, static_file};

use crate::model::{Catalog, Code};
use crate::names::rust::{crate_name, variant_name};
pub use manifest::{FEATURE_MSRV, FeatureMsrv, RUST_VERSION};

const TARGET: &str = "rust";

/// Generates the crate: `rust/Cargo.toml`, `rust/src/*.rs` and `rust/tests/catalog.rs`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let ctx = Ctx::new(catalog)?;
    let mut files = vec![
        manifest::generate(&ctx),
        manifest::readme(&ctx, &lib_file::example(&ctx)),
        category_file::generate(&ctx)?,
        code_file::generate(&ctx)?,
        ctx.rust_file(
            "rust/src/envelope_docs.rs",
            envelope_docs_file::tokens(&ctx),
        )?,
        ctx.rust_file("rust/src/evolution.rs", evolution_file::tokens(&ctx)?)?,
        ctx.rust_file("rust/src/lib.rs", lib_file::tokens(&ctx))?,
        status_file::generate(&ctx)?,
    ];
    files.extend(test_file::generate(&ctx)?);
    files.extend(STATIC_FILES.iter().map(|file| ctx.static_file(file)));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The crate's modules that are the same for every catalog, copied verbatim after the header
/// to `rust/src/` under the same name: `envelope.rs` (the envelope types, their docs from the
/// generated `envelope_docs.rs`), `error.rs` (`ApiError`) and `wire.rs` (`Code`, `UnknownCode`
/// and the text conversions of `ErrorCode`); and the checks of the crate's integration test,
/// `tests/catalog/checks.rs` (see `test_file`), copied to the same path under `rust/`.
pub const STATIC_FILES: &[StaticFile] = &[
    static_file!("rust/envelope.rs"),
    static_file!("rust/error.rs"),
    static_file!("rust/response.rs"),
    static_file!("rust/server.rs"),
    static_file!("rust/time.rs"),
    static_file!("rust/wire.rs"),
    static_file!("rust/tests/catalog/checks.rs"),
];

/// The integer type of `ErrorCode` discriminants and lookup slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IndexType {
    U16,
    U32,
}

impl IndexType {
    fn name(self) -> &'static str {
        match self {
            Self::U16 => "u16",
            Self::U32 => "u32",
        }
    }

    /// Slots per row of the emitted slot table: a row of slots always fits rustfmt's
    /// `array_width` on one line (8 numbers of up to 5 digits, 4 of up to 10).
    fn row(self) -> usize {
        match self {
            Self::U16 => 8,
            Self::U32 => 4,
        }
    }
}

/// The catalog with the identifiers every file needs, resolved once.
struct Ctx<'a> {
    catalog: &'a Catalog,
    /// The crate name as a Rust path segment (`ai_api_errors`).
    krate: Ident,
    /// `ErrorCode` variants, in catalog order.
    codes: Vec<Ident>,
    /// `Category` variants, in catalog order.
    categories: Vec<Ident>,
    index: IndexType,
}

impl<'a> Ctx<'a> {
    /// The context of a validated catalog: it has codes, and every code's category exists.
    fn new(catalog: &'a Catalog) -> Result<Self, EmitError> {
        let index = if catalog.codes.len() < usize::from(u16::MAX) {
            IndexType::U16
        } else if catalog.codes.len() < u32::MAX as usize {
            IndexType::U32
        } else {
            return Err(error("more than u32::MAX - 1 codes"));
        };
        Ok(Self {
            catalog,
            krate: ident(&crate_name(&catalog.name))?,
            codes: catalog
                .codes
                .iter()
                .map(|c| ident(&variant_name(&c.wire)))
                .collect::<Result<_, _>>()?,
            categories: catalog
                .categories
                .iter()
                .map(|c| ident(&variant_name(&c.id)))
                .collect::<Result<_, _>>()?,
            index,
        })
    }

    /// `#[allow(deprecated)]` for an item that names every code, when some are deprecated.
    fn allow_deprecated(&self) -> TokenStream {
        if self.catalog.codes.iter().any(|c| c.deprecated.is_some()) {
            quote!(#[allow(deprecated)])
        } else {
            TokenStream::new()
        }
    }

    /// The code the docs show (see [`Examples::code`]), and its index.
    fn example_code(&self) -> (usize, &'a Code) {
        let code = Examples::of(self.catalog).code;
        let index = self
            .catalog
            .codes
            .iter()
            .position(|c| c.wire == code.wire)
            .unwrap_or(0);
        (index, code)
    }

    /// A wire string that is not a code of the catalog, starting from `base`.
    fn unknown_code(&self, base: &str) -> String {
        examples::unknown_code(self.catalog, base)
    }

    /// A module of the crate that does not depend on the catalog (`rust/NAME.rs` of
    /// `codegen/static/`): `rust/src/NAME.rs` (`rust/tests/…` stays where it is), the header,
    /// then the file as it is.
    fn static_file(&self, file: &StaticFile) -> GeneratedFile {
        GeneratedFile {
            path: if file.source.starts_with("rust/tests/") {
                file.source.to_owned()
            } else {
                file.source.replacen("rust/", "rust/src/", 1)
            },
            contents: format!(
                "{}\n{}",
                header::comment(self.catalog, Comment::Slashes),
                file.contents
            ),
        }
    }

    /// Parses, prints and tidies one Rust file.
    fn rust_file(&self, path: &str, tokens: TokenStream) -> Result<GeneratedFile, EmitError> {
        self.rust_file_with(path, tokens, Vec::new())
    }

    /// Parses, prints and tidies one Rust file, then puts `texts` (whole lines, rendered by
    /// [`layout`]) in place of its [`layout::marker`] items, in order.
    fn rust_file_with(
        &self,
        path: &str,
        tokens: TokenStream,
        texts: Vec<String>,
    ) -> Result<GeneratedFile, EmitError> {
        let file: syn::File = syn::parse2(tokens)
            .map_err(|e| error(format!("{path}: the generated code does not parse: {e}")))?;
        let body = tidy(&prettyplease::unparse(&file));
        let header = header::comment(self.catalog, Comment::Slashes);
        let mut contents = String::with_capacity(
            header.len() + body.len() + texts.iter().map(String::len).sum::<usize>() + 1,
        );
        contents.push_str(&header);
        contents.push('\n');
        let marker = format!("{}!();", layout::MARKER);
        let mut texts = texts.into_iter();
        for line in body.split_inclusive('\n') {
            if line.trim() == marker {
                let text = texts
                    .next()
                    .ok_or_else(|| error(format!("{path}: more markers than texts")))?;
                contents.push_str(&text);
            } else {
                contents.push_str(line);
            }
        }
        if texts.next().is_some() {
            return Err(error(format!("{path}: more texts than markers")));
        }
        Ok(GeneratedFile {
            path: path.to_owned(),
            contents,
        })
    }
}

fn error(message: impl Into<String>) -> EmitError {
    EmitError {
        target: TARGET,
        message: message.into(),
    }
}

/// An identifier, or an error where `Ident::new` would panic (validation should prevent it).
fn ident(name: &str) -> Result<Ident, EmitError> {
    syn::parse_str::<Ident>(name)
        .map_err(|e| error(format!("`{name}` is not a Rust identifier: {e}")))
}

/// A string literal; any text is safe.
fn lit(text: &str) -> Literal {
    Literal::string(text)
}

/// An item prettyplease prints on a line of its own, which [`tidy`] turns into a blank line.
const BLANK_MARKER: &str = "__rust_emitter_blank_line__";

fn blank() -> TokenStream {
    let marker = Ident::new(BLANK_MARKER, proc_macro2::Span::call_site());
    quote!(#marker!();)
}

/// Items (or impl items) separated by blank lines.
fn spaced(items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.extend(blank());
        }
        out.extend(item);
    }
    out
}

/// Adds the blank lines prettyplease leaves out: where [`blank`] markers stand, between the
/// module docs, the crate attributes and the first item, and between documented fields or
/// variants. Ends with
/// exactly one newline.
fn tidy(source: &str) -> String {
    let marker_line = format!("{BLANK_MARKER}!();");
    let mut out: Vec<&str> = Vec::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        let prev = out.last().copied().unwrap_or("");
        let prev_trimmed = prev.trim_start();
        let inner = |l: &str| l.starts_with("//!") || l.starts_with("#![");
        let blank_before = trimmed == marker_line
            || (trimmed.starts_with("#![") && prev_trimmed.starts_with("//!"))
            || (inner(prev) && !inner(line) && indent(line) == 0)
            || (trimmed.starts_with("///")
                && !prev_trimmed.starts_with("//")
                && prev_trimmed.ends_with(',')
                && indent(prev) == indent(line));
        if blank_before && !prev.is_empty() && !out.is_empty() {
            out.push("");
        }
        if trimmed != marker_line {
            out.push(line);
        }
    }
    while out.last().is_some_and(|line| line.is_empty()) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn generated_lookup_table_finds_every_code() {
        let catalog = sample::catalog();
        let keys: Vec<&str> = catalog.codes.iter().map(|c| c.wire.as_str()).collect();
        let table = lookup::LookupTable::build(&keys);
        for (index, key) in keys.iter().enumerate() {
            assert_eq!(table.find(&keys, key), Some(index));
        }
        for miss in ["NOT_A_CODE", "", "no_credentials", "NO_CREDENTIALS "] {
            assert_eq!(table.find(&keys, miss), None);
        }
        // The emitted constants are this table.
        let code_rs = generate(&catalog)
            .unwrap()
            .into_iter()
            .find(|f| f.path == "rust/src/code.rs")
            .unwrap();
        assert!(
            code_rs
                .contents
                .contains(&format!("const BITS: u32 = {};", table.bits))
        );
        assert!(
            code_rs
                .contents
                .contains(&format!("const MAX_PROBE: usize = {};", table.max_probe))
        );
    }

    #[test]
    fn tidy_adds_blank_lines() {
        let source = "//! Docs\n#![forbid(unsafe_code)]\nuse a;\nstruct A {\n    /// a\n    a: u8,\n    /// b\n    b: u8,\n}\n__rust_emitter_blank_line__!();\nfn f() {}\n";
        assert_eq!(
            tidy(source),
            "//! Docs\n\n#![forbid(unsafe_code)]\n\nuse a;\nstruct A {\n    /// a\n    a: u8,\n\n    /// b\n    b: u8,\n}\n\nfn f() {}\n"
        );
    }

    #[test]
    fn rejects_what_it_cannot_name() {
        let mut catalog = sample::catalog();
        catalog.codes[0].wire = "SELF".to_owned();
        assert!(generate(&catalog).is_err());
    }
}
