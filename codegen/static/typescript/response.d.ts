/**
 * From a failed response to an {@link ApiError}: one decision from (status, headers, body), the
 * same in every package generated from the catalog.
 *
 * - class: by the status family alone (`RateLimitError` for 429, `ServerError` for any 5xx, …),
 *   else `ApiError`;
 * - `code`: `error.code` of the JSON envelope when this version knows it (`rawCode` keeps it
 *   as received);
 * - `message`: the first of `error.message`, `error` when it is a string
 *   (`{"error":"Invalid token"}`), a top-level `message`, the catalog's message of the code,
 *   the catalog's title of the status, `HTTP status <status>`;
 * - `requestId`: `meta.request_id`, else the `X-Request-Id` header;
 * - `retryable`: never outside 400 to 599; else the code's setting, else the status's;
 * - `retryAfterMs`: the `Retry-After` header (delay-seconds or any of the three HTTP-date forms),
 *   `null` when it is malformed, negative or more than a day away;
 * - the body is read up to 1 MiB; the rest is dropped (`bodyTruncated`).
 *
 * @module
 */

import type { ApiError } from "./api-error.js";

/**
 * The headers of a response: the `Headers` of `fetch`, or anything with the same `get` (and,
 * to keep every header on the error, `forEach`).
 */
export interface HeadersLike {
  /** Returns a header's value, or `null`. */
  get(name: string): string | null;
}

/**
 * Headers in any usual shape: a {@link HeadersLike} (`Headers`), name/value pairs, or a record
 * (values a string or a list of strings). Names are matched without regard to case.
 */
export type HeadersInput =
  | HeadersLike
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A failed response: the `Response` of `fetch` (browsers, Node, Deno, Bun, undici), or
 * anything with the same `status`, `headers` and `text()`.
 */
export interface ResponseLike {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: HeadersLike;
  /** Reads the whole body as text. */
  text(): Promise<string>;
}

/** Options of {@link errorFromParts}. */
export interface PartsOptions {
  /**
   * The current time in milliseconds since the epoch, for a `Retry-After` date (default
   * `Date.now()`).
   */
  readonly now?: number | undefined;
  /**
   * Whether `body` is only the start of the body (a body longer than 1 MiB is cut there and
   * marked truncated in any case).
   */
  readonly bodyTruncated?: boolean | undefined;
}

/**
 * Reads a `Retry-After` header as milliseconds from `now`: delay-seconds (`120`) or an HTTP date
 * in any of the three forms of RFC 9110 (`Sun, 06 Nov 1994 08:49:37 GMT`,
 * `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`). A date in the past gives 0.
 * A missing or malformed value (negative, fractional, garbage) gives `null`, and so does one
 * more than a day (86,400 s) away: absurd, not a wait to honour.
 *
 * @param value The header's value.
 * @param now The current time in milliseconds since the epoch (`Date.now()`).
 */
export declare function parseRetryAfter(
  value: string | null | undefined,
  now?: number,
): number | null;

/**
 * Turns the parts of an error response into an {@link ApiError}, synchronously; never throws.
 * The decision of the module's documentation: a body that is not the JSON error envelope (an
 * HTML page from a gateway, empty, truncated or invalid JSON, missing fields) still gives an
 * error with the status, the headers and the raw text.
 *
 * @param status The HTTP status of the response.
 * @param headers The response headers.
 * @param body The body, as text or bytes (UTF-8); only its first 1 MiB is read.
 * @param options The time for a `Retry-After` date; whether the body was cut.
 */
export declare function errorFromParts(
  status: number,
  headers: HeadersInput | null | undefined,
  body: string | Uint8Array | ArrayBuffer | null | undefined,
  options?: PartsOptions,
): ApiError;

/**
 * Turns the body of an error response into an {@link ApiError}; never throws. The same as
 * {@link errorFromParts}`(status, headers, body)`.
 *
 * @param status The HTTP status of the response.
 * @param body The raw response body.
 * @param headers The response headers.
 */
export declare function errorFromBody(
  status: number,
  body: string,
  headers?: HeadersInput | null,
): ApiError;

/**
 * Turns a failed `fetch` response into an {@link ApiError} of the right subclass. The returned
 * promise never rejects: whatever the body holds, it resolves to an error that keeps the status,
 * the headers and the text received. Reads at most 1 MiB of the body, then cancels the rest
 * (`bodyTruncated`); a body cut off by a failed connection keeps what arrived.
 *
 * @param response The failed response (its body not yet read).
 */
export declare function errorFromResponse(response: ResponseLike): Promise<ApiError>;
