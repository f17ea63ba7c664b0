// A client of the AI API in another repository: it installs ai-api-errors from the tarball
// `npm pack` makes, switches exhaustively over ErrorCode (in `exhaustive.ts`, which `cargo xtask
// test` writes from the catalog beside this file: one `case` per code), and turns responses of
// every code into typed errors. `cargo xtask test` compiles it with `tsc --strict`, runs it with
// node, and checks that the switch without one `case` fails the build, naming that code.

import {
  ERROR_CODES,
  ServerError,
  errorFromParts,
  handleError,
  isErrorCode,
  isNetworkError,
  isRetryableStatus,
} from "ai-api-errors";
import type { ApiError, ApiErrorJson } from "ai-api-errors";
import { categoryOf } from "./exhaustive.js";
// The example of README.md, word for word (a test in tests/readme.rs compares them). It names no
// code of the catalog: `main` runs `explain` on every code of the package it installed.
// README example start
import { ERROR_CODE_INFO, RateLimitError, errorFromResponse, isApiError, withRetry } from "ai-api-errors";

/** Calls the API: errors become ApiError subclasses; retryable ones are retried with backoff. */
export async function complete(prompt: string, signal?: AbortSignal): Promise<unknown> {
  return withRetry(
    async () => {
      const response = await fetch("https://api.example.com/v1/completions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt }),
        signal,
      });
      if (!response.ok) {
        throw await errorFromResponse(response); // never throws anything but an ApiError
      }
      return response.json();
    },
    {
      maxAttempts: 4,
      signal,
      onRetry: ({ attempt, delayMs }) => {
        console.warn(`attempt ${attempt} failed; retrying in ${delayMs} ms`);
      },
    },
  );
}

/** What to tell the user: by the error's class, and by what the catalog says of its code. */
export function explain(error: unknown): string {
  if (!isApiError(error)) {
    return `network failure or cancelled: ${String(error)}`;
  }
  if (error instanceof RateLimitError) {
    return `busy: try again in ${Math.ceil((error.retryAfterMs ?? 1000) / 1000)} s`;
  }
  const field = error.code === null ? null : ERROR_CODE_INFO[error.code].field;
  if (field !== null) {
    return `check ${field}: ${error.details?.issue ?? error.message}`;
  }
  if (error.retryable) {
    return `${error.message}: try again later`;
  }
  return `${error.message} (request ${error.requestId ?? "without id"})`;
}
// README example end

/** The advice for any error: its code's category, or a note for codes newer than this package. */
function adviceFor(error: ApiError): string {
  return error.code === null ? `unknown code ${error.rawCode ?? "(none)"}` : categoryOf(error.code);
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`consumer check failed: ${what}`);
  }
}

async function main(): Promise<void> {
  let checked = 0;
  for (const code of ERROR_CODES) {
    const { status, field, retryable, category } = ERROR_CODE_INFO[code];
    const message = `message of ${code}`;
    const response = new Response(
      JSON.stringify({
        success: false,
        error: { code, message, details: { field: "f", issue: "i" } },
        meta: { request_id: "req_1", timestamp: "2024-01-01T00:00:00Z" },
      }),
      { status, headers: { "content-type": "application/json" } },
    );
    const error = await errorFromResponse(response);
    check(isApiError(error) && error.code === code, `${code} is parsed`);
    check(error.retryable === retryable, `${code} is retryable as the catalog says`);
    check(categoryOf(code) === category, `${code} has its category`);
    check(handleError(error, { default: adviceFor }) === categoryOf(code), `${code} is handled`);
    // README's example, by what the catalog says of the code.
    const expected =
      status === 429
        ? "busy: try again in 1 s"
        : field !== null
          ? `check ${field}: i`
          : retryable
            ? `${message}: try again later`
            : `${message} (request req_1)`;
    const explained = explain(error);
    check(explained === expected, `${code} is explained as ${explained}, not as ${expected}`);
    checked++;
  }

  // A code newer than the package: one the catalog does not have.
  let newCode = "SOMETHING_NEW";
  while (isErrorCode(newCode)) {
    newCode += "X";
  }
  const newer = await errorFromResponse(
    new Response(JSON.stringify({ error: { code: newCode, message: "new" } }), {
      status: 429,
      headers: { "retry-after": "7" },
    }),
  );
  check(newer instanceof RateLimitError && newer.code === null, "an unknown code is a RateLimitError");
  check(newer.rawCode === newCode && newer.retryAfterMs === 7000, "raw code and Retry-After");
  check(handleError(newer, { default: adviceFor }) === `unknown code ${newCode}`, "unknown handler");
  check(explain(newer) === "busy: try again in 7 s", "README's example waits as Retry-After says");

  const unavailable = await errorFromResponse(new Response("<html>busy</html>", { status: 503 }));
  const advice = isRetryableStatus(503)
    ? `${unavailable.message}: try again later`
    : `${unavailable.message} (request without id)`;
  check(explain(unavailable) === advice, "README's example on a proxy's page");
  check(explain(new TypeError("fetch failed")).startsWith("network failure"), "and on no response");
  // A failure withRetry retries: that page if the catalog retries a 503, else a network failure.
  const failure: unknown = unavailable.retryable ? unavailable : new TypeError("fetch failed");
  const controller = new AbortController();
  let attempts = 0;
  const value = await withRetry(
    async (attempt) => {
      attempts = attempt;
      if (attempt < 2) {
        throw failure;
      }
      return "ok";
    },
    { signal: controller.signal, baseDelayMs: 1, maxDelayMs: 1, onRetry: () => {} },
  );
  check(value === "ok" && attempts === 2, "withRetry retries a retryable error");

  // A Retry-After longer than maxDelayMs is never cut short: the error comes back at once.
  attempts = 0;
  const early = await withRetry(
    async (attempt) => {
      attempts = attempt;
      throw newer;
    },
    { baseDelayMs: 1, maxDelayMs: 1 },
  ).catch((error: unknown) => error);
  check(early === newer && attempts === 1, "withRetry does not retry before Retry-After");

  // retryIf decides for anything thrown; here: only network failures, never an ApiError.
  attempts = 0;
  const onlyNetwork = await withRetry(
    async (attempt) => {
      attempts = attempt;
      throw unavailable;
    },
    { baseDelayMs: 1, retryIf: (error: unknown) => isNetworkError(error) },
  ).catch((error: unknown) => error);
  check(onlyNetwork === unavailable && attempts === 1, "retryIf: false is not retried");

  // The parts of a response, a 503 carrying a 429 code: a ServerError, the header's request id.
  const [rateLimited] = ERROR_CODES.filter((code) => ERROR_CODE_INFO[code].status === 429);
  const body = JSON.stringify({ error: { code: rateLimited } });
  const parts = errorFromParts(503, [["X-Request-Id", "req_hdr"]], body);
  check(parts instanceof ServerError && parts.requestId === "req_hdr", "errorFromParts");
  check(parts.headers["x-request-id"] === "req_hdr", "the error keeps the headers");
  const logged: ApiErrorJson = parts.toJSON();
  const printed = String(parts);
  check(printed.includes("503") && printed.includes("req_hdr"), "String(error) shows it all");
  check(logged.status === 503 && logged.requestId === "req_hdr", "so does JSON.stringify(error)");

  console.log(`consumer: ${checked} codes parsed and handled through the installed package`);
}

await main();
