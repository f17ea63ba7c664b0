//! The Python target: a typed, dependency-free package (`python/`) for Python 3.11+ with the
//! catalog's codes and metadata, an exception hierarchy, response parsing for `requests` and
//! `httpx` responses (duck-typed), retry helpers and per-code handlers, plus an example that
//! `mypy --strict` checks for exhaustiveness.
//!
//! Files are written as text: a few lines per code, around fixed Python source kept in
//! [`runtime`]. Every catalog string goes through [`literal`], and the layout is the one
//! `ruff format` produces (`cargo xtask test` checks it with `ruff format --check`).

mod codes_file;
mod errors_file;
mod handlers_file;
mod literal;
mod package;
mod runtime;

use heck::ToUpperCamelCase;

use super::{EmitError, GeneratedFile, NameSource, Naming, header_comment};
use crate::model::Catalog;

const TARGET: &str = "python";

/// The built-in exceptions whose names end in `Error`, which a per-code exception class must not
/// shadow (`from ai_api_errors import *` would hide them). The package's own classes (`ApiError`
/// and the family classes of [`FAMILIES`]) are reserved too: see [`is_reserved_class_name`].
const RESERVED_CLASS_NAMES: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "EnvironmentError",
    "EOFError",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "ImportError",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IOError",
    "IsADirectoryError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotADirectoryError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "RuntimeError",
    "SyntaxError",
    "SystemError",
    "TabError",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "ValueError",
    "ZeroDivisionError",
];

/// Identifier conversions of the Python target.
pub const NAMINGS: &[Naming] = &[
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "`ErrorCode` member",
        convert: member_name,
        // Codes are uppercase words, so never a keyword (those have lowercase letters) nor an
        // `_sunder_` or `__dunder__` name Enum reserves.
        reserved: &[],
    },
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "exception class",
        convert: class_name,
        reserved: RESERVED_CLASS_NAMES,
    },
    Naming {
        target: TARGET,
        source: NameSource::Category,
        what: "`Category` member",
        convert: member_name,
        reserved: &[],
    },
    Naming {
        target: TARGET,
        source: NameSource::Package,
        what: "import package",
        convert: package_name,
        reserved: KEYWORDS,
    },
];

/// The enum member name of a code (`MISSING_API_KEY`, as it is) or a category
/// (`rate_limit` → `RATE_LIMIT`): validation makes both words of ASCII letters and digits
/// joined by `_`, so uppercasing is all it takes and the member reads like the wire string.
pub fn member_name(name: &str) -> String {
    name.to_ascii_uppercase()
}

/// The exception class of a code: `<UpperCamel>Error` (`QUOTA_EXCEEDED` → `QuotaExceededError`,
/// `INTERNAL_ERROR` → `InternalErrorError`), or `<UpperCamel>CodeError` when that would be a
/// family class or a built-in exception (`NOT_FOUND` → `NotFoundCodeError`, `UNICODE` →
/// `UnicodeCodeError`), so that every code keeps a class of its own. Two codes that still meet
/// (`NOT_FOUND` and `NOT_FOUND_CODE`) are a validation error.
pub fn class_name(code: &str) -> String {
    let camel = code.to_upper_camel_case();
    let name = format!("{camel}Error");
    if is_reserved_class_name(&name) {
        format!("{camel}CodeError")
    } else {
        name
    }
}

/// A class name a code's class must not take: `ApiError`, a family class or a built-in
/// exception.
fn is_reserved_class_name(name: &str) -> bool {
    name == "ApiError"
        || FAMILIES.iter().any(|(_, family)| *family == name)
        || RESERVED_CLASS_NAMES.contains(&name)
}

/// The import name of the package (`ai-api-errors` → `ai_api_errors`).
pub fn import_name(catalog: &Catalog) -> String {
    package_name(&catalog.name)
}

/// The import name of a package name (`ai-api-errors` → `ai_api_errors`).
pub fn package_name(name: &str) -> String {
    name.replace('-', "_")
}

pub(crate) use super::families::{FAMILIES, family_of};

/// Generates the package: `python/pyproject.toml`, `python/README.md`,
/// `python/src/<package>/*.py`, `py.typed` and `python/examples/handle_errors.py`.
pub fn generate(catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let ctx = Ctx::new(catalog)?;
    let src = format!("python/src/{}", ctx.package);
    let mut files = vec![
        ctx.file("python/pyproject.toml", package::pyproject(&ctx)),
        ctx.markdown("python/README.md", package::readme(&ctx)),
        ctx.file(&format!("{src}/py.typed"), String::new()),
        ctx.file(&format!("{src}/__init__.py"), package::init(&ctx)),
        ctx.file(&format!("{src}/codes.py"), codes_file::generate(&ctx)),
        ctx.file(&format!("{src}/errors.py"), errors_file::generate(&ctx)),
        ctx.file(&format!("{src}/handlers.py"), handlers_file::module(&ctx)),
        ctx.file(&format!("{src}/response.py"), runtime::response(&ctx)),
        ctx.file(&format!("{src}/retry.py"), runtime::retry(&ctx)),
        ctx.file(
            "python/examples/handle_errors.py",
            handlers_file::example(&ctx),
        ),
    ];
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
    /// The index of the code the README and `errors.py`'s docstring show: the first with a
    /// family class other than `RateLimitError` (which the README's example catches before
    /// it), else the first that is not a `RateLimitError`, else the first.
    example: usize,
}

