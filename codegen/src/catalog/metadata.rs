//! The optional publishing keys of `[catalog]`: `license`, `repository`, `homepage`, `authors`
//! and `keywords`, checked so that every registry (crates.io, npm, PyPI) accepts them as they
//! are.

use toml::Spanned;

use super::raw::RawCatalogInfo;
use super::validate::{TextKind, text};
use crate::diagnostics::Diagnostic;
use crate::model::{Author, PackageMetadata};

/// crates.io's limits, the strictest of the registries: at most 5 keywords of at most 20
/// characters.
const MAX_KEYWORDS: usize = 5;
const MAX_KEYWORD_LEN: usize = 20;

/// Checks the publishing keys; `None` when one of them is wrong (each problem is reported).
pub(super) fn package_metadata(
    raw: &RawCatalogInfo,
    diags: &mut Vec<Diagnostic>,
) -> Option<PackageMetadata> {
    let before = diags.len();
    let license = raw.license.as_ref().and_then(|l| license(l, diags));
    let repository = raw
        .repository
        .as_ref()
        .and_then(|url| http_url(url, "repository", diags));
    let homepage = raw
        .homepage
        .as_ref()
        .and_then(|url| http_url(url, "homepage", diags));
    let authors = raw
        .authors
        .as_ref()
        .map(|list| {
            list.get_ref()
                .iter()
                .filter_map(|a| author(a, diags))
                .collect()
        })
        .unwrap_or_default();
    let keywords = raw
        .keywords
        .as_ref()
        .map(|list| keywords(list, diags))
        .unwrap_or_default();
    (diags.len() == before).then_some(PackageMetadata {
        license,
        repository,
        homepage,
        authors,
        keywords,
    })
}

/// An SPDX license expression of license identifiers of the SPDX list (or `LicenseRef-…`),
/// joined by `AND`, `OR` and `WITH`, as crates.io, npm and PyPI (PEP 639) accept it.
fn license(value: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let s = value.get_ref();
    let help = "write an SPDX license expression such as `MIT`, `Apache-2.0` or \
                `MIT OR Apache-2.0` (identifiers: https://spdx.org/licenses/)";
    // Deprecated identifiers parse, to be reported with a better hint below.
    let mode = spdx::ParseMode {
        allow_deprecated: true,
        ..spdx::ParseMode::STRICT
    };
    if let Some(operator) = s
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .find(|w| {
            ["and", "or", "with"]
                .iter()
                .any(|o| w.eq_ignore_ascii_case(o))
                && *w != w.to_ascii_uppercase()
        })
    {
        diags.push(
            Diagnostic::error(
                format!("license `{s}` writes the operator `{operator}` in lowercase"),
                value.span(),
            )
            .label("not a valid SPDX license expression")
            .note("npm and PyPI accept only `AND`, `OR` and `WITH` in capitals")
            .help(format!("write `{}`", operator.to_ascii_uppercase())),
        );
        return None;
    }
    match spdx::Expression::parse_mode(s, mode) {
        Ok(expression) => {
            let deprecated: Vec<&str> = expression
                .requirements()
                .filter_map(|r| match &r.req.license {
                    spdx::LicenseItem::Spdx { id, .. } if id.is_deprecated() => Some(id.name),
                    _ => None,
                })
                .collect();
            if let Some(id) = deprecated.first() {
                diags.push(
                    Diagnostic::error(
                        format!("license `{s}` uses the deprecated SPDX identifier `{id}`"),
                        value.span(),
                    )
                    .label("deprecated identifier")
                    .note("PyPI (PEP 639) rejects deprecated identifiers")
                    .help("use its current identifier (`GPL-2.0` became `GPL-2.0-only` or `GPL-2.0-or-later`)"),
                );
                return None;
            }
            Some(s.clone())
        }
        Err(error) => {
            diags.push(
                Diagnostic::error(
                    format!("license `{s}` is not a valid SPDX license expression"),
                    value.span(),
                )
                .label(error.reason.to_string())
                .note("crates.io, npm and PyPI all need an SPDX expression")
                .help(help),
            );
            None
        }
    }
}

/// An absolute `http` or `https` URL with a host.
fn http_url(value: &Spanned<String>, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let s = value.get_ref();
    let problem = match fluent_uri::Uri::parse(s.as_str()) {
        Err(error) => Some(error.to_string()),
        Ok(uri) => {
            let scheme = uri.scheme().as_str();
            if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
                Some(format!("the scheme is `{scheme}`, not http or https"))
            } else if uri.authority().is_none_or(|a| a.host().is_empty()) {
                Some("it has no host".to_owned())
            } else {
                None
            }
        }
    };
    match problem {
        None => Some(s.clone()),
        Some(problem) => {
            diags.push(
                Diagnostic::error(
                    format!("`{key}` of `[catalog]` is not an http(s) URL: {problem}"),
                    value.span(),
                )
                .label("expected an http(s) URL")
                .help(format!(
                    "write a full URL, like `{key} = \"https://github.com/you/errors\"`"
                )),
            );
            None
        }
    }
}

/// `Name` or `Name <email>`.
fn author(value: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<Author> {
    let s = text(value, "an author of `[catalog]`", TextKind::Line, diags)?;
    let (name, email) = match s.split_once('<') {
        None => (s.as_str(), None),
        Some((name, rest)) => (name.trim_end(), Some(rest)),
    };
    let email = match email {
        None => None,
        Some(rest) => match rest.strip_suffix('>') {
            Some(email) if is_email(email) => Some(email.to_owned()),
            _ => {
                return bad_author(value, "the e-mail address is not `<local@domain>`", diags);
            }
        },
    };
    if name.is_empty() {
        return bad_author(value, "the name is missing", diags);
    }
    if name.contains(['<', '>', ',', '"', '\\']) {
        return bad_author(
            value,
            "the name holds `<`, `>`, `,`, `\"` or `\\`, which an e-mail header (PyPI's \
             `Author-email`) cannot carry unquoted",
            diags,
        );
    }
    Some(Author {
        name: name.to_owned(),
        email,
    })
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s[local.len() + 1..].contains('@')
                && s.chars()
                    .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | ',' | '\\'))
        }
        None => false,
    }
}

