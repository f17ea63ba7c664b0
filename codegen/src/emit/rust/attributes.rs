//! How the crate writes the per-code attributes of [`CODE_ATTRIBUTES`]: the one place of the
//! Rust target that knows their types. The metadata table's record, the accessors of
//! `ErrorCode`, the table rows, the variant docs and the integration test's expectations are
//! all rendered by walking that list, so a new plain attribute needs no edit here unless it has
//! a new [`AttributeType`].

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::rustdoc::Doc;
use super::{Ctx, EmitError, ident, layout};
use crate::emit::shared::markdown::{code_span, inline};
use crate::model::{AttributeType, AttributeValue, CODE_ATTRIBUTES, Code, CodeAttribute};

/// The field of an attribute in the metadata record and in the test's expectations.
pub(super) fn field(attribute: &CodeAttribute) -> Result<Ident, EmitError> {
    ident(attribute.name)
}

/// The accessor of an attribute on `ErrorCode`: its name, or `is_` and its name for a flag
/// (C-GETTER: `is_retryable`).
pub(super) fn accessor(attribute: &CodeAttribute) -> Result<Ident, EmitError> {
    let field = field(attribute)?;
    Ok(match attribute.ty {
        AttributeType::Flag => format_ident!("is_{field}"),
        _ => field,
    })
}

/// The Rust type of an attribute's values.
pub(super) fn rust_type(ty: AttributeType) -> TokenStream {
    match ty {
        AttributeType::Status => quote!(u16),
        AttributeType::Category => quote!(Category),
        AttributeType::Line | AttributeType::Paragraphs => quote!(&'static str),
        AttributeType::OptionalLine => quote!(Option<&'static str>),
        AttributeType::Flag => quote!(bool),
    }
}

/// A value as Rust source of [`rust_type`], for text written directly ([`super::layout`]).
pub(super) fn value_text(ctx: &Ctx, value: AttributeValue) -> String {
    match value {
        AttributeValue::Status(status) => status.to_string(),
        AttributeValue::Category(index) => format!("Category::{}", ctx.categories[index]),
        AttributeValue::Text(text) => layout::string(text),
        AttributeValue::OptionalText(text) => layout::opt_string(text),
        AttributeValue::Flag(flag) => flag.to_string(),
    }
}

/// `(name, value)` for every attribute of `code`, as Rust source: a record's fields written
/// directly.
pub(super) fn record_texts(ctx: &Ctx, code: &Code) -> Vec<(&'static str, String)> {
    CODE_ATTRIBUTES
        .iter()
        .map(|attribute| (attribute.name, value_text(ctx, attribute.of(code))))
        .collect()
}

/// `name: Type,` for every attribute: the fields of a record of one code.
pub(super) fn record_fields() -> Result<TokenStream, EmitError> {
    let mut fields = TokenStream::new();
    for attribute in CODE_ATTRIBUTES {
        let name = field(attribute)?;
        let ty = rust_type(attribute.ty);
        fields.extend(quote!(#name: #ty,));
    }
    Ok(fields)
}

/// A variant's docs: the code's text attributes as paragraphs (its message, its description),
/// then a list of its wire string and its other attributes (`- Status: 401 (Unauthorized)`).
pub(super) fn variant_docs(ctx: &Ctx, code: &Code) -> Doc {
    let mut doc = Doc::new();
    let mut items = vec![format!("- Wire code: {}", code_span(&code.wire))];
    for attribute in CODE_ATTRIBUTES {
        let fact = match attribute.of(code) {
            AttributeValue::Text(text) => {
                doc = doc.text_para(text);
                continue;
            }
            AttributeValue::Status(status) => match ctx.catalog.status(status) {
                Some(known) => format!("{status} ({})", inline(&known.title)),
                None => status.to_string(),
            },
            AttributeValue::Category(index) => {
                let variant = &ctx.categories[index];
                format!("[`{variant}`](Category::{variant})")
            }
            AttributeValue::OptionalText(Some(text)) => code_span(text),
            AttributeValue::OptionalText(None) => continue,
            AttributeValue::Flag(flag) => (if flag { "yes" } else { "no" }).to_owned(),
        };
        items.push(format!("- {}: {fact}", inline(attribute.title)));
    }
    doc.md_para(items.join("\n"))
}
