/**
 * `fetch` with typed errors: {@link withTypedErrors} wraps a `fetch` so that a failed request
 * rejects with a {@link ConnectionError} and an error response with an `ApiError`;
 * {@link toConnectionError} does the first for code that calls `fetch` itself.
 *
 * @module
 */

import type { ConnectionError } from "./connection.js";
import type { ResponseLike } from "./response.js";

/**
 * What `fetch` (or reading a body) rejected with, as a {@link ConnectionError} when it is a
 * network failure or a CORS refusal (`isNetworkError` of `retry.js`: a `TypeError` with the
 * message of such a failure), kept as `cause`; anything else unchanged (an abort or a timeout
 * of an `AbortSignal` stays the `AbortError` or `TimeoutError` the caller asked for, and a
 * `TypeError` from a bug stays itself).
 *
 * @param error What `fetch` rejected with.
 * @param request The first argument of `fetch` (a URL string, a `URL` or a `Request`), whose URL
 *   the message names.
 */
export declare function toConnectionError(error: unknown, request?: unknown): unknown;

/**
 * Wraps a `fetch` (the global one, or any function with its shape) into one with the same
 * parameters and result that rejects with a typed error instead:
 *
 * - a {@link ConnectionError} when no response arrived (refused or reset connection, unknown
 *   host, a browser's CORS refusal), see {@link toConnectionError};
 * - the `ApiError` of the response (`errorFromResponse`) when its status is 400 or more.
 *
 * Both are retryable by `withRetry`'s default rule as the decision table says: a connection
 * error always, an `ApiError` when the catalog marks it so.
 *
 * ```js
 * const apiFetch = withTypedErrors(fetch);
 * const response = await withRetry(() => apiFetch(url, { signal }), { signal });
 * ```
 *
 * @param fetch The `fetch` to wrap.
 */
export declare function withTypedErrors<A extends unknown[], R extends ResponseLike>(
  fetch: (...args: A) => Promise<R>,
): (...args: A) => Promise<R>;
