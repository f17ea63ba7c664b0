//! The large, regular parts of the crate (the variants of `ErrorCode`, its metadata and lookup
//! tables), written as text directly in rustfmt's layout: parsing and pretty-printing megabytes
//! of tokens cost far more than the text itself, and rustfmt's layout of a list is simple to
//! state. The small, hand-shaped items stay `quote!` tokens printed by prettyplease.
//!
//! A file mixes both with [`marker`]: a marker item in the tokens, replaced after printing by
//! the text rendered here ([`super::Ctx::rust_file`]). The rules below are rustfmt's defaults
//! (`max_width = 100`, `array_width = 60`, `fn_call_width = 60`,
//! `attr_fn_like_width = 70`); `cargo xtask test`
//! runs `cargo fmt --check` on every generated crate, and a workspace test runs rustfmt on
//! crates of many shapes, so a layout that drifts from rustfmt's fails there.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// rustfmt's `max_width`.
const MAX_WIDTH: usize = 100;
/// rustfmt's `array_width`: the widest list of array items kept on one line.
const ARRAY_WIDTH: usize = 60;
/// rustfmt's `fn_call_width`: the widest argument list of a call kept on one line.
const FN_CALL_WIDTH: usize = 60;
/// rustfmt's `attr_fn_like_width`: the widest argument list of an attribute kept on one line.
const ATTR_WIDTH: usize = 70;

/// The name of the item that stands for a part rendered here.
pub(super) const MARKER: &str = "__rust_emitter_text__";

