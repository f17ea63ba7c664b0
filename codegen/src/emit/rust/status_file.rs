//! `src/status.rs`: the HTTP status table.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::layout::{self, Text};
use super::rustdoc::{Doc, doc};
use super::{Ctx, EmitError, lit, spaced};
use crate::emit::GeneratedFile;
use crate::rules;

/// `rust/src/status.rs`: the status table is written directly ([`layout`]), the rest is tokens.
pub(super) fn generate(ctx: &Ctx) -> Result<GeneratedFile, EmitError> {
    let mut table = Text::default();
    table.doc(
        0,
        &Doc::new()
            .md("The catalog's HTTP status table, sorted by status code. Holds success statuses too.")
            .lines(),
    );
    table.struct_array(
        "pub const STATUSES: &[HttpStatus] = &[",
        "HttpStatus",
        &ctx.catalog.statuses,
        |status, _| {
            vec![
                ("code", status.code.to_string()),
                ("title", layout::string(&status.title)),
                ("retryable", status.retryable.to_string()),
            ]
        },
        "];",
    );
    // The constructor is written as text, so `lookup` joins it in one `impl`: rustfmt breaks
    // the struct literal that prettyplease keeps on one line.
    table.blank();
    table.line(0, "impl HttpStatus {");
    let doc_new = Doc::new().md("A row of a status table; [`STATUSES`] holds the catalog's.");
    table.doc(4, &doc_new.lines());
    table.line(4, "#[must_use]");
    table.line(
        4,
        "pub const fn new(code: u16, title: &'static str, retryable: bool) -> Self {",
    );
    table.line(8, "Self {");
    for field in ["code", "title", "retryable"] {
        table.line(12, &format!("{field},"));
    }
    table.line(8, "}");
    table.line(4, "}");
    table.blank();
    table.doc(4, &Doc::new().md(LOOKUP_DOC).lines());
    for line in LOOKUP.lines() {
        table.line(0, line);
    }
    table.line(0, "}");
    ctx.rust_file_with("rust/src/status.rs", tokens(), vec![table.finish()])
}

/// The docs of `HttpStatus::lookup`.
const LOOKUP_DOC: &str = "The row of [`STATUSES`] for a status code, if the table has it.";

/// `HttpStatus::lookup` after its docs, as rustfmt lays it out in the `impl`.
const LOOKUP: &str = "    #[must_use]
    pub const fn lookup(code: u16) -> Option<&'static Self> {
        let mut index = 0;
        while index < STATUSES.len() {
            if STATUSES[index].code == code {
                return Some(&STATUSES[index]);
            }
            index += 1;
        }
        None
    }";

fn tokens() -> TokenStream {
    let module_doc = Doc::new()
        .md("The HTTP statuses of the API and their retryability.")
        .inner();
    let doc_struct = doc("One row of the catalog's HTTP status table.");
    let doc_code = doc("The status code.");
    let doc_title = doc("Its title, e.g. `Rate Limit Exceeded`.");
    let doc_retryable =
        doc("Whether errors with this status are retryable unless their code says otherwise.");
    let doc_is_retryable = Doc::new()
        .md("Whether a request that failed with this HTTP status may be retried.")
        .md_para(
            "Statuses in [`STATUSES`] answer with their `retryable` flag. For any other status (a",
        )
        .md(format!(
            "gateway may answer 502 or 504 on its own), `{}` and every `5xx` are retryable",
            rules::TOO_MANY_REQUESTS
        ))
        .md(format!(
            "(`{}..={}`), nothing else.",
            rules::SERVER_ERROR_STATUSES.start(),
            rules::SERVER_ERROR_STATUSES.end()
        ))
        .outer();
    let family = family_tokens();
    let too_many_requests = Literal::u16_unsuffixed(rules::TOO_MANY_REQUESTS);
    let server_first = Literal::u16_unsuffixed(*rules::SERVER_ERROR_STATUSES.start());
    let server_last = Literal::u16_unsuffixed(*rules::SERVER_ERROR_STATUSES.end());
    let items = spaced([
        quote! {
            #doc_struct
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub struct HttpStatus {
                #doc_code
                pub code: u16,
                #doc_title
                pub title: &'static str,
                #doc_retryable
                pub retryable: bool,
            }
        },
        layout::marker(),
        quote! {
            #doc_is_retryable
            #[must_use]
            pub const fn is_retryable_status(status: u16) -> bool {
                match (HttpStatus::lookup(status), status) {
                    (Some(known), _) => known.retryable,
                    (None, #too_many_requests | #server_first..=#server_last) => true,
                    (None, _) => false,
                }
            }
        },
        family,
    ]);
    quote! {
        #module_doc
        #items
    }
}

/// The `Family` enum: one variant per family class of [`rules::FAMILIES`] (its name without
/// `Error`), and `Other` for the base class.
fn family_tokens() -> TokenStream {
    let variant = |class: &str| Ident::new(class.trim_end_matches("Error"), Span::call_site());
    let variants = rules::FAMILIES.iter().map(|(_, class)| {
        let doc = doc(rules::summary(class).unwrap_or_default());
        let name = variant(class);
        quote!(#doc #name,)
    });
    let server = variant(rules::SERVER_ERROR_CLASS);
    let server_first = Literal::u16_unsuffixed(*rules::SERVER_ERROR_STATUSES.start());
    let server_last = Literal::u16_unsuffixed(*rules::SERVER_ERROR_STATUSES.end());
    let arms = rules::FAMILIES
        .iter()
        .filter(|(_, class)| *class != rules::SERVER_ERROR_CLASS)
        .map(|(status, class)| {
            let status = Literal::u16_unsuffixed(*status);
            let name = variant(class);
            quote!(#status => Self::#name,)
        });
    let names = rules::FAMILIES.iter().map(|(_, class)| {
        let name = variant(class);
        let text = lit(class);
        quote!(Self::#name => #text,)
    });
    let base = lit(rules::BASE_CLASS);
    let doc_enum = Doc::new()
        .md("The family of an HTTP status: what kind of failure an error is, whatever its code.")
        .md_para(
            "Clients act on the family (as the TypeScript and Python packages' error classes do);",
        )
        .md("a code's own meaning applies only when it comes with its own status")
        .md("([`ApiError::is_own_code`](crate::ApiError::is_own_code)).")
        .outer();
    let doc_other = doc("Any other status: no family.");
    let doc_of = doc("The family of a status.");
    let doc_class = doc(
        "The name of the family's error class in the TypeScript and Python packages (`ApiError` for `Other`).",
    );
    quote! {
        #doc_enum
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Family {
            #(#variants)*
            #doc_other
            Other,
        }

        impl Family {
            #doc_of
            #[must_use]
            pub const fn of(status: u16) -> Self {
                match status {
                    #(#arms)*
                    #server_first..=#server_last => Self::#server,
                    _ => Self::Other,
                }
            }

            #doc_class
            #[must_use]
            pub const fn class_name(self) -> &'static str {
                match self {
                    #(#names)*
                    Self::Other => #base,
                }
            }
        }
    }
}
