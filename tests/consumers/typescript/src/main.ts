// A client of the AI API in another repository: it installs ai-api-errors from the tarball
// `npm pack` makes, switches exhaustively over ErrorCode (in `exhaustive.ts`, which `cargo xtask
// test` writes from the catalog beside this file: one `case` per code), and turns responses of
// every code into typed errors. `cargo xtask test` compiles it with `tsc --strict`, runs it with
// node, and checks that the switch without one `case` fails the build, naming that code.

import {
  ERROR_CODE_INFO,
  ERROR_CODES,
  RateLimitError,
  ServerError,
  errorFromParts,
  isNetworkError,
} from "ai-api-errors";
import type { ApiErrorJson } from "ai-api-errors";
import { categoryOf } from "./exhaustive.js";
// README example start
import { ErrorCode, errorFromResponse, handleError, isApiError, withRetry } from "ai-api-errors";
import type { ApiError } from "ai-api-errors";

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

/** What to tell the user: some codes on their own, the rest by default. */
export function explain(error: unknown): string {
  if (!isApiError(error)) {
    return `network failure or cancelled: ${String(error)}`;
  }
  return handleError(error, {
    [ErrorCode.INVALID_TEMPERATURE]: (e) => `temperature: ${e.details?.issue ?? e.message}`,
    [ErrorCode.QUOTA_EXCEEDED]: () => "the monthly quota is used up",
    default: (e) => `${e.message} (request ${e.requestId ?? "without id"})`,
  });
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
    const response = new Response(
      JSON.stringify({
        success: false,
        error: { code, message: `message of ${code}`, details: { field: "f", issue: "i" } },
        meta: { request_id: "req_1", timestamp: "2024-01-01T00:00:00Z" },
      }),
      { status: 400, headers: { "content-type": "application/json" } },
    );
    const error = await errorFromResponse(response);
    check(isApiError(error) && error.code === code, `${code} is parsed`);
    check(categoryOf(code) === ERROR_CODE_INFO[code].category, `${code} has its category`);
    check(handleError(error, { default: adviceFor }) === categoryOf(code), `${code} is handled`);
    check(explain(error).length > 0, `${code} is explained`);
    checked++;
  }

  const newer = await errorFromResponse(
    new Response('{"error":{"code":"SOMETHING_NEW","message":"new"}}', {
      status: 429,
      headers: { "retry-after": "7" },
    }),
  );
  check(newer instanceof RateLimitError && newer.code === null, "an unknown code is a RateLimitError");
  check(newer.rawCode === "SOMETHING_NEW" && newer.retryAfterMs === 7000, "raw code and Retry-After");
  check(handleError(newer, { default: adviceFor }) === "unknown code SOMETHING_NEW", "unknown handler");

  const unavailable = await errorFromResponse(new Response("<html>busy</html>", { status: 503 }));
  const controller = new AbortController();
  let attempts = 0;
  const value = await withRetry(
    async (attempt) => {
      attempts = attempt;
      if (attempt < 2) {
        throw unavailable;
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