/// An item prettyplease prints on a line of its own, which [`super::Ctx::rust_file`] replaces
/// with the next part rendered here.
pub(super) fn marker() -> TokenStream {
    let marker = Ident::new(MARKER, Span::call_site());
    quote!(#marker!();)
}

/// A string literal as Rust source, escaped as `quote!` and prettyplease write it.
pub(super) fn string(text: &str) -> String {
    Literal::string(text).to_string()
}

/// `Some("text")` or `None`.
pub(super) fn opt_string(text: Option<&str>) -> String {
    match text {
        Some(text) => format!("Some({})", string(text)),
        None => "None".to_owned(),
    }
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// Text under construction, line by line.
#[derive(Default)]
pub(super) struct Text {
    out: String,
}

impl Text {
    pub(super) fn with_capacity(bytes: usize) -> Self {
        Self {
            out: String::with_capacity(bytes),
        }
    }

    /// One line at `indent` spaces.
    pub(super) fn line(&mut self, indent: usize, text: &str) {
        push_indent(&mut self.out, indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// An empty line.
    pub(super) fn blank(&mut self) {
        self.out.push('\n');
    }

    /// Doc comment lines (`///`), as prettyplease prints `#[doc]` attributes.
    pub(super) fn doc(&mut self, indent: usize, lines: &[String]) {
        for line in lines {
            push_indent(&mut self.out, indent);
            self.out.push_str("///");
            if !line.is_empty() {
                self.out.push(' ');
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
    }

    /// An attribute with arguments, `#[name(a, b)]`, on one line when it fits, else one
    /// argument per line (rustfmt writes no trailing comma in attributes).
    pub(super) fn attribute(&mut self, indent: usize, name: &str, args: &[String]) {
        let joined = args.join(", ");
        if width(&joined) <= ATTR_WIDTH && indent + width(name) + width(&joined) + 5 <= MAX_WIDTH {
            self.line(indent, &format!("#[{name}({joined})]"));
        } else {
            self.line(indent, &format!("#[{name}("));
            for (i, arg) in args.iter().enumerate() {
                let comma = if i + 1 < args.len() { "," } else { "" };
                self.line(indent + 4, &format!("{arg}{comma}"));
            }
            self.line(indent, ")]");
        }
    }

    /// An array of one-line items after `head` (`… = &[`) and before `tail` (`];`): on one
    /// line when the items fit `array_width` and the line fits `max_width`, else one item per
    /// line.
    pub(super) fn array(&mut self, indent: usize, head: &str, items: &[String], tail: &str) {
        let items_width = items
            .iter()
            .map(|i| width(i) + 2)
            .sum::<usize>()
            .saturating_sub(2);
        if items_width <= ARRAY_WIDTH
            && indent + width(head) + items_width + width(tail) <= MAX_WIDTH
        {
            self.line(indent, &format!("{head}{}{tail}", items.join(", ")));
        } else {
            self.line(indent, head);
            for item in items {
                push_indent(&mut self.out, indent + 4);
                self.out.push_str(item);
                self.out.push_str(",\n");
            }
            self.line(indent, tail);
        }
    }

    /// A struct literal `Name { field: value, … }` of at least 19 characters, which rustfmt
    /// always breaks (`struct_lit_width = 18`): one field per line at `indent + 4`, the braces
    /// at `indent`, after `head` on the first line and followed by `tail` on the last.
    /// A value is written as given: a nested `Some(Struct { … })` must already be laid out
    /// for `indent + 4`.
    pub(super) fn struct_literal(
        &mut self,
        indent: usize,
        head: &str,
        name: &str,
        fields: &[(&str, String)],
        tail: &str,
    ) {
        push_indent(&mut self.out, indent);
        self.out.push_str(head);
        self.out.push_str(name);
        self.out.push_str(" {\n");
        for (field, value) in fields {
            push_indent(&mut self.out, indent + 4);
            self.out.push_str(field);
            self.out.push_str(": ");
            self.out.push_str(value);
            self.out.push_str(",\n");
        }
        push_indent(&mut self.out, indent);
        self.out.push('}');
        self.out.push_str(tail);
        self.out.push('\n');
    }

    /// An array of struct literals `name { … }` between `head` (`… = &[`) and `tail` (`];`),
    /// each with `fields(row, indent)` at `indent`: one literal per line group, or, for a lone
    /// literal, on the line of the brackets, as rustfmt writes them.
    pub(super) fn struct_array<T>(
        &mut self,
        head: &str,
        name: &str,
        rows: &[T],
        mut fields: impl FnMut(&T, usize) -> Vec<(&'static str, String)>,
        tail: &str,
    ) {
        if let [row] = rows {
            let fields = fields(row, 4);
            self.struct_literal(0, head, name, &fields, tail);
            return;
        }
        self.line(0, head);
        for row in rows {
            let fields = fields(row, 8);
            self.struct_literal(4, "", name, &fields, ",");
        }
        self.line(0, tail);
    }

    /// A macro call `name!(a, b)` followed by `tail`: on one line when the arguments fit
    /// `fn_call_width` and the line fits `max_width`, else one argument per line (rustfmt writes
    /// no trailing comma in a macro call).
    pub(super) fn macro_call(&mut self, indent: usize, name: &str, args: &[String], tail: &str) {
        let joined = args.join(", ");
        if width(&joined) <= FN_CALL_WIDTH
            && indent + width(name) + width(&joined) + 2 + width(tail) <= MAX_WIDTH
        {
            self.line(indent, &format!("{name}({joined}){tail}"));
        } else {
            self.line(indent, &format!("{name}("));
            for (i, arg) in args.iter().enumerate() {
                let comma = if i + 1 < args.len() { "," } else { "" };
                self.line(indent + 4, &format!("{arg}{comma}"));
            }
            self.line(indent, &format!("){tail}"));
        }
    }

    pub(super) fn finish(self) -> String {
        self.out
    }
}

fn push_indent(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_arrays_stay_on_one_line_and_long_ones_break() {
        let mut text = Text::default();
        let short = ["Self::A".to_owned(), "Self::B".to_owned()];
        text.array(4, "const ALL: &[Self] = &[", &short, "];");
        let long: Vec<String> = (0..8).map(|i| format!("Self::Variant{i}")).collect();
        text.array(4, "const ALL: &[Self] = &[", &long[..5], "];");
        assert_eq!(
            text.finish(),
            "    const ALL: &[Self] = &[Self::A, Self::B];\n    const ALL: &[Self] = &[\n        Self::Variant0,\n        Self::Variant1,\n        Self::Variant2,\n        Self::Variant3,\n        Self::Variant4,\n    ];\n"
        );
    }

    #[test]
    fn long_attributes_take_one_argument_per_line() {
        let mut text = Text::default();
        text.attribute(4, "deprecated", &["since = \"1\"".to_owned()]);
        let note = format!("note = \"{}\"", "x".repeat(70));
        text.attribute(4, "deprecated", &["since = \"1\"".to_owned(), note.clone()]);
        assert_eq!(
            text.finish(),
            format!(
                "    #[deprecated(since = \"1\")]\n    #[deprecated(\n        since = \"1\",\n        {note}\n    )]\n"
            )
        );
    }
}