impl<'a> Ctx<'a> {
    fn new(catalog: &'a Catalog) -> Result<Self, EmitError> {
        if catalog.codes.is_empty() {
            return Err(error(
                "the catalog has no codes; an Enum needs at least one",
            ));
        }
        for code in &catalog.codes {
            if catalog.categories.get(code.category).is_none() {
                return Err(error(format!("code `{}` names no category", code.code)));
            }
        }
        let ctx = Self {
            catalog,
            package: import_name(catalog),
            members: catalog.codes.iter().map(|c| member_name(&c.code)).collect(),
            classes: catalog.codes.iter().map(|c| class_name(&c.code)).collect(),
            categories: catalog
                .categories
                .iter()
                .map(|c| member_name(&c.id))
                .collect(),
            example: example_code(catalog),
        };
        for name in ctx
            .members
            .iter()
            .chain(&ctx.classes)
            .chain(&ctx.categories)
            .chain(std::iter::once(&ctx.package))
        {
            if !is_identifier(name) {
                return Err(error(format!("`{name}` is not a Python identifier")));
            }
        }
        Ok(ctx)
    }

    /// A `.py` or `.toml` file: the header as `#` comments, then the body.
    fn file(&self, path: &str, body: String) -> GeneratedFile {
        GeneratedFile {
            path: path.to_owned(),
            contents: format!("{}{body}", header_comment(self.catalog, "#")),
        }
    }

