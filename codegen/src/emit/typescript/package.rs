//! `package.json`, `README.md` and `examples/handle-errors.ts`.

use std::fmt::Write as _;

use super::GeneratedFile;
use super::escape::{MAX_WIDTH, jsdoc_block};
use super::families;
use crate::emit::shared::header;
use crate::emit::shared::json::Json;
use crate::model::Catalog;

/// The Node versions the package supports: it is ES modules only, which every Node 20 can
/// `import`, and which CommonJS code can `require()` from Node 20.19 and 22.12 on (earlier
/// versions need a dynamic `import()`), so those are the floor.
pub const NODE_ENGINES: &str = "^20.19.0 || >=22.12.0";

/// `package.json`: an ES module package with its declarations, no dependency, with the
/// catalog's publishing keys. JSON holds no comment, so the header is the first member, `"//"`.
/// Without a license the package is `"private"`: npm then refuses to publish it.
pub(super) fn manifest(catalog: &Catalog) -> GeneratedFile {
    let header = header::text(catalog);
    let metadata = &catalog.metadata;
    let mut members = vec![
        ("//", Json::str(header)),
        ("name", Json::str(&catalog.name)),
        ("version", Json::str(&catalog.version)),
        ("description", Json::str(catalog.summary())),
    ];
    if !metadata.keywords.is_empty() {
        members.push(("keywords", Json::strings(metadata.keywords.iter().cloned())));
    }
    if let Some(homepage) = &metadata.homepage {
        members.push(("homepage", Json::str(homepage)));
    }
    if let Some(repository) = &metadata.repository {
        members.push((
            "repository",
            Json::object([
                ("type", Json::str("git")),
                ("url", Json::str(format!("git+{repository}"))),
            ]),
        ));
    }
    match &metadata.license {
        Some(license) => members.push(("license", Json::str(license))),
        None => members.push(("private", Json::Bool(true))),
    }
    if let Some((author, contributors)) = metadata.authors.split_first() {
        members.push(("author", Json::str(author.to_string())));
        if !contributors.is_empty() {
            members.push((
                "contributors",
                Json::strings(contributors.iter().map(ToString::to_string)),
            ));
        }
    }
    members.extend([("type", Json::str("module"))]);
    let contents = Json::object(members.into_iter().chain([
        (
            "exports",
            Json::object([
                (
                    ".",
                    Json::object([
                        ("types", Json::str("./index.d.ts")),
                        ("default", Json::str("./index.js")),
                    ]),
                ),
                ("./package.json", Json::str("./package.json")),
            ]),
        ),
        ("main", Json::str("./index.js")),
        ("types", Json::str("./index.d.ts")),
        ("files", Json::strings(["*.js", "*.d.ts", "examples/"])),
        ("sideEffects", Json::Bool(false)),
        ("engines", Json::object([("node", Json::str(NODE_ENGINES))])),
    ]))
    .pretty();
    GeneratedFile {
        path: "typescript/package.json".to_owned(),
        contents,
    }
}

/// A Markdown list item holding `text`, wrapped at spaces to at most [`MAX_WIDTH`] - 4
/// characters a line (as the rest of the README), never between a code span and the
/// parenthesis after it, so that a class keeps its status beside it.
fn list_item(text: &str) -> String {
    const GLUE: char = '\u{0}';
    let width = MAX_WIDTH - 4;
    let glued = text.replace("` (", &format!("`{GLUE}("));
    let mut lines: Vec<String> = vec![];
    let mut current = String::from("-");
    for word in glued.split(' ') {
        if current.chars().count() + 1 + word.chars().count() > width && current != "-" {
            lines.push(std::mem::replace(&mut current, " ".to_owned()));
        }
        current.push(' ');
        current.push_str(word);
    }
    lines.push(current);
    lines.join("\n").replace(GLUE, " ")
}

