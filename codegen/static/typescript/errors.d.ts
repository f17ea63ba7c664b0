/**
 * How to get an {@link ApiError} from a failed `fetch` response, and how to handle one per code.
 *
 * @module
 */

import type { ApiError, ApiErrorInit } from "./api-error.js";
import type { ErrorCode } from "./codes.js";

export { ApiError, isApiError } from "./api-error.js";
export type { ApiErrorInit } from "./api-error.js";
export * from "./families.js";

/** The headers of a response: the `Headers` of `fetch`, or anything with the same `get`. */
export interface HeadersLike {
  /** Returns a header's value, or `null`. */
  get(name: string): string | null;
}

/**
 * A failed response: the `Response` of `fetch` (browsers, Node 18+, Deno, Bun, undici), or
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

/**
 * Builds an {@link ApiError} of the subclass its status calls for.
 *
 * @param init What the response said.
 */
export declare function createApiError(init: ApiErrorInit): ApiError;

/**
 * Reads a `Retry-After` header: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`), as milliseconds from `now`. A date in the past gives 0;
 * a missing or malformed value gives `null`.
 *
 * @param value The header's value.
 * @param now The current time in milliseconds since the epoch (`Date.now()`).
 */
export declare function parseRetryAfter(
  value: string | null | undefined,
  now?: number,
): number | null;

/**
 * Turns the body of an error response into an {@link ApiError}; never throws. A body that is
 * not the JSON error envelope (an HTML page from a gateway, empty, truncated or invalid JSON,
 * missing fields) still gives an error with the status and the raw text.
 *
 * @param status The HTTP status of the response.
 * @param body The raw response body.
 * @param headers The response headers, for `Retry-After`.
 */
export declare function errorFromBody(
  status: number,
  body: string,
  headers?: HeadersLike | null,
): ApiError;

/**
 * Turns a failed `fetch` response into an {@link ApiError} of the right subclass. The returned
 * promise never rejects: whatever the body holds, or if it cannot be read to the end, it
 * resolves to an error that keeps the status and the text received.
 *
 * @param response The failed response (its body not yet read).
 */
export declare function errorFromResponse(response: ResponseLike): Promise<ApiError>;

/** Handles an error of one code: receives the error, its `code` narrowed to that code. */
export type CodeHandler<K extends ErrorCode, R> = (error: ApiError & { readonly code: K }) => R;

/**
 * One handler for every code of the catalog, and one for codes this version does not know
 * (`code === null`). Adding a code to the catalog makes every such object fail to compile
 * until it handles the new code.
 */
export type ExhaustiveHandlers<R> = { readonly [K in ErrorCode]: CodeHandler<K, R> } & {
  readonly unknown: (error: ApiError) => R;
};

/**
 * Handlers for some codes, and a `default` for every other code (and for unknown codes when
 * `unknown` is missing).
 */
export type HandlersWithDefault<R> = { readonly [K in ErrorCode]?: CodeHandler<K, R> } & {
  readonly unknown?: (error: ApiError) => R;
  readonly default: (error: ApiError) => R;
};

/**
 * Per-code handlers for {@link handleError}: either every code plus `unknown`, or any codes
 * plus `default`.
 */
export type ErrorHandlers<R> = ExhaustiveHandlers<R> | HandlersWithDefault<R>;

/**
 * Calls the handler of the error's code: the one named after the code, else `unknown` for a
 * code this version does not know, else `default`.
 *
 * @param error The error to handle.
 * @param handlers The handlers: every code and `unknown`, or a `default`.
 * @returns What the handler returned.
 * @throws {TypeError} When no handler applies, which only untyped code can cause.
 */
export declare function handleError<R>(error: ApiError, handlers: ErrorHandlers<R>): R;
