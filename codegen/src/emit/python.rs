//! The Python target: a typed, dependency-free package (`python/`) for Python 3.11+ with the
//! catalog's codes and metadata, an exception hierarchy, response parsing for `requests`,
//! `httpx` and `aiohttp` responses (duck-typed), retry helpers and per-code handlers, plus an example that
//! `mypy --strict` checks for exhaustiveness.
//!
//! The code that is the same for every catalog is real Python under `codegen/static/python/`
//! (`_base.py`: `APIError`, the family classes; `response.py`; `retry.py`; `_runtime.py`, which
//! stands in for `typing` at run time so that importing the package stays cheap), copied verbatim
//! after the header by [`static_modules`]. The generated modules hold the catalog's data, which
//! those files import: `codes.py` (its record and accessors rendered by walking
//! [`crate::model::CODE_ATTRIBUTES`]), `errors.py` (a class per code), `handlers.py` and
//! `__init__.py`. Every catalog string goes through [`literal`], and the layout is the one
//! `ruff format` produces (`cargo xtask test` checks it with `ruff format --check`).

mod codes_file;
mod envelope_file;
mod errors_file;
mod handlers_file;
mod literal;
mod package;
mod static_modules;

use super::shared::examples::Examples;
use super::shared::header::{self, Comment};
use super::{EmitError, GeneratedFile, StaticFile};
use crate::model::Catalog;
use crate::names::python::{class_name, member_name, package_name};

/// The package's modules that are the same for every catalog.
pub const STATIC_FILES: &[StaticFile] = &[
    static_modules::BASE.file,
    static_modules::RESPONSE.file,
    static_modules::RETRY.file,
    static_modules::RUNTIME.file,
];

/// Generates the package: `python/pyproject.toml`, `python/README.md`,
/// `python/src/<package>/*.py`, `py.typed` and `python/examples/handle_errors.py`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let ctx = Ctx::new(catalog);
    let src = format!("python/src/{}", ctx.package);
    let mut files = vec![
        ctx.file("python/pyproject.toml", package::pyproject(&ctx)),
        ctx.markdown("python/README.md", package::readme(&ctx)),
        ctx.file(&format!("{src}/py.typed"), String::new()),
        ctx.file(&format!("{src}/__init__.py"), package::init(&ctx)?),
        ctx.file(&format!("{src}/__init__.pyi"), package::init_stub(&ctx)?),
        ctx.file(&format!("{src}/codes.py"), codes_file::generate(&ctx)),
        ctx.file(&format!("{src}/envelope.py"), envelope_file::generate(&ctx)),
        ctx.file(&format!("{src}/errors.py"), errors_file::generate(&ctx)?),
        ctx.file(&format!("{src}/errors.pyi"), errors_file::stub(&ctx)?),
        ctx.file(&format!("{src}/handlers.py"), handlers_file::module(&ctx)),
        ctx.file(&format!("{src}/handlers.pyi"), handlers_file::stub(&ctx)),
        ctx.file(
            "python/examples/handle_errors.py",
            handlers_file::example(&ctx),
        ),
    ];
    for file in STATIC_FILES {
        let name = file.source.trim_start_matches("python/");
        files.push(ctx.file(&format!("{src}/{name}"), file.contents.to_owned()));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The catalog with the names every file needs, resolved once.
struct Ctx<'a> {
    catalog: &'a Catalog,
    /// The import name (`ai_api_errors`).
    package: String,
    /// `ErrorCode` members, in catalog order.
    members: Vec<String>,
    /// Exception classes, in catalog order.
    classes: Vec<String>,
    /// `Category` members, in catalog order.
    categories: Vec<String>,
    /// The index of the code the README and `errors.py`'s docstring show caught by its own
    /// class ([`Examples::own_class`]).
    example: usize,
}

impl<'a> Ctx<'a> {
    /// The names of a validated catalog: validation has checked that every name is a Python
    /// identifier that no other takes.
    fn new(catalog: &'a Catalog) -> Self {
        let example = Examples::of(catalog).own_class;
        Self {
            catalog,
            package: package_name(&catalog.name),
            members: catalog.codes.iter().map(|c| member_name(&c.wire)).collect(),
            classes: catalog.codes.iter().map(|c| class_name(&c.wire)).collect(),
            categories: catalog
                .categories
                .iter()
                .map(|c| member_name(&c.id))
                .collect(),
            example: catalog
                .codes
                .iter()
                .position(|c| c.wire == example.wire)
                .unwrap_or(0),
        }
    }

