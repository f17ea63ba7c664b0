/**
 * {@link ApiError}, the error type of this package, and {@link isApiError}.
 *
 * @module
 */

import type { ErrorBody, ErrorCode, ErrorDetails, ErrorEnvelope, ErrorMeta } from "./codes.js";

/**
 * What an {@link ApiError} is made of. Only `status` is required: the rest defaults from the
 * catalog (the message of a known code, else the status title).
 */
export interface ApiErrorInit {
  /** The HTTP status of the response. */
  readonly status: number;
  /** `error.code` as received ({@link ErrorBody}), known to this version or not. */
  readonly code?: string | null | undefined;
  /** `error.message` as received ({@link ErrorBody}). */
  readonly message?: string | null | undefined;
  /** `error.details` as received ({@link ErrorBody}). */
  readonly details?: ErrorDetails | null | undefined;
  /** `meta.request_id` as received ({@link ErrorMeta}). */
  readonly requestId?: string | null | undefined;
  /** `meta.timestamp` as received ({@link ErrorMeta}). */
  readonly timestamp?: string | null | undefined;
  /** The `Retry-After` header, in milliseconds. */
  readonly retryAfterMs?: number | null | undefined;
  /** The raw response body (normally an {@link ErrorEnvelope}). */
  readonly body?: string | undefined;
}

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
export declare class ApiError extends Error {
  /**
   * Builds an error from what a response said; {@link createApiError} also picks the subclass.
   *
   * @param init What the response said.
   */
  constructor(init: ApiErrorInit);
  /**
   * The error code (`error.code`, see {@link ErrorBody}) if this version of the package knows it,
   * else `null` (see `rawCode`).
   */
  readonly code: ErrorCode | null;
  /**
   * `error.code` exactly as received, or `null` when the body had none (not JSON, not the
   * envelope).
   */
  readonly rawCode: string | null;
  /** The HTTP status of the response. */
  readonly status: number;
  /** More about the error (`error.details`, see {@link ErrorBody}), or `null`. */
  readonly details: ErrorDetails | null;
  /** The id the server gave the request (`meta.request_id`, see {@link ErrorMeta}), or `null`. */
  readonly requestId: string | null;
  /** When the server answered (`meta.timestamp`, see {@link ErrorMeta}), or `null`. */
  readonly timestamp: string | null;
  /**
   * Whether sending the same request again may succeed: the catalog's setting for a known
   * code, else its default for the status (429 and 5xx).
   */
  readonly retryable: boolean;
  /** How long the server asked the client to wait (`Retry-After`), in milliseconds, or `null`. */
  readonly retryAfterMs: number | null;
  /**
   * The raw response body, whatever it held: normally an {@link ErrorEnvelope}, but also an HTML
   * page from a gateway, truncated JSON, …
   */
  readonly body: string;
}

/** True for an {@link ApiError} of any copy of this package, where `instanceof` may fail. */
export declare function isApiError(value: unknown): value is ApiError;
