// @ts-check

/**
 * How to get an {@link ApiError} from a failed `fetch` response, and how to handle one per code.
 *
 * @module
 */

import { classFor } from "./family-table.js";

/** @import { ApiError } from "./api-error.js" */
/** @import { ErrorCode } from "./codes.js" */

export { ApiError, isApiError } from "./api-error.js";
export * from "./families.js";

/** @typedef {import("./api-error.js").ApiErrorInit} ApiErrorInit */

/**
 * The headers of a response: the `Headers` of `fetch`, or anything with the same `get`.
 *
 * @typedef {object} HeadersLike
 * @property {(name: string) => string | null} get Returns a header's value, or `null`.
 */

/**
 * A failed response: the `Response` of `fetch` (browsers, Node 18+, Deno, Bun, undici), or
 * anything with the same `status`, `headers` and `text()`.
 *
 * @typedef {object} ResponseLike
 * @property {number} status The HTTP status.
 * @property {HeadersLike} headers The response headers.
 * @property {() => Promise<string>} text Reads the whole body as text.
 */

/**
 * Builds an {@link ApiError} of the subclass its status calls for.
 *
 * @param {ApiErrorInit} init What the response said.
 * @returns {ApiError}
 */
export function createApiError(init) {
  const ErrorClass = classFor(init.status);
  return new ErrorClass(init);
}

/**
 * Reads a `Retry-After` header: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`), as milliseconds from `now`. A date in the past gives 0;
 * a missing or malformed value gives `null`.
 *
 * @param {string | null | undefined} value The header's value.
 * @param {number} [now] The current time in milliseconds since the epoch (`Date.now()`).
 * @returns {number | null}
 */
