//! `src/code.rs`: `ErrorCode`, its accessors, its metadata table and its lookup table: the
//! catalog's data. Its conversions from and to text, `Code` and `UnknownCode` do not depend on
//! the catalog and live in the static `wire.rs`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::evolution_file;
use super::layout::{self, Text};
use super::lookup::{self, LookupTable};
use super::rustdoc::{Doc, doc};
use super::{Ctx, EmitError, IndexType, attributes, blank, error, spaced};
use crate::emit::GeneratedFile;
use crate::model::{CODE_ATTRIBUTES, Code};

/// `rust/src/code.rs`: the small items are tokens; the enum's variants, `ErrorCode::ALL`, the
/// metadata table and the slot table are written directly ([`layout`]), in that order.
pub(super) fn generate(ctx: &Ctx) -> Result<GeneratedFile, EmitError> {
    let module_doc = Doc::new()
        .md("Error codes: [`ErrorCode`], every code of the catalog, its metadata and its lookup table.")
        .inner();
    let keys: Vec<&str> = ctx.catalog.codes.iter().map(|c| c.wire.as_str()).collect();
    let table = LookupTable::build(&keys);
    let items = spaced([
        quote! {
            use core::fmt;
        },
        quote!(
            use crate::{Category, Deprecation};
        ),
        layout::marker(),
        error_code_impl(ctx)?,
        error_code_debug(),
        entries()?,
        lookup_table(ctx, &table)?,
    ]);
    let tokens = quote! {
        #module_doc
        #items
    };
    let texts = vec![
        error_code_enum(ctx),
        all_text(ctx),
        entries_text(ctx),
        slots_text(ctx, &table)?,
    ];
    ctx.rust_file_with("rust/src/code.rs", tokens, texts)
}

/// The enum, its docs and its variants, each with its docs, separated by blank lines.
fn error_code_enum(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let mut text = Text::with_capacity(catalog.codes.len() * 400);
    let docs = Doc::new()
        .md("An error code of the catalog.")
        .md_para("Each code knows its wire string and what the catalog says about it; every accessor is a")
        .md("table lookup. [`ErrorCode::lookup`] and [`str::parse`] turn a wire string back into a code.")
        .md_para("The enum is `#[non_exhaustive]`: newer versions of the catalog add codes. To keep a code")
        .md("received from a newer server, use [`Code`](crate::Code).");
    text.doc(0, &docs.lines());
    text.line(
        0,
        "#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]",
    );
    text.line(0, "#[non_exhaustive]");
    text.line(0, &format!("#[repr({})]", ctx.index.name()));
    text.line(0, "pub enum ErrorCode {");
    for (index, code) in catalog.codes.iter().enumerate() {
        if index > 0 {
            text.blank();
        }
        text.doc(4, &attributes::variant_docs(ctx, code).lines());
        if let Some(deprecation) = &code.deprecated {
            text.attribute(
                4,
                "deprecated",
                &evolution_file::deprecated_arguments(deprecation),
            );
        }
        // Only the first discriminant is written out: rustc takes time quadratic in the number of
        // variants to handle uses of an enum whose every variant has an explicit discriminant.
        let discriminant = if index == 0 { " = 0" } else { "" };
        text.line(4, &format!("{}{discriminant},", ctx.codes[index]));
    }
    text.line(0, "}");
    text.finish()
}

/// `ErrorCode::ALL`, in the `impl` block.
fn all_text(ctx: &Ctx) -> String {
    let mut text = Text::with_capacity(ctx.codes.len() * 40);
    text.doc(
        4,
        &Doc::new()
            .md("Every code, in catalog order (the order of the discriminants).")
            .lines(),
    );
    if ctx.catalog.codes.iter().any(|c| c.deprecated.is_some()) {
        text.line(4, "#[allow(deprecated)]");
    }
    let items: Vec<String> = ctx.codes.iter().map(|v| format!("Self::{v}")).collect();
    text.array(4, "pub const ALL: &'static [Self] = &[", &items, "];");
    text.finish()
}

