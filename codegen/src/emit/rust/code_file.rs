//! `src/code.rs`: `ErrorCode`, its metadata table and lookup table, `UnknownCode` and `Code`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::lookup::{self, LookupTable};
use super::rustdoc::{Doc, doc};
use super::{Ctx, EmitError, IndexType, attributes, blank, error, lit, spaced};
use crate::model::CODE_ATTRIBUTES;

/// Slots per row of the emitted two-dimensional slot table.
const ROW: usize = 8;

pub(super) fn tokens(ctx: &Ctx) -> Result<TokenStream, EmitError> {
    let module_doc = Doc::new()
        .md("Error codes: [`ErrorCode`], every code of the catalog, and [`Code`], a code as")
        .md("received on the wire.")
        .inner();
    let items = spaced([
        quote! {
            use core::fmt;
            use core::str::FromStr;
        },
        quote!(
            use crate::Category;
        ),
        error_code_enum(ctx),
        error_code_impl(ctx)?,
        error_code_traits(),
        entries(ctx)?,
        lookup_table(ctx)?,
        unknown_code(),
        code_enum(),
        code_traits(),
        serde_impls(),
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
        quote! {
            #docs
            #variant #discriminant,
        }
    });
    let docs = Doc::new()
        .md("An error code of the catalog.")
        .md_para("Each code knows its wire string and what the catalog says about it; every accessor is a")
        .md("table lookup. [`ErrorCode::lookup`] and [`str::parse`] turn a wire string back into a code.")
        .md_para("The enum is `#[non_exhaustive]`: newer versions of the catalog add codes. To keep a code")
        .md("received from a newer server, use [`Code`].")
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
    let mut accessors = TokenStream::new();
    for attribute in CODE_ATTRIBUTES {
        let docs = doc(attribute.doc);
        let accessor = attributes::accessor(attribute)?;
        let field = attributes::field(attribute)?;
        let ty = attributes::rust_type(attribute.ty);
        accessors.extend(quote! {
            #docs
            pub const fn #accessor(self) -> #ty {
                self.entry().#field
            }
            #b
        });
    }
    Ok(spaced([quote! {
        impl ErrorCode {
            #doc_all
            pub const ALL: &'static [Self] = &[#(Self::#all),*];
            #b
            #doc_as_str
            pub const fn as_str(self) -> &'static str {
                self.entry().wire
            }
            #b
            #accessors
            #doc_lookup
            #[inline]
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

fn error_code_traits() -> TokenStream {
    let b = blank();
    let doc_debug = doc("Prints the variant name, as `#[derive(Debug)]` would.");
    let doc_display = doc("Prints the wire string.");
    spaced([
        quote! {
            #doc_debug
            impl fmt::Debug for ErrorCode {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(self.entry().name)
                }
            }
        },
        quote! {
            #doc_display
            impl fmt::Display for ErrorCode {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.pad(self.as_str())
                }
            }
        },
        quote! {
            impl AsRef<str> for ErrorCode {
                fn as_ref(&self) -> &str {
                    self.as_str()
                }
            }
        },
        quote! {
            impl FromStr for ErrorCode {
                type Err = UnknownCode;
                #b
                #[inline]
                fn from_str(code: &str) -> Result<Self, Self::Err> {
                    Self::lookup(code).ok_or_else(|| UnknownCode(code.to_owned()))
                }
            }
        },
    ])
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
            Ok(quote! {
                Entry {
                    wire: #wire,
                    name: #name,
                    #values
                }
            })
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let fields = attributes::record_fields()?;
    let doc_entry = doc(
        "What the catalog says about one code: its wire string, its variant name for `Debug`, and its attributes.",
    );
    let doc_entries = doc("The metadata table, indexed by discriminant.");
    Ok(spaced([
        quote! {
            #doc_entry
            struct Entry {
                wire: &'static str,
                name: &'static str,
                #fields
            }
        },
        quote! {
            #doc_entries
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

fn unknown_code() -> TokenStream {
    let doc_struct = Doc::new()
        .md("The error of parsing a string that is not a code of the catalog as an [`ErrorCode`].")
        .md_para(
            "It holds the string. To keep unknown codes instead of failing, parse into [`Code`].",
        )
        .outer();
    let doc_code = doc("The string that is not a code of the catalog.");
    spaced([
        quote! {
            #doc_struct
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub struct UnknownCode(String);
        },
        quote! {
            impl UnknownCode {
                #doc_code
                pub fn code(&self) -> &str {
                    &self.0
                }
            }
        },
        quote! {
            impl fmt::Display for UnknownCode {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    write!(f, "unknown error code `{}`", self.0)
                }
            }
        },
        quote!(impl std::error::Error for UnknownCode {}),
    ])
}

fn code_enum() -> TokenStream {
    let b = blank();
    let doc_enum = Doc::new()
        .md("An error code as received on the wire: a code of this catalog, or one it does not know")
        .md("(from a newer version of the API), kept as received.")
        .md_para("Build it with `From`, which looks the string up, so a code of the catalog is always")
        .md("`Known`; serde reads any string into it without failing.")
        .outer();
    let doc_known = doc("A code of this catalog.");
    let doc_unknown = doc("A code this version of the catalog does not know, as received.");
    let doc_as_str = doc("The code as sent on the wire.");
    let doc_known_fn = doc("The code, if this catalog knows it.");
    let doc_is_known = doc("Whether this catalog knows the code.");
    spaced([
        quote! {
            #doc_enum
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub enum Code {
                #doc_known
                Known(ErrorCode),
                #doc_unknown
                Unknown(String),
            }
        },
        quote! {
            impl Code {
                #doc_as_str
                pub fn as_str(&self) -> &str {
                    match self {
                        Self::Known(code) => code.as_str(),
                        Self::Unknown(code) => code,
                    }
                }
                #b
                #doc_known_fn
                pub const fn known(&self) -> Option<ErrorCode> {
                    match self {
                        Self::Known(code) => Some(*code),
                        Self::Unknown(_) => None,
                    }
                }
                #b
                #doc_is_known
                pub const fn is_known(&self) -> bool {
                    matches!(self, Self::Known(_))
                }
            }
        },
    ])
}

fn code_traits() -> TokenStream {
    let b = blank();
    let doc_from_str =
        doc("Looks the code up: `Known` if the catalog has it, `Unknown` otherwise.");
    spaced([
        quote! {
            impl From<ErrorCode> for Code {
                fn from(code: ErrorCode) -> Self {
                    Self::Known(code)
                }
            }
        },
        quote! {
            #doc_from_str
            impl From<&str> for Code {
                fn from(code: &str) -> Self {
                    match ErrorCode::lookup(code) {
                        Some(known) => Self::Known(known),
                        None => Self::Unknown(code.to_owned()),
                    }
                }
            }
        },
        quote! {
            #doc_from_str
            impl From<String> for Code {
                fn from(code: String) -> Self {
                    match ErrorCode::lookup(&code) {
                        Some(known) => Self::Known(known),
                        None => Self::Unknown(code),
                    }
                }
            }
        },
        quote! {
            #doc_from_str
            impl FromStr for Code {
                type Err = core::convert::Infallible;
                #b
                fn from_str(code: &str) -> Result<Self, Self::Err> {
                    Ok(Self::from(code))
                }
            }
        },
        quote! {
            impl fmt::Display for Code {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.pad(self.as_str())
                }
            }
        },
        quote! {
            impl AsRef<str> for Code {
                fn as_ref(&self) -> &str {
                    self.as_str()
                }
            }
        },
        quote! {
            impl PartialEq<ErrorCode> for Code {
                fn eq(&self, other: &ErrorCode) -> bool {
                    self.known() == Some(*other)
                }
            }
        },
        quote! {
            impl PartialEq<Code> for ErrorCode {
                fn eq(&self, other: &Code) -> bool {
                    other == self
                }
            }
        },
    ])
}

fn serde_impls() -> TokenStream {
    let b = blank();
    let doc_ser = doc("Serializes as the wire string.");
    let doc_de_strict =
        doc("Deserializes from a wire string; fails on a code the catalog does not have.");
    let doc_de_lenient = doc("Deserializes from any string; never fails on an unknown code.");
    spaced([
        quote! {
            #doc_ser
            #[cfg(feature = "serde")]
            impl serde::Serialize for ErrorCode {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        },
        quote! {
            #doc_de_strict
            #[cfg(feature = "serde")]
            impl<'de> serde::Deserialize<'de> for ErrorCode {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    struct Visitor;
                    #b
                    impl serde::de::Visitor<'_> for Visitor {
                        type Value = ErrorCode;
                        #b
                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str("an error code of the catalog")
                        }
                        #b
                        fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<ErrorCode, E> {
                            ErrorCode::lookup(code).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(code), &self))
                        }
                    }

                    deserializer.deserialize_str(Visitor)
                }
            }
        },
        quote! {
            #doc_ser
            #[cfg(feature = "serde")]
            impl serde::Serialize for Code {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        },
        quote! {
            #doc_de_lenient
            #[cfg(feature = "serde")]
            impl<'de> serde::Deserialize<'de> for Code {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    struct Visitor;
                    #b
                    impl serde::de::Visitor<'_> for Visitor {
                        type Value = Code;
                        #b
                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str("an error code string")
                        }
                        #b
                        fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<Code, E> {
                            Ok(Code::from(code))
                        }
                        #b
                        fn visit_string<E: serde::de::Error>(self, code: String) -> Result<Code, E> {
                            Ok(Code::from(code))
                        }
                    }

                    deserializer.deserialize_str(Visitor)
                }
            }
        },
    ])
}
