//! `src/category.rs`: `Category`.

use proc_macro2::TokenStream;
use quote::quote;

use super::layout::{self, Text};
use super::rustdoc::{Doc, doc};
use super::{Ctx, EmitError, blank, spaced};
use crate::emit::GeneratedFile;
use crate::emit::shared::markdown::code_span;

/// `rust/src/category.rs`: the table of ids, titles and descriptions is written directly
/// ([`layout`]): its struct literals are laid out alike whatever characters the catalog's text
/// holds (prettyplease measures a line in bytes where rustfmt counts characters, so a `match`
/// arm of non-ASCII text came out differently); the rest is tokens.
pub(super) fn generate(ctx: &Ctx) -> Result<GeneratedFile, EmitError> {
    let mut table = Text::default();
    table.doc(
        0,
        &Doc::new()
            .md("The id, title and description of each category, indexed by discriminant.")
            .lines(),
    );
    table.struct_array(
        "const ROWS: &[Row] = &[",
        "Row",
        &ctx.catalog.categories,
        |category, _| {
            vec![
                ("id", layout::string(&category.id)),
                ("title", layout::string(&category.title)),
                ("description", layout::string(&category.description)),
            ]
        },
        "];",
    );
    ctx.rust_file_with("rust/src/category.rs", tokens(ctx), vec![table.finish()])
}

fn tokens(ctx: &Ctx) -> TokenStream {
    let b = blank();
    let catalog = ctx.catalog;
    let module_doc = Doc::new()
        .md("Categories: groups of related error codes.")
        .inner();
    let variants = catalog
        .categories
        .iter()
        .zip(&ctx.categories)
        .map(|(category, variant)| {
            let docs = Doc::new()
                .text(&category.title)
                .text_para(&category.description)
                .md_para(format!("Id {}.", code_span(&category.id)))
                .outer();
            quote! {
                #docs
                #variant,
            }
        });
    let all = &ctx.categories;
    let enum_doc = Doc::new()
        .md("A category of error codes: a group of related codes, as the catalog sections them.")
        .md_para(
            "The enum is `#[non_exhaustive]`: newer versions of the catalog may add categories.",
        )
        .outer();
    let doc_all = doc("Every category, in catalog order.");
    let doc_as_str = doc("The category's id, e.g. `rate_limit`.");
    let doc_title = doc("The category's title.");
    let doc_description = doc("What the codes of this category have in common.");
    let doc_lookup = doc("The category with this id, if the catalog has it.");
    let doc_codes = doc("The codes of this category, in catalog order.");
    let doc_from_str = doc("Parses an id with [`Category::lookup`].");
    let doc_row = doc("This category's row of [`ROWS`].");
    let doc_row_struct = doc("What the catalog says about one category.");
    let doc_ser = doc("Serializes as the id.");
    let doc_de = doc("Deserializes from an id; fails on an id the catalog does not have.");
    let items = spaced([
        quote! {
            use core::fmt;
            use core::str::FromStr;
        },
        quote! {
            use crate::{ErrorCode, UnknownCategory};
        },
        quote! {
            #enum_doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum Category {
                #(#variants)*
            }
        },
        quote! {
            impl Category {
                #doc_all
                pub const ALL: &'static [Self] = &[#(Self::#all),*];
                #b
                #doc_as_str
                #[must_use]
                pub const fn as_str(self) -> &'static str {
                    self.row().id
                }
                #b
                #doc_title
                #[must_use]
                pub const fn title(self) -> &'static str {
                    self.row().title
                }
                #b
                #doc_description
                #[must_use]
                pub const fn description(self) -> &'static str {
                    self.row().description
                }
                #b
                #doc_lookup
                #[must_use]
                pub fn lookup(id: &str) -> Option<Self> {
                    let mut all = Self::ALL.iter().copied();
                    all.find(|category| category.as_str() == id)
                }
                #b
                #doc_codes
                pub fn codes(self) -> impl Iterator<Item = ErrorCode> {
                    let all = ErrorCode::ALL.iter().copied();
                    all.filter(move |code| code.category() == self)
                }
                #b
                #doc_row
                const fn row(self) -> &'static Row {
                    &ROWS[self as usize]
                }
            }
        },
        quote! {
            #doc_row_struct
            struct Row {
                id: &'static str,
                title: &'static str,
                description: &'static str,
            }
        },
        layout::marker(),
        quote! {
            impl fmt::Display for Category {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.pad(self.as_str())
                }
            }
        },
        quote! {
            impl AsRef<str> for Category {
                fn as_ref(&self) -> &str {
                    self.as_str()
                }
            }
        },
        quote! {
            #doc_from_str
            impl FromStr for Category {
                type Err = UnknownCategory;
                #b
                fn from_str(id: &str) -> Result<Self, UnknownCategory> {
                    Self::lookup(id).ok_or_else(|| UnknownCategory(id.to_owned()))
                }
            }
        },
        quote! {
            #doc_ser
            #[cfg(feature = "serde")]
            impl serde::Serialize for Category {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        },
        quote! {
            #doc_de
            #[cfg(feature = "serde")]
            impl<'de> serde::Deserialize<'de> for Category {
                fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
                where
                    D: serde::Deserializer<'de>,
                {
                    struct Visitor;
                    #b
                    impl serde::de::Visitor<'_> for Visitor {
                        type Value = Category;
                        #b
                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str("a category id of the catalog")
                        }
                        #b
                        fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Category, E> {
                            match Category::lookup(id) {
                                Some(category) => Ok(category),
                                None => Err(E::invalid_value(serde::de::Unexpected::Str(id), &self)),
                            }
                        }
                    }
                    #b
                    deserializer.deserialize_str(Visitor)
                }
            }
        },
    ]);
    quote! {
        #module_doc
        #items
    }
}
