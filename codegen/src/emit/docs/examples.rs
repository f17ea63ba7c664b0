//! The handling and retry examples of the reference: complete snippets (imports included) that
//! use the generated TypeScript package and Python package, with codes taken from the catalog.
//! Each is self-contained so that it can be extracted from the page and type-checked against the
//! packages (`tsc --strict`, `mypy --strict`).

use crate::emit::shared::examples::Examples;
use crate::model::Catalog;
use crate::names::python::{
    PYTHON_BASE_CLASS, class_name as python_code_class, package_name as python_package,
    python_class,
};
use crate::rules::family_of;

/// One example of the reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable name (`typescript-handling`), also the anchor of its block in the page.
    pub name: &'static str,
    /// Fence language: `ts` or `python`.
    pub language: &'static str,
    /// The snippet, ending with one newline.
    pub code: String,
}

/// Every example, in the order the page shows them.
pub fn all(catalog: &Catalog) -> Vec<Example> {
    let picks = Examples::of(catalog);
    vec![
        Example {
            name: "typescript-handling",
            language: "ts",
            code: typescript_handling(catalog, &picks),
        },
        Example {
            name: "python-handling",
            language: "python",
            code: python_handling(catalog, &picks),
        },
        Example {
            name: "typescript-retry",
            language: "ts",
            code: typescript_retry(catalog),
        },
        Example {
            name: "python-retry",
            language: "python",
            code: python_retry(catalog),
        },
    ]
}

/// The request function both TypeScript examples start from.
fn typescript_request(catalog: &Catalog) -> String {
    format!(
        r#"// Calls the API; a response that is not 2xx becomes a typed error from {package}.
async function generate(prompt: string): Promise<unknown> {{
  const response = await fetch("https://api.example.com/v1/generate", {{
    method: "POST",
    headers: {{ "Content-Type": "application/json" }},
    body: JSON.stringify({{ prompt }}),
  }});
  if (!response.ok) {{
    throw await errorFromResponse(response);
  }}
  return response.json();
}}
"#,
        package = catalog.name,
    )
}

fn typescript_handling(catalog: &Catalog, picks: &Examples) -> String {
    let mut imports = vec!["errorFromResponse", "isApiError"];
    let family = picks.family_status.map(family_of);
    if let Some(family) = family {
        imports.push(family);
    }
    imports.sort_unstable();
    let mut cases = String::new();
    if let Some(code) = picks.field {
        cases.push_str(&format!(
            r#"      case "{code}":
        // The error names the request field to fix.
        console.error(`Fix ${{error.details?.field ?? "the request"}}: ${{error.message}}`);
        return;
"#,
            code = code.wire
        ));
    }
    if let Some(code) = picks.retryable.filter(|c| Some(c) != picks.field.as_ref()) {
        cases.push_str(&format!(
            r#"      case "{code}":
        // Retryable: wait as long as the server asks, if it says.
        console.error(`Retry in ${{error.retryAfterMs ?? 1000}} ms: ${{error.message}}`);
        return;
"#,
            code = code.wire
        ));
    }
    let family_branch = match family {
        Some(family) => format!(
            r#"    if (error instanceof {family}) {{
      // Every code of status {status} lands here too, including codes added later.
      console.error(`{family} ${{error.rawCode ?? "(no code)"}}: ${{error.message}}`);
      return;
    }}
"#,
            status = picks.family_status.unwrap_or_default()
        ),
        None => String::new(),
    };
    let switch = if cases.is_empty() {
        String::new()
    } else {
        format!("    switch (error.code) {{\n{cases}    }}\n")
    };
    format!(
        r#"import {{ {imports} }} from "{package}";

{request}
export async function main(): Promise<void> {{
  try {{
    console.log(await generate("Hello"));
  }} catch (error) {{
    if (!isApiError(error)) {{
      throw error; // a network failure, not an API error
    }}
{switch}{family_branch}    // Quote the request id when you contact support.
    console.error(
      `API error ${{error.status}} ${{error.rawCode ?? "(no code)"}}: ${{error.message}}` +
        ` (request id ${{error.requestId ?? "unknown"}}, retryable: ${{error.retryable}})`,
    );
  }}
}}
"#,
        imports = imports.join(", "),
        package = catalog.name,
        request = typescript_request(catalog),
    )
}

