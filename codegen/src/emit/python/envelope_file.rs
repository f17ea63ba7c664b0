//! `envelope.py`: the JSON error envelope as `TypedDict`s documented with the catalog's
//! `[envelope]` texts. It is the one module that imports `typing` at run time (`TypedDict`s
//! must be `typing`'s, for pydantic and FastAPI among others), so the package imports it when
//! one of its types is first asked for (see `package.rs`).

use super::literal::{docstring, docstring_text};
use super::{Ctx, dunder_all};

/// What `envelope.py` exports (its `__all__`, and what `__init__.py` re-exports on first use).
pub(super) const EXPORTS: &[&str] = &[
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorEnvelope",
    "ErrorMeta",
];

pub(super) fn generate(ctx: &Ctx) -> String {
    let mut out = docstring(
        &format!(
            "The JSON body of an error response of {}, as types.\n\n\
             :class:`ErrorEnvelope` and the types it is made of are ``TypedDict``s, for type\n\
             checkers and for the libraries that read them at run time (pydantic, FastAPI). The\n\
             package imports this module, and with it `typing`, only when one of them is first\n\
             asked for.",
            ctx.title()
        ),
        0,
    );
    out.push_str("\nfrom typing import TypedDict\n\n");
    out.push_str(&dunder_all(EXPORTS));
    out.push_str("\n\n");
    out.push_str(&envelope_types(ctx));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A `TypedDict` with `total=False` (`response.py` accepts any member missing): its docstring,
/// then each member (name, type, docstring text) with its attribute docstring.
fn typed_dict(name: &str, doc: &str, members: &[(&str, &str, String)]) -> String {
    let mut out = format!("class {name}(TypedDict, total=False):\n");
    out.push_str(&docstring(doc, 4));
    for (member, ty, doc) in members {
        out.push_str(&format!("\n    {member}: {ty}\n"));
        out.push_str(&docstring(doc, 4));
    }
    out.push_str("\n\n");
    out
}

/// `ErrorBodyDetails`, `ErrorBody`, `ErrorMeta` and `ErrorEnvelope` (each after the types its
/// members use, as the module evaluates annotations), documented with the catalog's
/// `[envelope]` texts. Types only: `response.py` reads a body member by member and accepts any
/// of them missing or of the wrong type.
fn envelope_types(ctx: &Ctx) -> String {
    let envelope = &ctx.catalog.envelope;
    let text = |text: &str| docstring_text(text);
    let example =
        |doc: &str, example: &str| format!("{}\n\nFor example ``{}``.", text(doc), text(example));
    let mut out = typed_dict(
        "ErrorBodyDetails",
        &format!(
            "``error.details`` of :class:`ErrorEnvelope`.\n\n{}",
            text(&envelope.details)
        ),
        &[
            ("field", "str", text(&envelope.field)),
            ("issue", "str", text(&envelope.issue)),
        ],
    );
    out.push_str(&typed_dict(
        "ErrorBody",
        &format!(
            "``error`` of :class:`ErrorEnvelope`.\n\n{}",
            text(&envelope.error)
        ),
        &[
            ("code", "str", text(&envelope.code)),
            ("message", "str", text(&envelope.message)),
            ("details", "ErrorBodyDetails", text(&envelope.details)),
        ],
    ));
    out.push_str(&typed_dict(
        "ErrorMeta",
        &format!(
            "``meta`` of :class:`ErrorEnvelope`.\n\n{}",
            text(&envelope.meta)
        ),
        &[
            (
                "request_id",
                "str",
                example(&envelope.request_id, &envelope.request_id_example),
            ),
            (
                "timestamp",
                "str",
                example(&envelope.timestamp, &envelope.timestamp_example),
            ),
        ],
    ));
    out.push_str(&typed_dict(
        "ErrorEnvelope",
        &format!(
            "The JSON body of an error response of {}.\n\n{}\n\n\
             A type to read a body with, not checked at run time:\n\
             :func:`~.response.error_from_response` accepts any member missing or of another\n\
             type, hence ``total=False`` here and below.",
            ctx.title(),
            text(&envelope.description)
        ),
        &[
            ("success", "bool", text(&envelope.success)),
            ("error", "ErrorBody", text(&envelope.error)),
            ("meta", "ErrorMeta", text(&envelope.meta)),
        ],
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    /// A member of an envelope type and the catalog text that documents it.
    type Member<'a> = (&'a str, &'a str);

    #[test]
    fn every_envelope_text_documents_the_envelope_types() {
        let escaping = crate::load(
            "escaping.toml",
            include_str!("../../../../tests/fixtures/valid/escaping.toml"),
        )
        .unwrap();
        for catalog in [sample::catalog(), escaping] {
            let codes = generate(&Ctx::new(&catalog));
            let class = |name: &str| {
                let head = format!("\nclass {name}(TypedDict, total=False):\n    \"\"\"");
                let start = codes.find(&head).unwrap_or_else(|| panic!("{name}"));
                let end = codes[start + 1..]
                    .find("\n\n\n")
                    .map_or(codes.len(), |end| start + 1 + end);
                codes[start..end].to_owned()
            };
            let e = &catalog.envelope;
            let classes: [(&str, &str, &[Member]); 4] = [
                (
                    "ErrorEnvelope",
                    &e.description,
                    &[
                        ("success", &e.success),
                        ("error", &e.error),
                        ("meta", &e.meta),
                    ],
                ),
                (
                    "ErrorBody",
                    &e.error,
                    &[
                        ("code", &e.code),
                        ("message", &e.message),
                        ("details", &e.details),
                    ],
                ),
                (
                    "ErrorBodyDetails",
                    &e.details,
                    &[("field", &e.field), ("issue", &e.issue)],
                ),
                (
                    "ErrorMeta",
                    &e.meta,
                    &[("request_id", &e.request_id), ("timestamp", &e.timestamp)],
                ),
            ];
            for (name, doc, members) in classes {
                assert!(EXPORTS.contains(&name), "{name}");
                let body = class(name);
                assert!(
                    body.contains(&format!("\n\n    {}\n", docstring_text(doc))),
                    "{body}"
                );
                for (member, doc) in members {
                    let at = body.find(&format!("\n    {member}: ")).unwrap();
                    let line_end = at + 1 + body[at + 1..].find('\n').unwrap();
                    assert!(
                        body[line_end..]
                            .starts_with(&format!("\n    \"\"\"{}", docstring_text(doc))),
                        "{name}.{member}: {body}"
                    );
                }
            }
            let meta = class("ErrorMeta");
            for example in [&e.request_id_example, &e.timestamp_example] {
                assert!(
                    meta.contains(&format!("``{}``", docstring_text(example))),
                    "{meta}"
                );
            }
        }
    }
}
