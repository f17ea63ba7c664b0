//! `cargo xtask explain CODE`: prints what the catalog says of one code (`codegen::explain`).

use std::path::Path;

/// The explanation of `code` in the catalog at `catalog`, or an error message (an unknown code
/// with the nearest codes, or a catalog that cannot be read).
pub fn run(catalog: &Path, catalog_display: &str, code: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(catalog)
        .map_err(|e| format!("cannot read `{catalog_display}`: {e}"))?;
    let model = codegen::load(catalog_display, &text).map_err(|d| d.render(false))?;
    codegen::explain::explain(&model, code).map_err(|near| {
        let mut message =
            format!("`{code}` is not a code of `{catalog_display}`, current or retired");
        match near.as_slice() {
            [] => message.push_str(
                "\n  = help: no code is close to it; `cargo xtask explain` takes a code such as `",
            ),
            [one] => message.push_str(&format!("\n  = help: did you mean `{one}`?")),
            many => message.push_str(&format!(
                "\n  = help: did you mean one of {}?",
                many.iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        if near.is_empty() {
            message.push_str(model.codes.first().map_or("", |c| c.wire.as_str()));
            message.push('`');
        }
        message
    })
}
