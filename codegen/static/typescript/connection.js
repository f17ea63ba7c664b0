// @ts-check

/**
 * {@link ConnectionError}: a request that got no response at all, and {@link isConnectionError}.
 *
 * @module
 */

import { PACKAGE_NAME } from "./constants.js";

/** Marks instances of {@link ConnectionError} from any copy of this package. */
const BRAND = Symbol.for(`${PACKAGE_NAME}/ConnectionError`);

/**
 * What a {@link ConnectionError} is made of.
 *
 * @typedef {object} ConnectionErrorInit
 * @property {unknown} cause What `fetch` rejected with (a `TypeError`).
 * @property {string | null | undefined} [url] The URL of the request, when known.
 */

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
export class ConnectionError extends Error {
  /**
   * @param {ConnectionErrorInit} init What failed, and where.
   */
  constructor(init) {
    const url = typeof init.url === "string" ? init.url : null;
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(
      `no response${url === null ? "" : ` from ${url}`}: ${reason} (the connection failed, ` +
        "or a browser's CORS check refused the response)",
      { cause: init.cause },
    );
    /**
     * The URL of the request, when known.
     *
     * @readonly
     * @type {string | null}
     */
    this.url = url;
    /**
     * Always true: a request that got no response may be sent again.
     *
     * @readonly
     * @type {true}
     */
    this.retryable = true;
    Object.defineProperty(this, BRAND, { value: true });
  }
}
ConnectionError.prototype.name = "ConnectionError";

/**
 * True for a {@link ConnectionError} of any copy of this package, where `instanceof` may fail.
 *
 * @param {unknown} value
 * @returns {value is ConnectionError}
 */
export function isConnectionError(value) {
  return (
    value instanceof ConnectionError ||
    (typeof value === "object" && value !== null && Reflect.get(value, BRAND) === true)
  );
}
