// @ts-check

/**
 * {@link ApiError}, the error type of this package, and {@link isApiError}.
 *
 * @module
 */

import { ERROR_CODE_INFO } from "./codes.js";
import { PACKAGE_NAME } from "./constants.js";
import { isErrorCode, isErrorStatus, isRetryableStatus, statusTitle } from "./tables.js";

/** @import { ErrorBody, ErrorCode, ErrorDetails, ErrorEnvelope, ErrorMeta } from "./codes.js" */

/**
 * What an {@link ApiError} is made of. Only `status` is required: the rest defaults from the
 * catalog (the message of a known code, else the status's title, else `HTTP status <status>`).
 *
 * @typedef {object} ApiErrorInit
 * @property {number} status The HTTP status of the response.
 * @property {string | null | undefined} [code] `error.code` as received ({@link ErrorBody}),
 *   known to this version or not.
 * @property {string | null | undefined} [message] `error.message` as received
 *   ({@link ErrorBody}).
 * @property {ErrorDetails | null | undefined} [details] `error.details` as received
 *   ({@link ErrorBody}).
 * @property {string | null | undefined} [requestId] `meta.request_id` as received
 *   ({@link ErrorMeta}).
 * @property {string | null | undefined} [timestamp] `meta.timestamp` as received
 *   ({@link ErrorMeta}).
 * @property {number | null | undefined} [retryAfterMs] The `Retry-After` header, in milliseconds.
 * @property {string | undefined} [body] The raw response body (normally an
 *   {@link ErrorEnvelope}).
 * @property {boolean | undefined} [bodyTruncated] Whether `body` is only the start of the body.
 * @property {Readonly<Record<string, string>> | undefined} [headers] The response headers, names
 *   in lower case.
 */

/**
 * What `JSON.stringify` writes of an {@link ApiError} ({@link ApiError.toJSON}).
 *
 * @typedef {object} ApiErrorJson
 * @property {string} name The class name (e.g. `RateLimitError`).
 * @property {ErrorCode | null} code The code, if this version knows it.
 * @property {string | null} rawCode The code as received.
 * @property {number} status The HTTP status.
 * @property {string} message The message.
 * @property {string | null} requestId The request id.
 * @property {string | null} timestamp When the server answered.
 * @property {ErrorDetails | null} details More about the error.
 * @property {boolean} retryable Whether sending the request again may succeed.
 * @property {number | null} retryAfterMs The `Retry-After` header, in milliseconds.
 */

/** Marks instances of {@link ApiError} from any copy of this package. */
const BRAND = /* @__PURE__ */ Symbol.for(`${PACKAGE_NAME}/ApiError`);

/**
 * An error response of the API, known code or not: what the JSON error envelope of the response
 * ({@link ErrorEnvelope}) said, with the HTTP status and the raw body. Its `message` is the
 * envelope's `error.message` ({@link ErrorBody}), if any.
 *
 * {@link createApiError} and {@link errorFromResponse} give the subclass of its HTTP status
 * family (the classes of `families.js`); any other status gives a plain `ApiError`. Where
 * `instanceof` cannot work (two copies of this package in one app), use {@link isApiError} and
 * the other `is…Error` guards.
 */
