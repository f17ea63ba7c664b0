//! `pyproject.toml`, `README.md` and `__init__.py` of the package.

use super::literal::{docstring, docstring_text, string};
use super::static_modules::{self, BASE, RESPONSE, RETRY};
use super::{Ctx, codes_file, envelope_file, errors_file, handlers_file};
use crate::emit::EmitError;
use crate::emit::shared::markdown::heading;
use crate::emit::shared::toml_string;
use crate::rules::{BASE_CLASS, TOO_MANY_REQUESTS, family_of};

/// The oldest Python the package supports (the oldest still maintained upstream).
pub const REQUIRES_PYTHON: &str = ">=3.11";

/// The catalog's publishing keys as `[project]` keys (PEP 621, with PEP 639's license
/// expression), and `[project.urls]`. Without a license, PyPI's `Private :: Do Not Upload`
/// classifier makes the upload fail.
fn pyproject_metadata(ctx: &Ctx) -> (String, String, String) {
    let metadata = &ctx.catalog.metadata;
    let mut keys = String::new();
    if let Some(license) = &metadata.license {
        keys.push_str(&format!("license = {}\n", toml_string(license)));
    }
    if !metadata.authors.is_empty() {
        keys.push_str("authors = [\n");
        for author in &metadata.authors {
            let email = author
                .email
                .as_ref()
                .map(|e| format!(", email = {}", toml_string(e)))
                .unwrap_or_default();
            keys.push_str(&format!(
                "    {{ name = {}{email} }},\n",
                toml_string(&author.name)
            ));
        }
        keys.push_str("]\n");
    }
    if !metadata.keywords.is_empty() {
        let keywords: Vec<String> = metadata.keywords.iter().map(|k| toml_string(k)).collect();
        keys.push_str(&format!("keywords = [{}]\n", keywords.join(", ")));
    }
    let private = if metadata.is_publishable() {
        String::new()
    } else {
        "    \"Private :: Do Not Upload\",\n".to_owned()
    };
    let mut urls = String::new();
    for (name, url) in [
        ("Homepage", &metadata.homepage),
        ("Repository", &metadata.repository),
    ] {
        if let Some(url) = url {
            urls.push_str(&format!("{name} = {}\n", toml_string(url)));
        }
    }
    if !urls.is_empty() {
        urls = format!("\n[project.urls]\n{urls}");
    }
    (keys, private, urls)
}

/// The Python versions the classifiers name: from [`REQUIRES_PYTHON`] to the newest the package
/// was run on (`cargo xtask test` runs 3.11; the package uses nothing newer than 3.11 and
/// nothing removed since, and its tests passed on 3.12 and 3.13 when this list was written).
pub const PYTHON_VERSIONS: &[&str] = &["3.11", "3.12", "3.13"];

/// The trove classifiers of `pyproject.toml`, one a line as a TOML array's items.
fn classifiers() -> String {
    let mut lines = vec![
        "Intended Audience :: Developers".to_owned(),
        "Operating System :: OS Independent".to_owned(),
        "Programming Language :: Python :: 3".to_owned(),
        "Programming Language :: Python :: 3 :: Only".to_owned(),
    ];
    lines.extend(
        PYTHON_VERSIONS
            .iter()
            .map(|v| format!("Programming Language :: Python :: {v}")),
    );
    lines.push("Topic :: Internet :: WWW/HTTP".to_owned());
    lines.push("Typing :: Typed".to_owned());
    lines
        .iter()
        .map(|line| format!("    {},\n", toml_string(line)))
        .collect()
}

pub(super) fn pyproject(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let (metadata, private, urls) = pyproject_metadata(ctx);
    format!(
        "\n[build-system]\n\
         requires = [\"flit_core>=3.12,<4\"]\n\
         build-backend = \"flit_core.buildapi\"\n\
         \n\
         [project]\n\
         name = {name}\n\
         version = {version}\n\
         description = {description}\n\
         readme = \"README.md\"\n\
         requires-python = \"{REQUIRES_PYTHON}\"\n\
         dependencies = []\n\
         {metadata}\
         classifiers = [\n{private}{classifiers}]\n\
         {urls}\
         \n\
         [tool.flit.module]\n\
         name = {module}\n\
         \n\
         # The README's example, in the source distribution beside the package.\n\
         [tool.flit.sdist]\n\
         include = [\"examples/\"]\n",
        classifiers = classifiers(),
        name = toml_string(&catalog.name),
        version = toml_string(&catalog.version),
        description = toml_string(&catalog.summary()),
        module = toml_string(&ctx.package),
    )
}

