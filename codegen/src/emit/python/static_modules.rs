//! The modules that are the same for every catalog: real Python files under
//! `codegen/static/python/`, copied verbatim after the generated-file header. They import the
//! catalog's data from the generated `codes.py` (and `_base.py` reads the classes of the codes
//! from `errors.py` when it first needs them). Each one's `__all__` is what `__init__.py`
//! re-exports from it, read from the file itself by [`exports`].

use super::error;
use crate::emit::{EmitError, StaticFile, static_file};

/// A static module of the package.
pub(super) struct StaticModule {
    /// Its module name (`retry` for `retry.py`).
    pub name: &'static str,
    /// Its file under `codegen/static/`, copied as it is.
    pub file: StaticFile,
}

impl StaticModule {
    /// Its contents.
    pub fn contents(&self) -> &'static str {
        self.file.contents
    }
}

/// `_base.py`: `APIError`, `ErrorDetails`, the family classes of [`crate::rules::FAMILIES`] and
/// the functions that pick an error's class and default retryability. `errors.py` re-exports it.
pub(super) const BASE: StaticModule = StaticModule {
    name: "_base",
    file: static_file!("python/_base.py"),
};

/// `response.py`: turning a response into the right exception.
pub(super) const RESPONSE: StaticModule = StaticModule {
    name: "response",
    file: static_file!("python/response.py"),
};

/// `retry.py`: `with_retry` and `with_retry_async`.
pub(super) const RETRY: StaticModule = StaticModule {
    name: "retry",
    file: static_file!("python/retry.py"),
};

/// `_runtime.py`: the stand-ins for `typing.NamedTuple`, `TypedDict` and `Protocol` that the
/// other modules use at run time, so that importing the package does not import `typing`.
/// Nothing re-exports it.
pub(super) const RUNTIME: StaticModule = StaticModule {
    name: "_runtime",
    file: static_file!("python/_runtime.py"),
};

/// The names of a module's `__all__`, one a line as ruff formats it, in order.
pub(super) fn exports(module: &StaticModule) -> Result<Vec<&'static str>, EmitError> {
    let source = module.contents();
    let missing = || error(format!("`{}.py` has no `__all__ = [` list", module.name));
    let start = source.find("\n__all__ = [\n").ok_or_else(missing)? + "\n__all__ = [\n".len();
    let end = start + source[start..].find("\n]\n").ok_or_else(missing)?;
    source[start..end]
        .lines()
        .map(|line| {
            line.trim()
                .strip_prefix('"')
                .and_then(|l| l.strip_suffix("\","))
                .ok_or_else(|| error(format!("`{}.py`: `__all__` line {line:?}", module.name)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::python::PYTHON_BASE_CLASS;
    use crate::rules::{
        ERROR_STATUSES, FAMILIES, SERVER_ERROR_CLASS, SERVER_ERROR_STATUSES, TOO_MANY_REQUESTS,
        summary,
    };

    #[test]
    fn every_static_module_exports_a_list_of_names() {
        for module in &[BASE, RESPONSE, RETRY] {
            let names = exports(module).unwrap();
            assert!(!names.is_empty(), "{}", module.name);
            for name in &names {
                assert!(
                    module.contents().contains(&format!("\nclass {name}"))
                        || module.contents().contains(&format!("\ndef {name}("))
                        || module.contents().contains(&format!("\nasync def {name}(")),
                    "{}.py exports {name} but does not define it",
                    module.name
                );
            }
        }
    }

    /// `(class, default_status, docstring)` of every direct subclass of `APIError` in
    /// `_base.py`, in file order.
    fn family_classes() -> Vec<(String, u16, String)> {
        let lines: Vec<&str> = BASE.contents().lines().collect();
        let mut found = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let Some(name) = line
                .strip_prefix("class ")
                .and_then(|l| l.strip_suffix(&format!("({PYTHON_BASE_CLASS}):")))
            else {
                continue;
            };
            let doc = lines[i + 1].trim().trim_matches('"').to_owned();
            let status = lines[i + 3]
                .trim()
                .strip_prefix("default_status: ClassVar[int] = ")
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("{name}: no default_status"));
            found.push((name.to_owned(), status, doc));
        }
        found
    }

    #[test]
    fn the_family_classes_are_those_of_the_rules() {
        let found = family_classes();
        let expected: Vec<(String, u16, String)> = FAMILIES
            .iter()
            .map(|(status, name)| {
                let doc = summary(name).unwrap().to_owned();
                ((*name).to_owned(), *status, doc)
            })
            .collect();
        assert_eq!(found, expected);
        // `_FAMILIES` maps every family's status to it, except the 5xx one, which
        // `family_class` returns for the whole range.
        let base = BASE.contents();
        let start = base
            .find("_FAMILIES: dict[int, type[APIError]] = {")
            .unwrap();
        let table = &base[start..start + base[start..].find("\n}\n").unwrap()];
        for (_, name) in FAMILIES {
            assert_eq!(
                table.contains(&format!("        {name},\n")),
                *name != SERVER_ERROR_CLASS,
                "{name}"
            );
        }
    }

    #[test]
    fn the_status_rules_are_those_of_the_rules() {
        let (low, high) = (SERVER_ERROR_STATUSES.start(), SERVER_ERROR_STATUSES.end());
        let base = BASE.contents();
        assert!(base.contains(&format!(
            "    if {low} <= status <= {high}:\n        return {SERVER_ERROR_CLASS}\n"
        )));
        assert!(base.contains(&format!(
            "    return status == {TOO_MANY_REQUESTS} or {low} <= status <= {high}\n"
        )));
        let (low, high) = (ERROR_STATUSES.start(), ERROR_STATUSES.end());
        assert!(base.contains(&format!(
            "def _is_error_status(status: int) -> bool:\n    return {low} <= status <= {high}\n"
        )));
        assert_eq!(base.matches(" <= status <= ").count(), 3);
    }
}
