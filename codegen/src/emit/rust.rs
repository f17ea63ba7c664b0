//! The Rust target: a self-contained crate (`rust/`) with the catalog's codes, categories,
//! status table, JSON envelope and an error type, plus integration tests that check it against
//! the catalog with literal expectations.
//!
//! Every `.rs` file is built as tokens with `quote!`, parsed with `syn` and printed with
//! `prettyplease`; [`tidy`] then only adds the blank lines a person would write. Codes are stored
//! in tables indexed by discriminant and looked up through a hash table computed here
//! ([`lookup`]), so the generated crate stays fast to build and to query with 10,000+ codes.

mod category_file;
mod code_file;
mod docs;
mod envelope_file;
mod error_file;
mod lib_file;
mod lookup;
mod manifest;
mod status_file;
mod test_file;

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

pub use docs::doc_text;

use super::json::json_string;
use super::{EmitError, GeneratedFile, NameSource, Naming, header_comment};
use crate::model::{Catalog, Code};

const TARGET: &str = "rust";

/// Identifier conversions of the Rust target.
pub const NAMINGS: &[Naming] = &[
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "`ErrorCode` variant",
        convert: variant_name,
        reserved: &["Self"],
    },
    Naming {
        target: TARGET,
        source: NameSource::Category,
        what: "`Category` variant",
        convert: variant_name,
        reserved: &["Self"],
    },
    Naming {
        target: TARGET,
        source: NameSource::Package,
        what: "crate",
        convert: crate_name,
        reserved: KEYWORDS,
    },
];

/// The crate's name in Rust code (`ai-api-errors` → `ai_api_errors`).
pub fn crate_name(package: &str) -> String {
    package.replace('-', "_")
}

/// Rust's keywords, strict and reserved (2024 edition): a crate cannot be named by one.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The enum variant name of a code (`MISSING_API_KEY` → `MissingApiKey`) or a category
/// (`rate_limit` → `RateLimit`).
pub fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Generates the crate: `rust/Cargo.toml`, `rust/src/*.rs` and `rust/tests/catalog.rs`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let ctx = Ctx::new(catalog)?;
    Ok(vec![
        manifest::generate(&ctx),
        ctx.rust_file("rust/src/category.rs", category_file::tokens(&ctx))?,
        ctx.rust_file("rust/src/code.rs", code_file::tokens(&ctx)?)?,
        ctx.rust_file("rust/src/envelope.rs", envelope_file::tokens(&ctx))?,
        ctx.rust_file("rust/src/error.rs", error_file::tokens(&ctx))?,
        ctx.rust_file("rust/src/lib.rs", lib_file::tokens(&ctx))?,
        ctx.rust_file("rust/src/status.rs", status_file::tokens(&ctx))?,
        ctx.rust_file("rust/tests/catalog.rs", test_file::tokens(&ctx)?)?,
    ])
}

/// The integer type of `ErrorCode` discriminants and lookup slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IndexType {
    U16,
    U32,
}

