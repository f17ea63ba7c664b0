//! `src/code.rs`: `ErrorCode`, its accessors, its metadata table and its lookup table: the
//! catalog's data. Its conversions from and to text, `Code` and `UnknownCode` do not depend on
//! the catalog and live in the static `wire.rs`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::evolution_file;
use super::lookup::{self, LookupTable};
use super::rustdoc::{Doc, doc};
use super::{Ctx, EmitError, IndexType, attributes, blank, error, lit, spaced};
use crate::model::CODE_ATTRIBUTES;

/// Slots per row of the emitted two-dimensional slot table.
const ROW: usize = 8;

pub(super) fn tokens(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let module_doc = Doc::new()
        .md("Error codes: [`ErrorCode`], every code of the catalog, its metadata and its lookup table.")
        .inner();
    let items = spaced([
        quote! {
            use core::fmt;
        },
        quote!(
            use crate::{Category, Deprecation};
        ),
        error_code_enum(ctx),
        error_code_impl(ctx)?,
        error_code_debug(),
        entries(ctx)?,
        lookup_table(ctx)?,
    ]);
    Ok(quote! {
        #module_doc
        #items
    })
}

fn error_code_enum(ctx: &Ctx) -> TokenStream {
    let catalog = ctx.catalog;
    let repr = ctx.index.tokens();
    let variants = catalog.codes.iter().enumerate().map(|(index, code)| {
        let docs = attributes::variant_docs(ctx, code);
        let variant = &ctx.codes[index];
        // Only the first discriminant is written out: rustc takes time quadratic in the number of
        // variants to handle uses of an enum whose every variant has an explicit discriminant.
        let discriminant = (index == 0).then(|| quote!(= 0));
        let deprecated = code
            .deprecated
            .as_ref()
            .map(evolution_file::deprecated_attribute);
        quote! {
            #docs
            #deprecated
            #variant #discriminant,
        }
    });
    let docs = Doc::new()
        .md("An error code of the catalog.")
        .md_para("Each code knows its wire string and what the catalog says about it; every accessor is a")
        .md("table lookup. [`ErrorCode::lookup`] and [`str::parse`] turn a wire string back into a code.")
        .md_para("The enum is `#[non_exhaustive]`: newer versions of the catalog add codes. To keep a code")
        .md("received from a newer server, use [`Code`](crate::Code).")
        .outer();
    quote! {
        #docs
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(#repr)]
        pub enum ErrorCode {
            #(#variants)*
        }
    }
}

fn error_code_impl(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let b = blank();
    let all = &ctx.codes;
    let doc_all = doc("Every code, in catalog order (the order of the discriminants).");
    let doc_as_str = doc("The code as sent on the wire, e.g. `INVALID_REQUEST`.");
    let doc_lookup = Doc::new()
        .md("The code with this wire string, if the catalog has it. Exact and case-sensitive.")
        .md_para("A hash table lookup: one hash of `code` and a bounded number of probes.")
        .outer();
    let doc_http =
        doc("The HTTP status of responses carrying this code, as an `http::StatusCode`.");
    let doc_entry = doc("This code's row of the metadata table.");
    let slot_index = slot_index(ctx.index);
    let allow = ctx.allow_deprecated();
    let doc_deprecation = Doc::new()
        .md("Whether and why this code is deprecated: servers still send it, clients should move off it.")
        .md("Its variant carries `#[deprecated]`.")
        .outer();
    let doc_is_deprecated =
        doc("Whether this code is deprecated (see [`ErrorCode::deprecation`]).");
    let mut accessors = TokenStream::new();
    for attribute in CODE_ATTRIBUTES {
        let docs = doc(attribute.doc);
        let accessor = attributes::accessor(attribute)?;
        let field = attributes::field(attribute)?;
        let ty = attributes::rust_type(attribute.ty);
        accessors.extend(quote! {
            #docs
            #[must_use]
            pub const fn #accessor(self) -> #ty {
                self.entry().#field
            }
            #b
        });
    }
    Ok(spaced([quote! {
        impl ErrorCode {
            #doc_all
            #allow
            pub const ALL: &'static [Self] = &[#(Self::#all),*];
            #b
            #doc_as_str
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                self.entry().wire
            }
            #b
            #accessors
            #doc_deprecation
            #[must_use]
            pub const fn deprecation(self) -> Option<Deprecation> {
                self.entry().deprecation
            }
            #b
            #doc_is_deprecated
            #[must_use]
            pub const fn is_deprecated(self) -> bool {
                self.entry().deprecation.is_some()
            }
            #b
            #doc_lookup
            #[inline]
            #[must_use]
            pub fn lookup(code: &str) -> Option<Self> {
                let mut slot = home_slot(code);
                for _ in 0..=MAX_PROBE {
                    let entry = SLOTS[slot / ROW][slot % ROW];
                    if entry == 0 {
                        return None;
                    }
                    let candidate = Self::ALL[#slot_index - 1];
                    if candidate.as_str() == code {
                        return Some(candidate);
                    }
                    slot = (slot + 1) % (ROW * SLOTS.len());
                }
                None
            }
            #b
            #doc_http
            #[cfg(feature = "http")]
            #[must_use]
            pub fn http_status(self) -> http::StatusCode {
                // Catalog statuses are 100..=599, which `http` always accepts.
                http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
            }
            #b
            #doc_entry
            const fn entry(self) -> &'static Entry {
                &ENTRIES[self as usize]
            }
        }
    }]))
}