/// `README.md`: how to install and use the package. Holds no catalog text but the package name
/// and version, which need no Markdown escaping.
pub(super) fn readme(catalog: &Catalog) -> GeneratedFile {
    let [first, second] = header::lines(catalog);
    let name = &catalog.name;
    let version = &catalog.version;
    let classes = list_item(&format!(
        "`ApiError` (`code`, `rawCode`, `status`, `message`, `details`, `requestId`, \
         `timestamp`, `retryable`, `retryAfterMs`, `body`) and its subclasses {}. `isApiError` \
         and `isRateLimitError`-style guards also recognise errors from another copy of the \
         package, where `instanceof` fails.",
        families::listing()
    ));
    let contents = format!(
        r#"<!-- {first}
{second} -->

# {name}

Typed errors for clients of the API, version {version}: every error code of the catalog with
its HTTP status, message and retryability, an `ApiError` class per status family, a parser of
failed `fetch` responses that never throws, per-code handlers the compiler keeps exhaustive, and
a retry helper. Plain ES modules with type declarations; no dependencies.

```sh
npm install path/to/generated/typescript     # or a tarball made with `npm pack`
```

```ts
import {{ errorFromResponse, withRetry }} from "{name}";

export async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {{
  return withRetry(
    async () => {{
      const response = await fetch(url, {{ signal }});
      if (!response.ok) {{
        throw await errorFromResponse(response); // an ApiError subclass, never anything else
      }}
      return response.json();
    }},
    {{ maxAttempts: 4, signal }},
  );
}}
```

[`examples/handle-errors.ts`](examples/handle-errors.ts) shows the rest, handlers per code
included.

- `ErrorCode`: a string-literal union and an `as const` object of every code, each documented
  once, in `ErrorCodeStatuses` (which maps it to its status, as a type); `ERROR_CODE_INFO[code]`
  holds its status, message, description, category, field and retryability;
  `isErrorCode(value)` tells whether this version knows a code.
{classes}
- `errorFromResponse(response)` and `errorFromParts(status, headers, body)`: an HTML page from a
  gateway, an empty, truncated or invalid body, or a code this version does not know still give
  an `ApiError` with the status, the headers and the raw text (`code` is then `null`, `rawCode`
  what came). The message is the envelope's, else `{{"error": "..."}}` or `{{"message": "..."}}`,
  else the code's, else the status's title; the request id is `meta.request_id`, else the
  `X-Request-Id` header; nothing outside 400 to 599 is retryable; at most 1 MiB of the body is
  read. `String(error)` and `JSON.stringify(error)` show the code, status and request id.
- `handleError(error, handlers)`: either a handler for every code plus `unknown` (adding a code
  to the catalog then fails the build until it is handled), or some codes plus `default`. See
  [`examples/handle-errors.ts`](examples/handle-errors.ts).
- `withRetry(fn, {{ maxAttempts, baseDelayMs, maxDelayMs, signal, retryIf, onRetry, random }})`:
  retries only errors the catalog marks retryable and network failures of `fetch`
  (`isNetworkError`; a `TypeError` from a bug inside `fn` is not one), unless `retryIf` decides
  otherwise, at most `maxAttempts` (3) attempts in all. The wait after attempt n is
  `baseDelayMs * 2 ** (n - 1)` (500 ms base), at most `maxDelayMs` (30 s), with equal jitter
  (between half and all of it). The server's `Retry-After` (seconds or an HTTP date in any of
  its three forms; ignored when more than a day away) replaces that wait exactly; when it is
  longer than `maxDelayMs` the error is thrown at once, with `retryAfterMs` set, rather than
  retried early.
  Aborting `signal` rejects at once with its reason, even during a wait; `onRetry` sees each
  retry's attempt, delay and error.
- `withTypedErrors(fetch)`: the same `fetch`, rejecting with a `ConnectionError` when no
  response arrived (a refused or reset connection, an unknown host, or in a browser a CORS
  refusal, which browsers report alike as a `TypeError`, kept as `cause`) and with the
  `ApiError` of a response whose status is 400 or more. `toConnectionError(error, url)` does
  the first for code that calls `fetch` itself. A `ConnectionError` is retryable (`retryable`
  is `true`): `withRetry` retries it with backoff.
- In a browser, from another origin than the API's: the page reads `Retry-After` and
  `X-Request-Id` only when the API lists them in `Access-Control-Expose-Headers` (the Rust
  crate's `expose_error_headers` does); otherwise `retryAfterMs` is `null`, and so is
  `requestId` unless the body has `meta.request_id`.
"#
    );
    GeneratedFile {
        path: "typescript/README.md".to_owned(),
        contents,
    }
}