fn typescript_retry(catalog: &Catalog) -> String {
    format!(
        r#"import {{ errorFromResponse, withRetry }} from "{package}";

{request}
export async function main(): Promise<void> {{
  // Retries network failures and retryable errors with exponential backoff and jitter,
  // honouring Retry-After; any other error is thrown at once.
  const result = await withRetry(() => generate("Hello"), {{
    maxAttempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 8000,
  }});
  console.log(result);
}}
"#,
        package = catalog.name,
        request = typescript_request(catalog),
    )
}

/// The request function both Python examples start from.
const PYTHON_REQUEST: &str = r#"def generate(prompt: str) -> object:
    """Calls the API; a response with status >= 400 raises a typed error."""
    response = httpx.post("https://api.example.com/v1/generate", json={"prompt": prompt})
    raise_for_error(response)
    result: object = response.json()
    return result
"#;

fn python_handling(catalog: &Catalog, picks: &Examples) -> String {
    let mut imports = vec![PYTHON_BASE_CLASS.to_owned(), "raise_for_error".to_owned()];
    let mut handlers = String::new();
    if let Some(code) = picks.field {
        let class = python_code_class(&code.wire);
        handlers.push_str(&format!(
            r#"    except {class} as error:
        # The error names the request field to fix.
        field = error.details.field if error.details else None
        print(f"Fix {{field or 'the request'}}: {{error.message}}")
"#
        ));
        imports.push(class);
    }
    if let Some(code) = picks.retryable.filter(|c| Some(c) != picks.field.as_ref()) {
        let class = python_code_class(&code.wire);
        handlers.push_str(&format!(
            r#"    except {class} as error:
        # Retryable: wait as long as the server asks, if it says.
        print(f"Retry in {{error.retry_after or 1.0}} s: {{error.message}}")
"#
        ));
        imports.push(class);
    }
    if let Some(status) = picks.family_status {
        let family = python_class(family_of(status));
        handlers.push_str(&format!(
            r#"    except {family} as error:
        # Every code of status {status} lands here too, including codes added later.
        print(f"{family} {{error.raw_code}}: {{error.message}}")
"#
        ));
        imports.push(family.to_owned());
    }
    imports.sort_unstable();
    imports.dedup();
    let package = python_package(&catalog.name);
    let mut import_line = format!("from {package} import {}", imports.join(", "));
    if import_line.len() > 88 {
        import_line = format!(
            "from {package} import (\n    {},\n)",
            imports.join(",\n    ")
        );
    }
    format!(
        r#"import httpx

{import_line}


{request}

def main() -> None:
    try:
        print(generate("Hello"))
{handlers}    except APIError as error:
        # Quote the request id when you contact support.
        print(
            f"API error {{error.status}} {{error.raw_code}}: {{error.message}}"
            f" (request id {{error.request_id}}, retryable: {{error.retryable}})"
        )
"#,
        request = PYTHON_REQUEST,
    )
}