/// `usize` from the slot entry `entry`.
fn slot_index(index: IndexType) -> TokenStream {
    match index {
        IndexType::U16 => quote!(usize::from(entry)),
        IndexType::U32 => quote!(entry as usize),
    }
}

fn error_code_debug() -> TokenStream {
    let doc_debug = doc("Prints the variant name, as `#[derive(Debug)]` would.");
    quote! {
        #doc_debug
        impl fmt::Debug for ErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.entry().name)
            }
        }
    }
}

fn entries(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let rows = ctx
        .catalog
        .codes
        .iter()
        .enumerate()
        .map(|(index, code)| {
            let wire = lit(&code.wire);
            let name = lit(&ctx.codes[index].to_string());
            let values = attributes::record_values(ctx, code)?;
            let deprecation = evolution_file::deprecation_value(code.deprecated.as_ref())?;
            Ok(quote! {
                Entry {
                    wire: #wire,
                    name: #name,
                    #values
                    deprecation: #deprecation,
                }
            })
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let fields = attributes::record_fields()?;
    let doc_entry = doc(
        "What the catalog says about one code: its wire string, its variant name for `Debug`, and its attributes.",
    );
    let doc_entries = doc("The metadata table, indexed by discriminant.");
    let allow = ctx.allow_deprecated();
    Ok(spaced([
        quote! {
            #doc_entry
            struct Entry {
                wire: &'static str,
                name: &'static str,
                #fields
                deprecation: Option<Deprecation>,
            }
        },
        quote! {
            #doc_entries
            #allow
            const ENTRIES: &[Entry] = &[#(#rows),*];
        },
    ]))
}

fn lookup_table(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let keys: Vec<&str> = ctx.catalog.codes.iter().map(|c| c.wire.as_str()).collect();
    let table = LookupTable::build(&keys);
    if table.slots.len() % ROW != 0 {
        return Err(error("the slot table is smaller than a row"));
    }
    let ty = ctx.index.tokens();
    let rows = table.slots.chunks(ROW).map(|row| {
        let row = row.iter().map(|&slot| Literal::u32_unsuffixed(slot));
        quote!([#(#row),*])
    });
    let row_count = Literal::usize_unsuffixed(table.slots.len() / ROW);
    let row = Literal::usize_unsuffixed(ROW);
    let bits = Literal::u32_unsuffixed(table.bits);
    let max_probe = Literal::usize_unsuffixed(table.max_probe);
    let seed = hex(lookup::SEED)?;
    let mix = hex(lookup::MIX)?;
    let doc_bits = doc("The slot table has `2^BITS` slots.");
    let doc_row = doc("Slots per row of [`SLOTS`].");
    let doc_max_probe = doc(
        "How far past its home slot any code sits: lookups give up after `MAX_PROBE + 1` slots.",
    );
    let doc_slots = Doc::new()
        .md("Open addressing with linear probing at load ≤ 0.5: each slot holds `index + 1` of a code in")
        .md("[`ErrorCode::ALL`], or `0` when empty. Computed by the generator.")
        .outer();
    let doc_home = Doc::new()
        .md("The home slot of a wire string: a multiplicative hash over its bytes, eight at a time,")
        .md("of which the top [`BITS`] bits pick the slot. The generator computes the same hash.")
        .outer();
    Ok(spaced([
        quote! {
            #doc_bits
            const BITS: u32 = #bits;
        },
        quote! {
            #doc_row
            const ROW: usize = #row;
        },
        quote! {
            #doc_max_probe
            const MAX_PROBE: usize = #max_probe;
        },
        quote! {
            #doc_slots
            static SLOTS: [[#ty; ROW]; #row_count] = [#(#rows),*];
        },
        quote! {
            #doc_home
            #[inline]
            fn home_slot(code: &str) -> usize {
                let bytes = code.as_bytes();
                let mut hash: u64 = #seed ^ bytes.len() as u64;
                let mut chunks = bytes.chunks_exact(8);
                for chunk in &mut chunks {
                    let mut word = [0u8; 8];
                    word.copy_from_slice(chunk);
                    hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(#mix);
                    hash ^= hash >> 29;
                }
                let rest = chunks.remainder();
                if !rest.is_empty() {
                    let mut word = 0u64;
                    for (i, &byte) in rest.iter().enumerate() {
                        word |= u64::from(byte) << (8 * i);
                    }
                    hash = (hash ^ word).wrapping_mul(#mix);
                    hash ^= hash >> 29;
                }
                (hash.wrapping_mul(#mix) >> (64 - BITS)) as usize
            }
        },
    ]))
}

/// A `u64` as a grouped hexadecimal literal (`0xcbf2_9ce4_8422_2325`).
fn hex(value: u64) -> Result<Literal, EmitError> {
    let digits = format!("{value:016x}");
    let text = format!(
        "0x{}_{}_{}_{}",
        &digits[..4],
        &digits[4..8],
        &digits[8..12],
        &digits[12..]
    );
    text.parse()
        .map_err(|e| error(format!("bad literal {text}: {e:?}")))
}