/// `examples/handle-errors.ts`: the package in use, type-checked by the tests.
pub(super) fn example(catalog: &Catalog) -> String {
    let mut out = jsdoc_block(
        "",
        &[
            format!(
                "How to use `{}` with `fetch`: throw typed errors, retry what may succeed",
                catalog.name
            ),
            "later, and handle each code. The package's tests type-check this file.".to_owned(),
        ],
    );
    out.push_str(
        r#"
import { ErrorCode, errorFromResponse, handleError, isApiError, withRetry } from "../index.js";
import type { ApiError, HandlersWithDefault } from "../index.js";

/**
 * Sends a request and returns its JSON body. An error response throws an `ApiError` of the
 * right subclass; what the catalog marks retryable (and any `TypeError`, which is what `fetch`
 * rejects with on a network failure) is retried with backoff, honouring `Retry-After`.
 */
export async function callApi(url: string, init: RequestInit = {}): Promise<unknown> {
  return withRetry(
    async () => {
      const response = await fetch(url, init);
      if (!response.ok) {
        throw await errorFromResponse(response);
      }
      return (await response.json()) as unknown;
    },
    {
      maxAttempts: 4,
      signal: init.signal ?? undefined,
      onRetry: ({ attempt, delayMs, error }) => {
        console.warn(`attempt ${attempt} failed (${String(error)}); retrying in ${delayMs} ms`);
      },
    },
  );
}

/** Logs any error; `isApiError` also recognises errors from another copy of the package. */
export function logError(error: unknown): void {
  if (isApiError(error)) {
    const code = error.rawCode ?? "(no code)";
    console.error(`${error.name} ${error.status} ${code}: ${error.message}`);
  } else {
    console.error(error);
  }
}
"#,
    );

    out.push_str(
        r#"
/** What to tell a user: a few codes on their own, every other one by `default`. */
export function userMessage(error: ApiError): string {
  return handleError(error, {
"#,
    );
    let field_code = catalog.codes.iter().find(|c| c.field.is_some());
    if let Some(code) = field_code {
        let _ = writeln!(
            out,
            "    [ErrorCode.{}]: (e) =>\n      `Check ${{e.details?.field ?? \"the request\"}}: ${{e.details?.issue ?? e.message}}`,",
            code.wire
        );
    }
    let retry_code = catalog
        .codes
        .iter()
        .find(|c| c.retryable && field_code.is_none_or(|f| f.wire != c.wire));
    if let Some(code) = retry_code {
        let _ = writeln!(
            out,
            "    [ErrorCode.{}]: (e) =>\n      `Busy, try again in ${{Math.ceil((e.retryAfterMs ?? 1000) / 1000)}} s`,",
            code.wire
        );
    }
    if let (None, None, Some(code)) = (field_code, retry_code, catalog.codes.first()) {
        let _ = writeln!(
            out,
            "    [ErrorCode.{}]: (e) => `${{e.message}}.`,",
            code.wire
        );
    }
    out.push_str(
        r#"    default: (e) => `${e.message} (request ${e.requestId ?? "without id"})`,
  });
}

/** What a client does next. */
export type NextStep = "retry" | "fix-request" | "give-up";

/**
 * What a client does next, by code: a few codes on their own, every other one by `default`.
 * An `ExhaustiveHandlers<NextStep>` object names every code and `unknown` instead, and stops
 * compiling when the catalog gains a code until it handles the new one too.
 */
export const nextStep: HandlersWithDefault<NextStep> = {
"#,
    );
    // One code of each step, the first the catalog has that is not deprecated: a few lines
    // whatever the catalog's size.
    let mut shown: Vec<(&str, &str)> = Vec::new();
    for code in catalog.codes.iter().filter(|c| c.deprecated.is_none()) {
        let step = if code.retryable {
            "retry"
        } else if code.status == 400 || code.status == 422 {
            "fix-request"
        } else {
            "give-up"
        };
        if !shown.iter().any(|(_, s)| *s == step) {
            shown.push((&code.wire, step));
        }
    }
    for (code, step) in shown {
        let _ = writeln!(out, "  {code}: () => \"{step}\",");
    }
    out.push_str(
        r#"  default: (e) => (e.retryable ? "retry" : "give-up"),
};

/** What to do after `error`. */
export function decide(error: ApiError): NextStep {
  return handleError(error, nextStep);
}
"#,
    );
    out
}