pub(super) fn readme(ctx: &Ctx) -> String {
    let catalog = ctx.catalog;
    let package = &ctx.package;
    let member = &ctx.members[ctx.example];
    let class = &ctx.classes[ctx.example];
    let rate_limited = "except RateLimitError as error:\n    \
                        print(\"still rate limited, retry after\", error.retry_after)\n";
    let by_code = format!(
        "except {class} as error:\n    \
         assert error.code is ErrorCode.{member}\n"
    );
    // A code's class below RateLimitError (only when every code has status 429) is caught
    // first, or its `except` would be unreachable.
    let excepts = if family_of(catalog.codes[ctx.example].status) == family_of(TOO_MANY_REQUESTS) {
        format!("{by_code}{rate_limited}")
    } else {
        format!("{rate_limited}{by_code}")
    };
    format!(
        "# {title} for Python\n\
         \n\
         Typed errors of the API for Python {python} and newer, with no dependencies: `ErrorCode`\n\
         (a `StrEnum` of every code and its metadata), an exception per status family and per\n\
         code, `error_from_response` / `raise_for_error` for `requests` and `httpx` responses\n\
         (streaming ones and response hooks too) and their `_async` variants for `aiohttp` and\n\
         httpx's `AsyncClient`, `with_retry` / `with_retry_async`, and typed per-code handlers.\n\
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
         raise_for_error(response)  # raises the right APIError subclass on a 4xx or 5xx\n    \
         return response\n\
         \n\
         \n\
         try:\n    \
         response = with_retry(call, max_attempts=4)  # retries what the catalog marks retryable\n\
         {excepts}\
         ```\n\
         \n\
         `handle_error(error, handlers)` calls one handler per code: give it an `ErrorHandlers` dict\n\
         with every code and `unknown` (`mypy --strict` reports it when a code is left unhandled),\n\
         or an `ErrorHandlersWithDefault` dict with some codes and a `default`.\n\
         \n\
         ## What the distributions hold\n\
         \n\
         The wheel holds the package `{package}`: its modules, the type stubs beside them that\n\
         declare the class of each code and the handler keys (the classes are made when first\n\
         used, which keeps `import` fast for thousands of codes), and `py.typed`, for type\n\
         checkers. The source distribution holds the same, `pyproject.toml`, this `README.md` and\n\
         `examples/handle_errors.py`, a starting point to copy that handles a few codes and a\n\
         default.\n",
        title = heading(&catalog.title),
        python = REQUIRES_PYTHON.trim_start_matches(">="),
    )
}

/// The package docstring, the same in `__init__.py` and its stub.
fn init_doc(ctx: &Ctx) -> String {
    docstring(
        &format!(
            "{}: typed errors for Python.\n\n{}\n\n\
             Everything public is importable from here: :class:`ErrorCode` and its metadata,\n\
             :class:`APIError` and its subclasses, :func:`error_from_response`,\n\
             :func:`raise_for_error`, :func:`with_retry`, :func:`with_retry_async` and\n\
             :func:`handle_error`.",
            ctx.title(),
            docstring_text(&ctx.catalog.description)
        ),
        0,
    )
}

/// When `__init__.py` imports a module it re-exports from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Import {
    /// With the package.
    AtOnce,
    /// When one of its names is first asked for: the module imports `typing`, which would
    /// cost more than the rest of the package.
    OnFirstUse,
}

/// A module `__init__.py` re-exports from.
struct Reexport {
    module: &'static str,
    /// The names it takes from the module (the class of each code aside: see [`errors_file`]).
    names: Vec<&'static str>,
    import: Import,
}

/// The modules `__init__.py` re-exports from.
fn reexports() -> Result<Vec<Reexport>, EmitError> {
    let reexport = |module, names, import| Reexport {
        module,
        names,
        import,
    };
    Ok(vec![
        reexport("codes", codes_file::EXPORTS.to_vec(), Import::AtOnce),
        reexport(
            "envelope",
            envelope_file::EXPORTS.to_vec(),
            Import::OnFirstUse,
        ),
        reexport("errors", errors_file::exports()?, Import::AtOnce),
        reexport(
            "handlers",
            handlers_file::EXPORTS.to_vec(),
            Import::OnFirstUse,
        ),
        reexport(
            RESPONSE.name,
            static_modules::exports(&RESPONSE)?,
            Import::AtOnce,
        ),
        reexport(RETRY.name, static_modules::exports(&RETRY)?, Import::AtOnce),
    ])
}

/// The version line and its docstring.
fn version(ctx: &Ctx, stub: bool) -> String {
    let value = if stub {
        ": str".to_owned()
    } else {
        format!(" = {}", string(&ctx.catalog.version))
    };
    format!(
        "__version__{value}\n\"\"\"The version of the catalog this package was generated from.\"\"\"\n"
    )
}

pub(super) fn init(ctx: &Ctx) -> Result<String, EmitError> {
    let mut out = init_doc(ctx);
    let modules = reexports()?;
    out.push('\n');
    // `as` marks each name re-exported (`__all__` is made on demand).
    for reexport in modules.iter().filter(|m| m.import == Import::AtOnce) {
        out.push_str(&format!("from .{} import (\n", reexport.module));
        for name in &reexport.names {
            out.push_str(&format!("    {name} as {name},\n"));
        }
        out.push_str(")\n");
    }
    // The former name of `APIError`, importable but not in `__all__` (one name per class in
    // `import *` and in docs); `as` marks it re-exported for mypy.
    out.push_str(&format!(
        "from .{} import {BASE_CLASS} as {BASE_CLASS}\n",
        BASE.name
    ));
    out.push_str("from .errors import _by_name, _class_named\n\n");
    out.push_str(&version(ctx, false));
    out.push_str("\n_EXPORTS = [\n    \"__version__\",\n");
    for reexport in &modules {
        for name in &reexport.names {
            out.push_str(&format!("    \"{name}\",\n"));
        }
    }
    out.push_str("]\n\n_ON_FIRST_USE = {\n");
    for reexport in modules.iter().filter(|m| m.import == Import::OnFirstUse) {
        for name in &reexport.names {
            out.push_str(&format!("    \"{name}\": \"{}\",\n", reexport.module));
        }
    }
    out.push_str(
        "}\n\"\"\"The names whose module is imported when one of them is first asked for: those\n\
         modules import `typing`, which would cost more than the rest of the package.\"\"\"\n",
    );
    out.push_str(&super::lazy_classes(
        "A name of ``_ON_FIRST_USE``, from its module, imported then.\n    ",
        ON_FIRST_USE,
    ));
    Ok(out)
}

/// The start of `__init__.py`'s module `__getattr__`: a name of `_ON_FIRST_USE`, from its module.
const ON_FIRST_USE: &str = r#"    module = _ON_FIRST_USE.get(name)
    if module is not None:
        from importlib import import_module

        value = getattr(import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
"#;

/// `__init__.pyi`: what the package exports, for type checkers: the classes of the codes come
/// from `errors.pyi` by `*` (in a stub, that re-exports them).
pub(super) fn init_stub(ctx: &Ctx) -> Result<String, EmitError> {
    let mut out = init_doc(ctx);
    out.push('\n');
    for Reexport { module, names, .. } in &reexports()? {
        out.push_str(&format!("from .{module} import (\n"));
        for name in names {
            out.push_str(&format!("    {name} as {name},\n"));
        }
        out.push_str(")\n");
        if *module == "errors" {
            out.push_str("from .errors import *  # noqa: F403\n");
        }
    }
    out.push_str(&format!(
        "from .{} import {BASE_CLASS} as {BASE_CLASS}\n\n",
        BASE.name
    ));
    out.push_str(&version(ctx, true));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_escaped_for_markdown() {
        assert_eq!(
            heading("Escaping \"errors\" \\ <b>bold</b> | pipes"),
            "Escaping \"errors\" \\\\ \\<b\\>bold\\</b\\> \\| pipes"
        );
    }
}
