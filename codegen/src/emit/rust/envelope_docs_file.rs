//! `src/envelope_docs.rs`: the catalog's text about the JSON error envelope (its `[envelope]`
//! table and the example envelope), which the static `envelope.rs` puts in the docs of its types
//! and members with `#[doc = envelope_doc!(member)]`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::rustdoc::Doc;
use super::{Ctx, blank, lit};
use crate::emit::shared::examples::{self, Examples};
use crate::emit::shared::markdown::{code_block, paragraphs};

pub(super) fn tokens(ctx: &Ctx) -> TokenStream {
    let catalog = ctx.catalog;
    let envelope = &catalog.envelope;
    let example = examples::envelope(catalog, Examples::of(catalog).code).pretty();
    let described = format!(
        "{}\n\n{}",
        paragraphs(&envelope.description),
        code_block("json", &example)
    );
    let members = [
        ("envelope", described),
        ("success", paragraphs(&envelope.success)),
        ("error", paragraphs(&envelope.error)),
        ("code", paragraphs(&envelope.code)),
        ("message", paragraphs(&envelope.message)),
        ("details", paragraphs(&envelope.details)),
        ("field", paragraphs(&envelope.field)),
        ("issue", paragraphs(&envelope.issue)),
        ("meta", paragraphs(&envelope.meta)),
        ("request_id", paragraphs(&envelope.request_id)),
        ("timestamp", paragraphs(&envelope.timestamp)),
    ];
    let rules = members.iter().map(|(member, text)| {
        let member = Ident::new(member, Span::call_site());
        let text = lit(text);
        quote!((#member) => { #text };)
    });
    let b = blank();
    let module_doc = Doc::new()
        .md("The catalog's text about the JSON error envelope, for the docs of `envelope.rs`.")
        .inner();
    let doc_macro = Doc::new()
        .md("The docs of a type or member of the envelope, by member name (`envelope` for")
        .md("`ErrorEnvelope` itself): the catalog's text as Markdown.")
        .outer();
    quote! {
        #module_doc
        #doc_macro
        macro_rules! envelope_doc {
            #(#rules)*
        }
        #b
        pub(crate) use envelope_doc;
    }
}
