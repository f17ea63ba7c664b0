//! `pyproject.toml`, `README.md` and `__init__.py` of the package.

use super::literal::{docstring, docstring_text, string};
use super::{Ctx, FAMILIES};

/// The oldest Python the package supports (the oldest still maintained upstream).
pub const REQUIRES_PYTHON: &str = ">=3.11";

pub(super) fn pyproject(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    format!(
        "\n[build-system]\n\
         requires = [\"flit_core>=3.4,<4\"]\n\
         build-backend = \"flit_core.buildapi\"\n\
         \n\
         [project]\n\
         name = {name}\n\
         version = {version}\n\
         description = {description}\n\
         readme = \"README.md\"\n\
         requires-python = \"{REQUIRES_PYTHON}\"\n\
         dependencies = []\n\
         classifiers = [\n    \
         \"Programming Language :: Python :: 3\",\n    \
         \"Programming Language :: Python :: 3 :: Only\",\n    \
         \"Typing :: Typed\",\n\
         ]\n\
         \n\
         [tool.flit.module]\n\
         name = {module}\n",
        name = toml_string(&catalog.name),
        version = toml_string(&catalog.version),
        description = toml_string(catalog.title.trim()),
        module = toml_string(&ctx.package),
    )
}

pub(super) fn readme(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let package = &ctx.package;
    let example = ctx
        .catalog
        .codes
        .iter()
        .position(|c| super::family_of(c.status) != "ApiError")
        .unwrap_or(0);
    let member = &ctx.members[example];
    let class = &ctx.classes[example];
    format!(
        "# {title} for Python\n\
         \n\
         Typed errors of the API for Python {python} and newer, with no dependencies: `ErrorCode`\n\
         (a `StrEnum` of every code and its metadata), an exception per status family and per\n\
         code, `error_from_response` / `raise_for_error` for `requests` and `httpx` responses,\n\
         `with_retry` / `with_retry_async`, and typed per-code handlers.\n\
         \n\
         ```sh\n\
         pip install path/to/generated/python\n\
         ```\n\
         \n\
         ```python\n\
         import requests\n\
         \n\
         from {package} import ErrorCode, RateLimitError, {class}, raise_for_error, with_retry\n\
         \n\
         \n\
         def call() -> requests.Response:\n    \
         response = requests.get(\"https://api.example.com/v1/models\", timeout=10)\n    \
         raise_for_error(response)  # raises the right ApiError subclass on a 4xx or 5xx\n    \
         return response\n\
         \n\
         \n\
         try:\n    \
         response = with_retry(call, max_attempts=4)  # retries what the catalog marks retryable\n\
         except RateLimitError as error:\n    \
         print(\"still rate limited, retry after\", error.retry_after)\n\
         except {class} as error:\n    \
         assert error.code is ErrorCode.{member}\n\
         ```\n\
         \n\
         `examples/handle_errors.py` matches over every `ErrorCode`; `mypy --strict` reports it when\n\
         a code is left unhandled.\n",
        title = markdown_text(catalog.title.trim()),
        python = REQUIRES_PYTHON.trim_start_matches(">="),
    )
}

pub(super) fn init(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let mut out = docstring(
        &format!(
            "{}: typed errors for Python.\n\n{}\n\n\
             Everything public is importable from here: :class:`ErrorCode` and its metadata,\n\
             :class:`ApiError` and its subclasses, :func:`error_from_response`,\n\
             :func:`raise_for_error`, :func:`with_retry`, :func:`with_retry_async` and\n\
             :func:`handle_error`.",
            ctx.title(),
            docstring_text(&catalog.description)
        ),
        0,
    );
    let codes = [
        "CATEGORIES",
        "CODES",
        "STATUSES",
        "Category",
        "CategoryInfo",
        "CodeInfo",
        "ErrorCode",
        "StatusInfo",
    ];
    let mut errors: Vec<&str> = vec!["ERROR_CLASSES", "ApiError"];
    errors.extend(FAMILIES.iter().map(|(_, name)| *name));
    errors.push("ErrorDetails");
    errors.extend(ctx.classes.iter().map(String::as_str));
    errors.extend(["error_class", "family_class", "status_retryable"]);
    let handlers = ["ErrorHandlers", "handle_error"];
    let response = [
        "ResponseLike",
        "error_from_response",
        "parse_retry_after",
        "raise_for_error",
    ];
    let retry = [
        "RetryEvent",
        "is_retryable",
        "retry_delay",
        "with_retry",
        "with_retry_async",
    ];
    out.push('\n');
    let modules: [(&str, &[&str]); 5] = [
        ("codes", &codes),
        ("errors", &errors),
        ("handlers", &handlers),
        ("response", &response),
        ("retry", &retry),
    ];
    for (module, names) in modules {
        out.push_str(&format!("from .{module} import (\n"));
        for name in names {
            out.push_str(&format!("    {name},\n"));
        }
        out.push_str(")\n");
    }
    out.push_str(&format!(
        "\n__version__ = {}\n\"\"\"The version of the catalog this package was generated from.\"\"\"\n\
         \n__all__ = [\n    \"__version__\",\n",
        string(&catalog.version)
    ));
    for (_, names) in modules {
        for name in names {
            out.push_str(&format!("    \"{name}\",\n"));
        }
    }
    out.push_str("]\n");
    out
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text shown literally in Markdown: punctuation that could start markup is escaped.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>|#!~{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(toml_string("a \"b\" \\ é"), "\"a \\\"b\\\" \\\\ é\"");
        assert_eq!(toml_string("x\u{1}\u{2028}"), "\"x\\u0001\\u2028\"");
    }

    #[test]
    fn markdown_text_escapes_markup() {
        assert_eq!(
            markdown_text("Escaping \"errors\" \\ <b>bold</b> | pipes"),
            "Escaping \"errors\" \\\\ \\<b\\>bold\\</b\\> \\| pipes"
        );
    }
}
