// @ts-check

/**
 * `fetch` with typed errors: {@link withTypedErrors} wraps a `fetch` so that a failed request
 * rejects with a {@link ConnectionError} and an error response with an `ApiError`;
 * {@link toConnectionError} does the first for code that calls `fetch` itself.
 *
 * @module
 */

import { ConnectionError } from "./connection.js";
import { errorFromResponse } from "./response.js";
import { isNetworkError } from "./retry.js";

/** @import { ResponseLike } from "./response.js" */

/**
 * What `fetch` (or reading a body) rejected with, as a {@link ConnectionError} when it is a
 * network failure or a CORS refusal (`isNetworkError` of `retry.js`: a `TypeError` with the
 * message of such a failure), kept as `cause`; anything else unchanged (an abort or a timeout
 * of an `AbortSignal` stays the `AbortError` or `TimeoutError` the caller asked for, and a
 * `TypeError` from a bug stays itself).
 *
 * @param {unknown} error What `fetch` rejected with.
 * @param {unknown} [request] The first argument of `fetch` (a URL string, a `URL` or a
 *   `Request`), whose URL the message names.
 * @returns {unknown}
 */
export function toConnectionError(error, request = null) {
  if (!isNetworkError(error)) {
    return error;
  }
  return new ConnectionError({ cause: error, url: urlOf(request) });
}

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
 * @template {unknown[]} A
 * @template {ResponseLike} R
 * @param {(...args: A) => Promise<R>} fetch The `fetch` to wrap.
 * @returns {(...args: A) => Promise<R>}
 */
export function withTypedErrors(fetch) {
  return async (...args) => {
    /** @type {R} */
    let response;
    try {
      response = await fetch(...args);
    } catch (error) {
      throw toConnectionError(error, args[0]);
    }
    if (response.status >= 400) {
      throw await errorFromResponse(response);
    }
    return response;
  };
}

/**
 * Where a request went, from the first argument of `fetch`: a URL string, a `URL` (its `href`)
 * or a `Request` (its `url`); `null` when it says nothing.
 *
 * @param {unknown} input
 * @returns {string | null}
 */
function urlOf(input) {
  if (typeof input === "string") {
    return input;
  }
  if (typeof input === "object" && input !== null) {
    for (const key of ["url", "href"]) {
      const url = Reflect.get(input, key);
      if (typeof url === "string") {
        return url;
      }
    }
  }
  return null;
}
