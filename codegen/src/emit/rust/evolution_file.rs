//! `src/evolution.rs`: what the catalog keeps of its past. [`Deprecation`] (the record behind
//! `ErrorCode::deprecation`, whose deprecated variants carry `#[deprecated]`) and the retired
//! codes, `RetiredCode` and `RETIRED_CODES`: codes servers no longer send, which parse as
//! unknown codes but can still be looked up for logs and tooling.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rustdoc::{Doc, doc};
use super::{Ctx, EmitError, ident, layout, lit, spaced};
use crate::model::Deprecation;
use crate::names::rust::variant_name;

pub(super) fn tokens(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let module_doc = Doc::new()
        .md("The catalog's past: deprecated codes ([`Deprecation`]) and retired codes ([`RetiredCode`]).")
        .inner();
    let retired = ctx
        .catalog
        .retired
        .iter()
        .map(|retired| {
            let code = lit(&retired.wire);
            let since = lit(&retired.since);
            let status = Literal::u16_unsuffixed(retired.status);
            let replaced_by = replacement(retired.replaced_by.as_deref())?;
            let note = lit(&retired.note);
            Ok(quote! {
                RetiredCode {
                    code: #code,
                    since: #since,
                    status: #status,
                    replaced_by: #replaced_by,
                    note: #note,
                }
            })
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let allow = ctx.allow_deprecated();
    let doc_deprecation = Doc::new()
        .md("Why and since when a code is deprecated: servers still send it, clients should move")
        .md("off it ([`ErrorCode::deprecation`]). The variant of a deprecated code carries")
        .md("`#[deprecated]`, so code that names it gets a warning.")
        .outer();
    let doc_retired = Doc::new()
        .md("A retired code: servers no longer send it. It is not an [`ErrorCode`] (a response")
        .md("carrying it parses as [`Code::Unknown`](crate::Code::Unknown)), but")
        .md("[`RetiredCode::lookup`] says what it was, for logs and tooling. Its name is never")
        .md("reused.")
        .outer();
    let doc_table = doc("Every retired code of the catalog, in catalog order.");
    let doc_lookup = doc(
        "The retired code with this wire string, if the catalog retired one. Exact and case-sensitive.",
    );
    Ok(spaced([
        quote! {
            #module_doc
            use crate::ErrorCode;
        },
        quote! {
            #doc_deprecation
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub struct Deprecation {
                /// The catalog version that deprecated the code.
                pub since: &'static str,
                /// The code to use instead, if any.
                pub replaced_by: Option<ErrorCode>,
                /// Why, or what to do instead.
                pub note: Option<&'static str>,
            }
        },
        quote! {
            #doc_retired
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub struct RetiredCode {
                /// The wire string the code had.
                pub code: &'static str,
                /// The catalog version that retired it.
                pub since: &'static str,
                /// The last HTTP status it had.
                pub status: u16,
                /// The code that replaced it, if any.
                pub replaced_by: Option<ErrorCode>,
                /// Why it was retired, or what to do instead.
                pub note: &'static str,
            }
        },
        quote! {
            impl RetiredCode {
                #doc_lookup
                #[must_use]
                pub fn lookup(code: &str) -> Option<&'static RetiredCode> {
                    RETIRED_CODES.iter().find(|retired| retired.code == code)
                }
            }
        },
        quote! {
            #doc_table
            #allow
            pub const RETIRED_CODES: &[RetiredCode] = &[#(#retired),*];
        },
    ]))
}

/// `Some(ErrorCode::Variant)` or `None`.
pub(super) fn replacement(code: Option<&str>) -> Result<TokenStream, EmitError> {
    Ok(match code {
        Some(code) => {
            let variant = ident(&variant_name(code))?;
            quote!(Some(ErrorCode::#variant))
        }
        None => quote!(None),
    })
}

/// `Some(ErrorCode::Variant)` or `None`, as Rust source.
pub(super) fn replacement_text(code: Option<&str>) -> String {
    match code {
        Some(code) => format!("Some(ErrorCode::{})", variant_name(code)),
        None => "None".to_owned(),
    }
}

/// `Some(Deprecation { … })` or `None` as Rust source: the value of a code's `deprecation`
/// field in the metadata table, a field at `indent` spaces (rustfmt breaks the struct).
pub(super) fn deprecation_text(deprecation: Option<&Deprecation>, indent: usize) -> String {
    match deprecation {
        Some(deprecation) => {
            let pad = " ".repeat(indent);
            format!(
                "Some(Deprecation {{\n{pad}    since: {},\n{pad}    replaced_by: {},\n{pad}    note: {},\n{pad}}})",
                layout::string(&deprecation.since),
                replacement_text(deprecation.replaced_by.as_deref()),
                layout::opt_string(deprecation.note.as_deref()),
            )
        }
        None => "None".to_owned(),
    }
}

/// The arguments of `#[deprecated(since = …, note = …)]` for the variant of a deprecated code.
pub(super) fn deprecated_arguments(deprecation: &Deprecation) -> Vec<String> {
    let (since, note) = deprecated_texts(deprecation);
    vec![
        format!("since = {}", layout::string(&since)),
        format!("note = {}", layout::string(&note)),
    ]
}

/// The `since` and `note` of a deprecated code's `#[deprecated]`.
fn deprecated_texts(deprecation: &Deprecation) -> (String, String) {
    let mut note = match &deprecation.replaced_by {
        Some(code) => format!("use `ErrorCode::{}` instead", variant_name(code)),
        None => "deprecated by the catalog".to_owned(),
    };
    if let Some(text) = &deprecation.note {
        note.push_str(": ");
        note.push_str(&crate::emit::shared::markdown::inline(text));
    }
    (deprecation.since.clone(), note)
}