export function parseRetryAfter(value, now = Date.now()) {
  if (typeof value !== "string") {
    return null;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  if (/^[A-Za-z]{3},? .* GMT$/.test(text)) {
    const date = Date.parse(text);
    return Number.isNaN(date) ? null : Math.max(0, date - now);
  }
  return null;
}

/**
 * Turns the body of an error response into an {@link ApiError}; never throws. A body that is
 * not the JSON error envelope (an HTML page from a gateway, empty, truncated or invalid JSON,
 * missing fields) still gives an error with the status and the raw text.
 *
 * @param {number} status The HTTP status of the response.
 * @param {string} body The raw response body.
 * @param {HeadersLike | null} [headers] The response headers, for `Retry-After`.
 * @returns {ApiError}
 */
export function errorFromBody(status, body, headers = null) {
  const text = typeof body === "string" ? body : "";
  let retryAfterMs = null;
  try {
    retryAfterMs = headers === null ? null : parseRetryAfter(headers.get("retry-after"));
  } catch {
    // Headers that cannot be read have no Retry-After.
  }
  const statusCode = Number.isInteger(status) ? status : 0;
  return createApiError({ status: statusCode, ...parseEnvelope(text), retryAfterMs, body: text });
}

/**
 * Turns a failed `fetch` response into an {@link ApiError} of the right subclass. The returned
 * promise never rejects: whatever the body holds, or if it cannot be read to the end, it
 * resolves to an error that keeps the status and the text received.
 *
 * @param {ResponseLike} response The failed response (its body not yet read).
 * @returns {Promise<ApiError>}
 */
export async function errorFromResponse(response) {
  let status = 0;
  /** @type {HeadersLike | null} */
  let headers = null;
  try {
    status = response.status;
    headers = response.headers;
  } catch {
    // Not a response: an error with status 0 and an empty body.
  }
  return errorFromBody(status, await readText(response), headers);
}

/**
 * Reads a body as text, keeping what arrived before a failure (a truncated body).
 *
 * @param {ResponseLike} response
 * @returns {Promise<string>}
 */
async function readText(response) {
  /** @type {unknown} */
  let stream = null;
  try {
    stream = Reflect.get(response, "body");
  } catch {
    return "";
  }
  if (typeof stream !== "object" || stream === null || !("getReader" in stream)) {
    try {
      return await response.text();
    } catch {
      return "";
    }
  }
  const decoder = new TextDecoder();
  let text = "";
  try {
    const reader = /** @type {ReadableStream<Uint8Array>} */ (stream).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // Truncated: keep what arrived.
  }
  return text + decoder.decode();
}

/**
 * The fields of the JSON error envelope that a body holds, each `undefined` when missing or of
 * the wrong type.
 *
 * @param {string} body
 * @returns {Omit<ApiErrorInit, "status">}
 */
function parseEnvelope(body) {
  /** @type {unknown} */
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  const error = member(json, "error");
  const meta = member(json, "meta");
  const details = member(error, "details");
  const field = string(member(details, "field"));
  const issue = string(member(details, "issue"));
  return {
    code: string(member(error, "code")),
    message: string(member(error, "message")),
    details:
      field === undefined && issue === undefined
        ? undefined
        : { ...(field === undefined ? {} : { field }), ...(issue === undefined ? {} : { issue }) },
    requestId: string(member(meta, "request_id")),
    timestamp: string(member(meta, "timestamp")),
  };
}

/**
 * An own member of a JSON object, or `undefined`.
 *
 * @param {unknown} value
 * @param {string} key
 * @returns {unknown}
 */
function member(value, key) {
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  return isObject && Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined;
}

/**
 * A string, or `undefined`.
 *
 * @param {unknown} value
 * @returns {string | undefined}
 */
function string(value) {
  return typeof value === "string" ? value : undefined;
}

/**
 * Handles an error of one code: receives the error, its `code` narrowed to that code.
 *
 * @template {ErrorCode} K
 * @template R
 * @typedef {(error: ApiError & { readonly code: K }) => R} CodeHandler
 */

/**
 * One handler for every code of the catalog, and one for codes this version does not know
 * (`code === null`). Adding a code to the catalog makes every such object fail to compile
 * until it handles the new code.
 *
 * @template R
 * @typedef {{ readonly [K in ErrorCode]: CodeHandler<K, R> }
 *   & { readonly unknown: (error: ApiError) => R }} ExhaustiveHandlers
 */

/**
 * Handlers for some codes, and a `default` for every other code (and for unknown codes when
 * `unknown` is missing).
 *
 * @template R
 * @typedef {{ readonly [K in ErrorCode]?: CodeHandler<K, R> }
 *   & { readonly unknown?: (error: ApiError) => R, readonly default: (error: ApiError) => R }
 * } HandlersWithDefault
 */

/**
 * Per-code handlers for {@link handleError}: either every code plus `unknown`, or any codes
 * plus `default`.
 *
 * @template R
 * @typedef {ExhaustiveHandlers<R> | HandlersWithDefault<R>} ErrorHandlers
 */

/**
 * Calls the handler of the error's code: the one named after the code, else `unknown` for a
 * code this version does not know, else `default`.
 *
 * @template R
 * @param {ApiError} error The error to handle.
 * @param {ErrorHandlers<R>} handlers The handlers: every code and `unknown`, or a `default`.
 * @returns {R} What the handler returned.
 * @throws {TypeError} When no handler applies, which only untyped code can cause.
 */
export function handleError(error, handlers) {
  /** @type {((error: ApiError) => R) | undefined} */
  let handler;
  if (error.code === null) {
    handler = handlers.unknown;
  } else {
    const byCode = /** @type {Partial<Record<ErrorCode, (error: ApiError) => R>>} */ (handlers);
    handler = byCode[error.code];
  }
  handler ??= /** @type {{ default?: (error: ApiError) => R }} */ (handlers).default;
  if (handler === undefined) {
    const code = String(error.rawCode);
    throw new TypeError(`no handler for error code ${code} and no default handler`);
  }
  return handler(error);
}