    /// A `.py` or `.toml` file: the header as `#` comments, then the body.
    fn file(&self, path: &str, body: String) -> GeneratedFile {
        GeneratedFile {
            path: path.to_owned(),
            contents: format!("{}{body}", header::comment(self.catalog, Comment::Hashes)),
        }
    }

    /// A Markdown file: the header as an HTML comment.
    fn markdown(&self, path: &str, body: String) -> GeneratedFile {
        GeneratedFile {
            path: path.to_owned(),
            contents: format!("{}\n{body}", header::comment(self.catalog, Comment::Html)),
        }
    }

    /// `ErrorCode.MEMBER` of a code, by index.
    fn code_ref(&self, index: usize) -> String {
        format!("ErrorCode.{}", self.members[index])
    }

    /// The title of the catalog, escaped for a docstring.
    fn title(&self) -> String {
        literal::docstring_text(&self.catalog.title)
    }
}

fn error(message: impl Into<String>) -> EmitError {
    EmitError {
        target: "python",
        message: message.into(),
    }
}

/// `target = value` at `indent` spaces, as ruff formats it when the line would pass 88
/// characters: the value in parentheses on a line of its own, except a string that would not
/// fit there either.
fn assignment(indent: usize, target: &str, value: &str) -> String {
    let pad = " ".repeat(indent);
    let line = format!("{pad}{target} = {value}\n");
    let wrapped = format!("{pad}{target} = (\n{pad}    {value}\n{pad})\n");
    let is_string = value.starts_with(['"', '\'']);
    if is_string && !fits(&format!("{pad}    {value}")) {
        line
    } else {
        first_that_fits([line, wrapped])
    }
}

/// Whether every line of `text` fits in ruff's 88 columns.
fn fits(text: &str) -> bool {
    text.lines().all(|line| line.chars().count() <= 88)
}

/// The first of the ways to lay out some code that fits in 88 columns, else the last (the most
/// split), as ruff format chooses between them.
fn first_that_fits<const N: usize>(layouts: [String; N]) -> String {
    let last = N - 1;
    layouts
        .into_iter()
        .enumerate()
        .find(|(index, layout)| *index == last || fits(layout))
        .map(|(_, layout)| layout)
        .unwrap_or_default()
}

/// `__all__` listing `names`, one a line as ruff formats it.
fn dunder_all(names: &[&str]) -> String {
    let mut out = String::from("__all__ = [\n");
    for name in names {
        out.push_str(&format!("    \"{name}\",\n"));
    }
    out.push_str("]\n");
    out
}