impl IndexType {
    fn tokens(self) -> TokenStream {
        match self {
            Self::U16 => quote!(u16),
            Self::U32 => quote!(u32),
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
    fn new(catalog: &'a Catalog) -> Result<Self, EmitError> {
        if catalog.codes.is_empty() {
            return Err(error(
                "the catalog has no codes; a Rust enum needs at least one",
            ));
        }
        let index = if catalog.codes.len() < usize::from(u16::MAX) {
            IndexType::U16
        } else if catalog.codes.len() < u32::MAX as usize {
            IndexType::U32
        } else {
            return Err(error("more than u32::MAX - 1 codes"));
        };
        for code in &catalog.codes {
            if catalog.categories.get(code.category).is_none() {
                return Err(error(format!("code `{}` names no category", code.code)));
            }
        }
        Ok(Self {
            catalog,
            krate: ident(&crate_name(&catalog.name))?,
            codes: catalog
                .codes
                .iter()
                .map(|c| ident(&variant_name(&c.code)))
                .collect::<Result<_, _>>()?,
            categories: catalog
                .categories
                .iter()
                .map(|c| ident(&variant_name(&c.id)))
                .collect::<Result<_, _>>()?,
            index,
        })
    }

    /// `ErrorCode::Variant` of a code, by index.
    fn code_path(&self, index: usize) -> TokenStream {
        let variant = &self.codes[index];
        quote!(ErrorCode::#variant)
    }

    /// `Category::Variant` of a code's category.
    fn category_path(&self, code: &Code) -> TokenStream {
        let variant = &self.categories[code.category];
        quote!(Category::#variant)
    }

    /// The status title of a code, if the status table has it (validation guarantees it does).
    /// The code the docs show: the first that concerns a request field, else the first.
    fn example_code(&self) -> &'a Code {
        let codes = &self.catalog.codes;
        codes
            .iter()
            .find(|c| c.field.is_some())
            .unwrap_or(&codes[0])
    }

    /// A wire string that is not a code of the catalog, starting from `base`.
    fn unknown_code(&self, base: &str) -> String {
        let mut name = base.to_owned();
        while self.catalog.codes.iter().any(|c| c.code == name) {
            name.push('X');
        }
        name
    }

    /// Parses, prints and tidies one Rust file.
    fn rust_file(&self, path: &str, tokens: TokenStream) -> Result<GeneratedFile, EmitError> {
        let file: syn::File = syn::parse2(tokens)
            .map_err(|e| error(format!("{path}: the generated code does not parse: {e}")))?;
        let body = tidy(&prettyplease::unparse(&file));
        Ok(GeneratedFile {
            path: path.to_owned(),
            contents: format!("{}\n{body}", header_comment(self.catalog, "//")),
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

/// `Some("text")` or `None`.
fn opt_lit(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => {
            let text = lit(text);
            quote!(Some(#text))
        }
        None => quote!(None),
    }
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
pub(crate) mod sample {
    //! A small hand-built catalog for unit tests.

    use crate::model::{Catalog, Category, Code, Envelope, Status};

    fn code(code: &str, status: u16, category: usize, field: Option<&str>) -> Code {
        Code {
            code: code.to_owned(),
            status,
            message: format!("{} happened", code.to_lowercase().replace('_', " ")),
            description: format!("What `{code}` means."),
            category,
            field: field.map(str::to_owned),
            retryable: status == 429 || status >= 500,
        }
    }

    fn status(code: u16, title: &str) -> Status {
        Status {
            code,
            title: title.to_owned(),
            retryable: code == 429 || code >= 500,
        }
    }

    pub fn catalog() -> Catalog {
        Catalog {
            source_name: "catalog.toml".to_owned(),
            name: "sample-errors".to_owned(),
            version: "1.2.3".to_owned(),
            title: "Sample *errors*".to_owned(),
            description:
                "Errors of the sample API.\n\nSecond paragraph with a [link] and \"quotes\"."
                    .to_owned(),
            statuses: vec![
                status(200, "Success"),
                status(400, "Bad Request"),
                status(401, "Unauthorized"),
                status(429, "Rate Limit Exceeded"),
                status(500, "Internal Server Error"),
                status(503, "Service Unavailable"),
            ],
            categories: vec![
                Category {
                    id: "authentication".to_owned(),
                    title: "Authentication Errors".to_owned(),
                    description: "The API key is missing or wrong.".to_owned(),
                },
                Category {
                    id: "rate_limit".to_owned(),
                    title: "Rate Limiting Errors".to_owned(),
                    description: "Too many requests.\nSlow down.".to_owned(),
                },
                Category {
                    id: "text_generation".to_owned(),
                    title: "Text Generation Errors".to_owned(),
                    description: "Invalid generation parameters.".to_owned(),
                },
            ],
            codes: vec![
                code("MISSING_API_KEY", 401, 0, None),
                code("HTTP2_ERROR", 500, 0, None),
                code("RATE_LIMIT_EXCEEDED", 429, 1, None),
                Code {
                    message: "Temperature must be between 0 and 2 (\"quoted\" \\ `ticks` é)"
                        .to_owned(),
                    description: "Line one.\n\n# Not a heading\n- not a list <b>".to_owned(),
                    ..code("INVALID_TEMPERATURE", 400, 2, Some("temperature"))
                },
                Code {
                    retryable: false,
                    ..code("SERVICE_UNAVAILABLE", 503, 1, None)
                },
            ],
            envelope: Envelope {
                description: "All API errors follow a consistent format.".to_owned(),
                success: "Always `false`.".to_owned(),
                error: "The error.".to_owned(),
                code: "The code.".to_owned(),
                message: "The message.".to_owned(),
                details: "Details.".to_owned(),
                field: "The field.".to_owned(),
                issue: "The issue.".to_owned(),
                meta: "Metadata.".to_owned(),
                request_id: "The request id.".to_owned(),
                timestamp: "The time.".to_owned(),
                request_id_example: "req_1234567890".to_owned(),
                timestamp_example: "2024-01-01T00:00:00Z".to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("HTTP2_ERROR"), "Http2Error");
        assert_eq!(variant_name("MISSING_API_KEY"), "MissingApiKey");
        assert_eq!(variant_name("OVERLOADED"), "Overloaded");
        assert_eq!(variant_name("rate_limit"), "RateLimit");
        assert_eq!(variant_name("text_generation"), "TextGeneration");
        assert_eq!(variant_name("SELF"), "Self");
        assert_eq!(NAMINGS.len(), 3);
        assert!(NAMINGS.iter().all(|n| n.target == TARGET));
        assert!(
            NAMINGS
                .iter()
                .filter(|n| n.source != NameSource::Package)
                .all(|n| n.reserved == ["Self"])
        );
    }

    #[test]
    fn the_crate_name_is_the_package_name_with_underscores_and_no_keyword() {
        assert_eq!(crate_name("ai-api-errors"), "ai_api_errors");
        let naming = NAMINGS
            .iter()
            .find(|n| n.source == NameSource::Package)
            .expect("a package naming");
        assert!(
            naming
                .reserved
                .contains(&(naming.convert)("async").as_str())
        );
        assert!(
            !naming
                .reserved
                .contains(&(naming.convert)("ai-api-errors").as_str())
        );
    }

    #[test]
    fn generates_every_file_with_header_and_one_trailing_newline() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "rust/Cargo.toml",
                "rust/src/category.rs",
                "rust/src/code.rs",
                "rust/src/envelope.rs",
                "rust/src/error.rs",
                "rust/src/lib.rs",
                "rust/src/status.rs",
                "rust/tests/catalog.rs",
            ]
        );
        for file in &files {
            let marker = if file.path.ends_with(".toml") {
                "#"
            } else {
                "//"
            };
            assert!(
                file.contents
                    .starts_with(&format!("{}\n", header_comment(&catalog, marker))),
                "{}",
                file.path
            );
            assert!(
                file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"),
                "{}",
                file.path
            );
            assert!(
                !file.contents.contains('\r') && !file.contents.contains(BLANK_MARKER),
                "{}",
                file.path
            );
            assert!(!file.contents.contains("\n\n\n"), "{}", file.path);
        }
    }

    #[test]
    fn generation_is_deterministic() {
        let catalog = sample::catalog();
        assert_eq!(generate(&catalog).unwrap(), generate(&catalog).unwrap());
    }

    #[test]
    fn generated_lookup_table_finds_every_code() {
        let catalog = sample::catalog();
        let keys: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
        let table = lookup::LookupTable::build(&keys);
        for (index, key) in keys.iter().enumerate() {
            assert_eq!(table.find(&keys, key), Some(index));
        }
        for miss in ["NOT_A_CODE", "", "missing_api_key", "MISSING_API_KEY "] {
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
        catalog.codes[0].code = "SELF".to_owned();
        assert!(generate(&catalog).is_err());
        catalog.codes.clear();
        assert!(generate(&catalog).is_err());
    }
}