fn bad_author(
    value: &Spanned<String>,
    problem: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Author> {
    diags.push(
        Diagnostic::error(
            format!("author `{}` is not valid: {problem}", value.get_ref()),
            value.span(),
        )
        .label("expected `Name` or `Name <email>`")
        .help("write it like `\"Jane Doe <jane@example.com>\"`"),
    );
    None
}

/// At most 5 distinct keywords, each at most 20 ASCII letters, digits, `_`, `-` or `+`, starting
/// with a letter or digit (crates.io's rule; npm and PyPI accept any such keyword).
fn keywords(list: &Spanned<Vec<Spanned<String>>>, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    if list.get_ref().len() > MAX_KEYWORDS {
        diags.push(
            Diagnostic::error(
                format!(
                    "`keywords` of `[catalog]` has {} keywords; crates.io accepts at most {MAX_KEYWORDS}",
                    list.get_ref().len()
                ),
                list.span(),
            )
            .label(format!("more than {MAX_KEYWORDS} keywords"))
            .help("keep the 5 that describe the packages best"),
        );
    }
    let mut out: Vec<String> = Vec::new();
    for keyword in list.get_ref() {
        let k = keyword.get_ref();
        let mut chars = k.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
            && k.len() <= MAX_KEYWORD_LEN;
        if !valid {
            diags.push(
                Diagnostic::error(format!("keyword `{k}` is not valid"), keyword.span())
                    .label("not a crates.io keyword")
                    .note(format!(
                        "crates.io accepts at most {MAX_KEYWORD_LEN} ASCII letters, digits, `_`, `-` or `+`, starting with a letter or digit"
                    ))
                    .help("write it like `http-errors`"),
            );
        } else if out.iter().any(|o| o.eq_ignore_ascii_case(k)) {
            diags.push(
                Diagnostic::error(format!("keyword `{k}` is listed twice"), keyword.span())
                    .label("listed before")
                    .help("remove this one"),
            );
        } else {
            out.push(k.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(s: &str) -> Spanned<String> {
        Spanned::new(0..s.len(), s.to_owned())
    }

    #[test]
    fn licenses_are_spdx_expressions_of_current_identifiers() {
        let mut diags = Vec::new();
        for ok in [
            "MIT",
            "MIT OR Apache-2.0",
            "Apache-2.0 WITH LLVM-exception",
            "LicenseRef-Proprietary",
        ] {
            assert_eq!(license(&spanned(ok), &mut diags).as_deref(), Some(ok));
        }
        assert!(diags.is_empty());
        for bad in [
            "MIT/Apache-2.0",
            "Mit",
            "UNLICENSED",
            "GPL-2.0",
            "MIT or Apache-2.0",
            "",
        ] {
            assert_eq!(license(&spanned(bad), &mut diags), None, "{bad}");
        }
        assert_eq!(diags.len(), 6);
    }

    #[test]
    fn urls_are_absolute_http_or_https_with_a_host() {
        let mut diags = Vec::new();
        for ok in ["https://github.com/you/errors", "http://example.com"] {
            assert!(http_url(&spanned(ok), "repository", &mut diags).is_some());
        }
        assert!(diags.is_empty());
        for bad in [
            "github.com/you/errors",
            "git@github.com:you/errors.git",
            "ftp://x.org",
            "https://",
            "https://a b",
        ] {
            assert!(
                http_url(&spanned(bad), "repository", &mut diags).is_none(),
                "{bad}"
            );
        }
        assert_eq!(diags.len(), 5);
    }

    #[test]
    fn authors_are_a_name_and_an_optional_email() {
        let mut diags = Vec::new();
        let jane = author(&spanned("Jane O'Neil <jane@example.com>"), &mut diags).unwrap();
        assert_eq!(jane.name, "Jane O'Neil");
        assert_eq!(jane.email.as_deref(), Some("jane@example.com"));
        assert_eq!(jane.to_string(), "Jane O'Neil <jane@example.com>");
        assert_eq!(author(&spanned("Team"), &mut diags).unwrap().email, None);
        assert!(diags.is_empty());
        for bad in [
            "<jane@example.com>",
            "Jane <jane>",
            "Jane <jane@example.com",
            "Ja\"ne",
        ] {
            assert!(author(&spanned(bad), &mut diags).is_none(), "{bad}");
        }
        assert_eq!(diags.len(), 4);
    }

    #[test]
    fn keywords_follow_crates_io() {
        let list = |items: &[&str]| Spanned::new(0..1, items.iter().map(|k| spanned(k)).collect());
        let mut diags = Vec::new();
        assert_eq!(
            keywords(&list(&["errors", "http-api", "c++"]), &mut diags),
            ["errors", "http-api", "c++"]
        );
        assert!(diags.is_empty());
        keywords(&list(&["a", "b", "c", "d", "e", "f"]), &mut diags);
        assert_eq!(diags.len(), 1);
        keywords(
            &list(&[
                "-x",
                "way-too-long-keyword-here",
                "two words",
                "Errors",
                "errors",
            ]),
            &mut diags,
        );
        assert_eq!(diags.len(), 5);
    }
}
