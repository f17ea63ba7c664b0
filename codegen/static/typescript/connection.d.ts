/**
 * {@link ConnectionError}: a request that got no response at all, and {@link isConnectionError}.
 *
 * @module
 */

/** What a {@link ConnectionError} is made of. */
export interface ConnectionErrorInit {
  /** What `fetch` rejected with (a `TypeError`). */
  readonly cause: unknown;
  /** The URL of the request, when known. */
  readonly url?: string | null | undefined;
}

/**
 * A request that got no response: the connection was refused, reset or timed out at the network
 * level, the host was not found, or, in a browser, the server's CORS headers did not allow this
 * origin to read the response (browsers report all of these as the same `TypeError`, on purpose).
 * `cause` is what `fetch` rejected with. It is not an `ApiError`: there is no status, no code.
 *
 * Retryable by the package's retry rule (`isRetryable` of `retry.js`): the request may
 * not have reached the server, and sending it again may succeed. `withTypedErrors(fetch)` and
 * `toConnectionError` (`typed-fetch.js`) make one from what `fetch` rejects with.
 */
export declare class ConnectionError extends Error {
  /**
   * @param init What failed, and where.
   */
  constructor(init: ConnectionErrorInit);
  /** The URL of the request, when known. */
  readonly url: string | null;
  /** Always true: a request that got no response may be sent again. */
  readonly retryable: true;
}

/** True for a {@link ConnectionError} of any copy of this package, where `instanceof` may fail. */
export declare function isConnectionError(value: unknown): value is ConnectionError;