fn python_retry(catalog: &Catalog) -> String {
    format!(
        r#"import asyncio

import httpx

from {package} import raise_for_error, with_retry, with_retry_async


{request}

async def generate_async(prompt: str) -> object:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            "https://api.example.com/v1/generate", json={{"prompt": prompt}}
        )
    raise_for_error(response)
    result: object = response.json()
    return result


def main() -> None:
    # Retries network failures and retryable errors with exponential backoff and jitter,
    # honouring Retry-After; any other error is raised at once.
    result = with_retry(
        lambda: generate("Hello"), max_attempts=4, base_delay=0.5, max_delay=8.0
    )
    print(result)


async def main_async() -> None:
    result = await with_retry_async(
        lambda: generate_async("Hello"), max_attempts=4, base_delay=0.5, max_delay=8.0
    )
    print(result)


if __name__ == "__main__":
    main()
    asyncio.run(main_async())
"#,
        package = python_package(&catalog.name),
        request = PYTHON_REQUEST,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    #[test]
    fn examples_use_codes_of_the_catalog() {
        let catalog = sample::catalog();
        let examples = all(&catalog);
        let names: Vec<&str> = examples.iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            [
                "typescript-handling",
                "python-handling",
                "typescript-retry",
                "python-retry"
            ]
        );
        let ts = &examples[0].code;
        assert!(ts.starts_with(
            "import { AuthenticationError, errorFromResponse, isApiError } from \"sample-errors\";\n"
        ));
        assert!(ts.contains("case \"BAD_TEMPERATURE\":"));
        assert!(ts.contains("case \"TOO_MANY_CALLS\":"));
        assert!(ts.contains("error instanceof AuthenticationError"));
        let py = &examples[1].code;
        assert!(py.contains(
            "from sample_errors import (\n    APIError,\n    AuthenticationError,\n    BadTemperatureError,\n    TooManyCallsError,\n    raise_for_error,\n)\n"
        ));
        assert!(py.contains("except BadTemperatureError as error:"));
        assert!(py.contains("except TooManyCallsError as error:"));
        assert!(examples[2].code.contains("withRetry("));
        assert!(examples[3].code.contains("with_retry_async("));
        for example in &examples {
            assert!(example.code.ends_with('\n') && !example.code.ends_with("\n\n"));
        }
    }

    #[test]
    fn examples_leave_out_what_the_catalog_lacks() {
        let mut catalog = sample::catalog();
        catalog.codes.retain(|c| c.wire == "NO_CREDENTIALS");
        catalog.codes[0].status = 418;
        let examples = all(&catalog);
        let ts = &examples[0].code;
        assert!(!ts.contains("switch"), "{ts}");
        assert!(!ts.contains("instanceof"), "{ts}");
        assert!(ts.starts_with("import { errorFromResponse, isApiError } from"));
        assert!(
            examples[1]
                .code
                .contains("from sample_errors import APIError, raise_for_error\n")
        );
    }

    /// The names the examples import, from `import { … } from` and `from … import …` lines.
    fn imported_names(code: &str) -> Vec<String> {
        let mut names = Vec::new();
        if let Some(rest) = code.strip_prefix("import { ") {
            let list = rest.split(" }").next().unwrap_or_default();
            names.extend(list.split(", ").map(str::to_owned));
        }
        if let Some(start) = code.find("\nfrom ") {
            let rest = &code[start + 1..];
            let list = rest.split(" import ").nth(1).unwrap_or_default();
            let list = if let Some(inner) = list.strip_prefix('(') {
                inner.split(')').next().unwrap_or_default()
            } else {
                list.lines().next().unwrap_or_default()
            };
            names.extend(
                list.split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
            );
        }
        names
    }

    #[test]
    fn examples_import_only_the_shared_api_of_the_packages() {
        let catalog = sample::catalog();
        let families: Vec<&str> = crate::rules::FAMILIES
            .iter()
            .map(|(_, name)| *name)
            .collect();
        let typescript = ["errorFromResponse", "isApiError", "withRetry"];
        let python = [
            "APIError",
            "raise_for_error",
            "with_retry",
            "with_retry_async",
        ];
        let code_classes: Vec<String> = catalog
            .codes
            .iter()
            .map(|c| python_code_class(&c.wire))
            .collect();
        for example in all(&catalog) {
            let names = imported_names(&example.code);
            assert!(!names.is_empty(), "{}", example.name);
            for name in names {
                let known = families.contains(&name.as_str())
                    || match example.language {
                        "ts" => typescript.contains(&name.as_str()),
                        _ => python.contains(&name.as_str()) || code_classes.contains(&name),
                    };
                assert!(known, "{} imports `{name}`", example.name);
            }
        }
    }
}