/// The metadata table: one `Entry` per code.
fn entries_text(ctx: &Ctx) -> String {
    let codes = &ctx.catalog.codes;
    let mut text = Text::with_capacity(codes.len() * 400);
    text.doc(
        0,
        &Doc::new()
            .md("The metadata table, indexed by discriminant.")
            .lines(),
    );
    if codes.iter().any(|c| c.deprecated.is_some()) {
        text.line(0, "#[allow(deprecated)]");
    }
    let rows: Vec<(usize, &Code)> = codes.iter().enumerate().collect();
    text.struct_array(
        "const ENTRIES: &[Entry] = &[",
        "Entry",
        &rows,
        |&(index, code), indent| {
            let mut fields = vec![
                ("wire", layout::string(&code.wire)),
                ("name", layout::string(&ctx.codes[index].to_string())),
            ];
            fields.extend(attributes::record_texts(ctx, code));
            fields.push((
                "deprecation",
                evolution_file::deprecation_text(code.deprecated.as_ref(), indent),
            ));
            fields
        },
        "];",
    );
    text.finish()
}

/// The slot table of the lookup, in rows of [`IndexType::row`] slots.
fn slots_text(ctx: &Ctx, table: &LookupTable) -> Result<String, EmitError> {
    let row = ctx.index.row();
    if table.slots.len() % row != 0 {
        return Err(error("the slot table is smaller than a row"));
    }
    let mut text = Text::with_capacity(table.slots.len() * 6 + 200);
    text.doc(
        0,
        &Doc::new()
            .md("Open addressing with linear probing at load ≤ 0.5: each slot holds `index + 1` of a code in")
            .md("[`ErrorCode::ALL`], or `0` when empty. Computed by the generator.")
            .lines(),
    );
    let rows: Vec<String> = table
        .slots
        .chunks(row)
        .map(|row| {
            let row: Vec<String> = row.iter().map(u32::to_string).collect();
            format!("[{}]", row.join(", "))
        })
        .collect();
    let head = format!(
        "static SLOTS: [[{}; ROW]; {}] = [",
        ctx.index.name(),
        rows.len()
    );
    text.array(0, &head, &rows, "];");
    Ok(text.finish())
}

fn error_code_impl(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let b = blank();
    let all = layout::marker();
    let doc_as_str = doc("The code as sent on the wire, e.g. `INVALID_REQUEST`.");
    let doc_lookup = Doc::new()
        .md("The code with this wire string, if the catalog has it. Exact and case-sensitive.")
        .md_para("A hash table lookup: one hash of `code` and a bounded number of probes.")
        .outer();
    let doc_http =
        doc("The HTTP status of responses carrying this code, as an `http::StatusCode`.");
    let doc_entry = doc("This code's row of the metadata table.");
    let slot_index = slot_index(ctx.index);
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
            #all
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
                let status = http::StatusCode::from_u16(self.status());
                status.unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
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

fn entries() -> Result<TokenStream, EmitError> {
    let fields = attributes::record_fields()?;
    let doc_entry = doc(
        "What the catalog says about one code: its wire string, its variant name for `Debug`, and its attributes.",
    );
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
        layout::marker(),
    ]))
}

fn lookup_table(ctx: &Ctx, table: &LookupTable) -> Result<TokenStream, EmitError> {
    let row = Literal::usize_unsuffixed(ctx.index.row());
    let bits = Literal::u32_unsuffixed(table.bits);
    let max_probe = Literal::usize_unsuffixed(table.max_probe);
    let seed = hex(lookup::SEED)?;
    let mix = hex(lookup::MIX)?;
    let doc_bits = doc("The slot table has `2^BITS` slots.");
    let doc_row = doc("Slots per row of [`SLOTS`].");
    let doc_max_probe = doc(
        "How far past its home slot any code sits: lookups give up after `MAX_PROBE + 1` slots.",
    );
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
        layout::marker(),
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