export class ApiError extends Error {
  /**
   * Builds an error from what a response said; {@link createApiError} also picks the subclass.
   *
   * @param {ApiErrorInit} init What the response said.
   */
  constructor(init) {
    const rawCode = typeof init.code === "string" ? init.code : null;
    const code = isErrorCode(rawCode) ? rawCode : null;
    const status = init.status;
    const message =
      init.message || (code === null ? defaultMessage(status) : ERROR_CODE_INFO[code].message);
    super(message);
    const retryable =
      isErrorStatus(status) &&
      (code === null ? isRetryableStatus(status) : ERROR_CODE_INFO[code].retryable);
    /**
     * The error code (`error.code`, see {@link ErrorBody}) if this version of the package knows
     * it, else `null` (see `rawCode`).
     *
     * @readonly
     * @type {ErrorCode | null}
     */
    this.code = code;
    /**
     * `error.code` exactly as received, or `null` when the body had none (not JSON, not the
     * envelope).
     *
     * @readonly
     * @type {string | null}
     */
    this.rawCode = rawCode;
    /**
     * The HTTP status of the response.
     *
     * @readonly
     * @type {number}
     */
    this.status = status;
    /**
     * More about the error (`error.details`, see {@link ErrorBody}), or `null`.
     *
     * @readonly
     * @type {ErrorDetails | null}
     */
    this.details = init.details ?? null;
    /**
     * The id the server gave the request (`meta.request_id`, see {@link ErrorMeta}), or `null`.
     *
     * @readonly
     * @type {string | null}
     */
    this.requestId = init.requestId ?? null;
    /**
     * When the server answered (`meta.timestamp`, see {@link ErrorMeta}), or `null`.
     *
     * @readonly
     * @type {string | null}
     */
    this.timestamp = init.timestamp ?? null;
    /**
     * Whether sending the same request again may succeed: never for a status outside 400 to 599;
     * else the catalog's setting for a known code, else its default for the status (the status
     * table's, else 429 and 5xx).
     *
     * @readonly
     * @type {boolean}
     */
    this.retryable = retryable;
    /**
     * How long the server asked the client to wait (`Retry-After`), in milliseconds, or `null`.
     *
     * @readonly
     * @type {number | null}
     */
    this.retryAfterMs = init.retryAfterMs ?? null;
    /**
     * The raw response body, whatever it held: normally an {@link ErrorEnvelope}, but also an
     * HTML page from a gateway, truncated JSON, …
     *
     * @readonly
     * @type {string}
     */
    this.body = init.body ?? "";
    /**
     * Whether `body` is only the start of the body: it was longer than the 1 MiB read (the rest
     * was dropped), or the connection failed before its end.
     *
     * @readonly
     * @type {boolean}
     */
    this.bodyTruncated = init.bodyTruncated ?? false;
    /**
     * The response headers, names in lower case (repeated headers joined with `, `, as `fetch`
     * does); empty when the error was not made from a response.
     *
     * @readonly
     * @type {Readonly<Record<string, string>>}
     */
    this.headers = Object.freeze({ ...init.headers });
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * `Name: CODE (status): message [request id]`, e.g.
   * `RateLimitError: RATE_LIMIT_EXCEEDED (429): Slow down [request req_123]`; `HTTP <status>`
   * replaces `CODE (status)` when the body had no code. What `String(error)` and template
   * strings show.
   *
   * @override
   * @returns {string}
   */
  toString() {
    const head = this.rawCode === null ? `HTTP ${this.status}` : `${this.rawCode} (${this.status})`;
    const request = this.requestId === null ? "" : ` [request ${this.requestId}]`;
    return `${this.name}: ${head}: ${this.message}${request}`;
  }

  /**
   * What `JSON.stringify(error)` shows: the class, code, status, request id and the rest of what
   * the response said, but not its headers nor its body (which may be large or hold secrets).
   *
   * @returns {ApiErrorJson}
   */
  toJSON() {
    return {
      name: this.name,
      code: this.code,
      rawCode: this.rawCode,
      status: this.status,
      message: this.message,
      requestId: this.requestId,
      timestamp: this.timestamp,
      details: this.details,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
ApiError.prototype.name = "ApiError";

/**
 * The message of an error whose body has no message and no code this version knows: the
 * status's title in the catalog, else `HTTP status <status>`.
 *
 * @param {number} status
 * @returns {string}
 */
function defaultMessage(status) {
  return statusTitle(status) ?? `HTTP status ${status}`;
}

/**
 * True for an {@link ApiError} of any copy of this package, where `instanceof` may fail.
 *
 * @param {unknown} value
 * @returns {value is ApiError}
 */
export function isApiError(value) {
  return (
    value instanceof ApiError ||
    (typeof value === "object" && value !== null && Reflect.get(value, BRAND) === true)
  );
}