/// The end of `errors.py` and of the package's `__init__.py`: the module functions that make
/// the class of a code the first time it is asked for (PEP 562) and list every class, over the
/// module's own `_EXPORTS` and the `_by_name` and `_class_named` of `errors.py`. `first` is
/// what `__getattr__` tries before, and `doc` the start of its docstring that says so.
fn lazy_classes(doc: &str, first: &str) -> String {
    format!(
        r#"

def __getattr__(name: str) -> object:
    """{doc}The class of a code, by name (PEP 562), made the first time it is asked for;
    and ``__all__``, which names everything public, the class of every code included."""
{first}    if name == "__all__":
        return [*_EXPORTS, *_by_name()]
    found = _class_named(name)
    if found is None:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    return found


def __dir__() -> list[str]:
    return sorted({{*globals(), *_EXPORTS, *_by_name()}})
"#
    )
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn long_assignments_are_wrapped_as_ruff_wraps_them() {
        assert_eq!(assignment(4, "A", "\"A\""), "    A = \"A\"\n");
        let name = "X".repeat(50);
        let string = format!("\"{name}\"");
        assert_eq!(
            assignment(4, &name, &string),
            format!("    {name} = (\n        {string}\n    )\n")
        );
        let long = "X".repeat(90);
        let long_string = format!("\"{long}\"");
        assert_eq!(
            assignment(4, &long, &long_string),
            format!("    {long} = {long_string}\n")
        );
        assert_eq!(
            assignment(4, "error_code", &format!("ErrorCode.{long}")),
            format!("    error_code = (\n        ErrorCode.{long}\n    )\n")
        );
    }

    #[test]
    fn every_code_gets_a_member_a_class_of_its_family_and_metadata() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let find = |suffix: &str| {
            files
                .iter()
                .find(|f| f.path.ends_with(suffix))
                .unwrap()
                .contents
                .clone()
        };
        let codes = find("/codes.py");
        let stub = find("/errors.pyi");
        let init = find("/__init__.py");
        let example = find("handle_errors.py");
        assert!(codes.contains("    NO_CREDENTIALS = \"NO_CREDENTIALS\"\n"));
        assert!(codes.contains("    RATE_LIMIT = \"rate_limit\"\n"));
        assert!(stub.contains("\nclass NoCredentialsError(AuthenticationError): ...\n"));
        assert!(stub.contains("\nclass Http2Error(ServerError): ...\n"));
        assert!(stub.contains("\nclass BadTemperatureError(BadRequestError): ...\n"));
        assert!(stub.contains("\nclass TooManyCallsError(RateLimitError): ...\n"));
        // A column of flags is a string of one character per code, in catalog order.
        let index = |wire: &str| catalog.codes.iter().position(|c| c.wire == wire).unwrap();
        let start = codes.find("\n_RETRYABLE: str = \"").unwrap() + "\n_RETRYABLE: str = \"".len();
        let retryable: Vec<char> = codes[start..].chars().take(catalog.codes.len()).collect();
        // The sample's BACKEND_DOWN overrides its status's retryability.
        assert_eq!(retryable[index("BACKEND_DOWN")], '0');
        assert_eq!(retryable[index("HTTP2_ERROR")], '1');
        let field = format!("    {}: \"temperature\",\n", index("BAD_TEMPERATURE"));
        assert!(codes.contains(&field), "{field}");
        // The classes are made on demand: the package asks `errors.py` for them by name.
        assert!(init.contains("\ndef __getattr__(name: str) -> object:\n"));
        assert!(!init.contains("NoCredentialsError"));
        // The example handles the first codes, then a default.
        for code in &catalog.codes[..2] {
            let case = format!("        case ErrorCode.{}:\n", member_name(&code.wire));
            assert!(example.contains(&case), "{case}");
        }
        let last = member_name(&catalog.codes[catalog.codes.len() - 1].wire);
        assert!(!example.contains(&format!("ErrorCode.{last}:")));
        assert!(example.contains("        case _:\n            return error.message\n"));
    }

    #[test]
    fn the_readme_example_never_catches_a_code_after_rate_limit_error() {
        let readme = |catalog: &Catalog| {
            generate(catalog)
                .unwrap()
                .into_iter()
                .find(|f| f.path == "python/README.md")
                .unwrap()
                .contents
        };
        let mut catalog = sample::catalog();
        // A 429 code first, then one with no family, then a 403: the 403 is shown.
        catalog.codes[0].status = 429;
        catalog.codes[1].status = 418;
        catalog.codes[2].status = 403;
        assert_eq!(Examples::of(&catalog).own_class.wire, catalog.codes[2].wire);
        let class = class_name(&catalog.codes[2].wire);
        let text = readme(&catalog);
        let rate = text.find("except RateLimitError").unwrap();
        assert!(rate < text.find(&format!("except {class} ")).unwrap());
        // Only 429 and familyless codes: a familyless one is shown.
        for code in &mut catalog.codes {
            code.status = 429;
        }
        catalog.codes[1].status = 418;
        assert_eq!(Examples::of(&catalog).own_class.wire, catalog.codes[1].wire);
        // Only 429 codes: the code's class is caught before RateLimitError.
        catalog.codes[1].status = 429;
        assert_eq!(Examples::of(&catalog).own_class.wire, catalog.codes[0].wire);
        let class = class_name(&catalog.codes[0].wire);
        let text = readme(&catalog);
        let rate = text.find("except RateLimitError").unwrap();
        assert!(text.find(&format!("except {class} ")).unwrap() < rate);
    }
}