    /// A Markdown file: the header as an HTML comment.
    fn markdown(&self, path: &str, body: String) -> GeneratedFile {
        let [first, second] = super::header_lines(self.catalog);
        GeneratedFile {
            path: path.to_owned(),
            contents: format!("<!--\n{first}\n{second}\n-->\n\n{body}"),
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

/// See [`Ctx::example`].
fn example_code(catalog: &Catalog) -> usize {
    let family = |index: usize| family_of(catalog.codes[index].status);
    let indices = 0..catalog.codes.len();
    indices
        .clone()
        .find(|&i| !["ApiError", "RateLimitError"].contains(&family(i)))
        .or_else(|| indices.clone().find(|&i| family(i) != "RateLimitError"))
        .unwrap_or(0)
}

fn error(message: impl Into<String>) -> EmitError {
    EmitError {
        target: TARGET,
        message: message.into(),
    }
}

/// An ASCII Python identifier (all the generator produces).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// Python's keywords: no generated identifier may be one.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

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

/// `"retryable"` or `"not retryable"`.
fn retryable_words(retryable: bool) -> &'static str {
    if retryable {
        "retryable"
    } else {
        "not retryable"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::rust::sample;
    use heck::ToShoutySnakeCase;

    #[test]
    fn class_and_member_names() {
        assert_eq!(class_name("QUOTA_EXCEEDED"), "QuotaExceededError");
        assert_eq!(class_name("HTTP2_ERROR"), "Http2ErrorError");
        assert_eq!(class_name("RATE_LIMIT"), "RateLimitCodeError");
        assert_eq!(class_name("NOT_FOUND"), "NotFoundCodeError");
        assert_eq!(class_name("API"), "ApiCodeError");
        assert_eq!(class_name("TIMEOUT"), "TimeoutCodeError");
        assert_eq!(member_name("MISSING_API_KEY"), "MISSING_API_KEY");
        assert_eq!(member_name("rate_limit"), "RATE_LIMIT");
        assert_eq!(member_name("A2"), "A2");
        assert_eq!(member_name("A2B_3C"), "A2B_3C");
        assert_eq!(member_name("HTTP2_ERROR"), "HTTP2_ERROR");
    }

    #[test]
    fn code_classes_never_take_a_family_or_builtin_name() {
        let naming = NAMINGS
            .iter()
            .find(|n| n.what == "exception class")
            .unwrap();
        assert!(is_reserved_class_name("ApiError"));
        assert!(is_reserved_class_name("ValueError"));
        assert!(!is_reserved_class_name("QuotaExceededError"));
        // Every family class is reserved, and the code named after it gets a class of its own.
        for (_, family) in FAMILIES {
            assert!(is_reserved_class_name(family), "{family}");
            let code = family.trim_end_matches("Error").to_shouty_snake_case();
            let name = (naming.convert)(&code);
            assert_ne!(&name, family, "{code}");
            assert_eq!(name, format!("{}CodeError", code.to_upper_camel_case()));
        }
        for code in [
            "RATE_LIMIT",
            "SERVER",
            "API",
            "NOT_FOUND",
            "TIMEOUT",
            "CONNECTION",
        ] {
            let name = (naming.convert)(code);
            assert!(!is_reserved_class_name(&name), "{code} → {name}");
            assert!(!naming.reserved.contains(&name.as_str()), "{code} → {name}");
            assert!(name.ends_with("CodeError"), "{code} → {name}");
        }
        assert_eq!(
            (naming.convert)("NOT_FOUND_CODE"),
            (naming.convert)("NOT_FOUND")
        );
    }

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
    fn identifiers() {
        assert!(is_identifier("ai_api_errors"));
        assert!(is_identifier("A2"));
        assert!(!is_identifier("2A"));
        assert!(!is_identifier("None"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier(""));
    }

    #[test]
    fn generates_every_file_with_header_and_one_trailing_newline() {
        let catalog = sample::catalog();
        let files = generate(&catalog).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "python/README.md",
                "python/examples/handle_errors.py",
                "python/pyproject.toml",
                "python/src/sample_errors/__init__.py",
                "python/src/sample_errors/codes.py",
                "python/src/sample_errors/errors.py",
                "python/src/sample_errors/handlers.py",
                "python/src/sample_errors/py.typed",
                "python/src/sample_errors/response.py",
                "python/src/sample_errors/retry.py",
            ]
        );
        for file in &files {
            let head: String = file.contents.lines().take(3).collect::<Vec<_>>().join("\n");
            assert!(
                head.contains("@generated by `cargo xtask gen`"),
                "{}",
                file.path
            );
            assert!(
                file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"),
                "{}",
                file.path
            );
            assert!(!file.contents.contains('\r'), "{}", file.path);
            assert!(!file.contents.contains("\n\n\n\n"), "{}", file.path);
            assert!(
                !file.contents.lines().any(|l| l.ends_with(' ')),
                "{} has trailing spaces",
                file.path
            );
        }
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
        let errors = find("/errors.py");
        let init = find("/__init__.py");
        let example = find("handle_errors.py");
        assert!(codes.contains("    MISSING_API_KEY = \"MISSING_API_KEY\"\n"));
        assert!(codes.contains("    RATE_LIMIT = \"rate_limit\"\n"));
        assert!(errors.contains("class MissingApiKeyError(AuthenticationError):\n"));
        assert!(errors.contains("class Http2ErrorError(ServerError):\n"));
        assert!(errors.contains("class InvalidTemperatureError(BadRequestError):\n"));
        assert!(errors.contains("class RateLimitExceededError(RateLimitError):\n"));
        // The sample's SERVICE_UNAVAILABLE overrides its status's retryability.
        assert!(codes.contains(
            "            code=ErrorCode.SERVICE_UNAVAILABLE,\n            status=503,\n"
        ));
        assert!(codes.contains("            field=\"temperature\",\n"));
        for (member, class) in [
            ("MISSING_API_KEY", "MissingApiKeyError"),
            ("HTTP2_ERROR", "Http2ErrorError"),
        ] {
            assert!(init.contains(&format!("    \"{class}\",\n")), "{class}");
            assert!(example.contains(&format!("        case ErrorCode.{member}:\n")));
        }
        assert!(example.contains("            assert_never(code)\n"));
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
        assert_eq!(example_code(&catalog), 2);
        let class = class_name(&catalog.codes[2].code);
        let text = readme(&catalog);
        let rate = text.find("except RateLimitError").unwrap();
        assert!(rate < text.find(&format!("except {class} ")).unwrap());
        // Only 429 and familyless codes: a familyless one is shown.
        for code in &mut catalog.codes {
            code.status = 429;
        }
        catalog.codes[1].status = 418;
        assert_eq!(example_code(&catalog), 1);
        // Only 429 codes: the code's class is caught before RateLimitError.
        catalog.codes[1].status = 429;
        assert_eq!(example_code(&catalog), 0);
        let class = class_name(&catalog.codes[0].code);
        let text = readme(&catalog);
        let rate = text.find("except RateLimitError").unwrap();
        assert!(text.find(&format!("except {class} ")).unwrap() < rate);
    }

    #[test]
    fn generation_is_deterministic() {
        let catalog = sample::catalog();
        assert_eq!(generate(&catalog).unwrap(), generate(&catalog).unwrap());
    }

    #[test]
    fn rejects_what_it_cannot_name() {
        let mut catalog = sample::catalog();
        catalog.codes.clear();
        assert!(generate(&catalog).is_err());
    }
}
