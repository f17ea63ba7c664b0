/**
 * {@link ApiError}, the error type of this package, and {@link isApiError}.
 *
 * @module
 */

import type { ErrorBody, ErrorCode, ErrorDetails, ErrorEnvelope, ErrorMeta } from "./codes.js";

/**
 * What an {@link ApiError} is made of. Only `status` is required: the rest defaults from the
 * catalog (the message of a known code, else the status's title, else `HTTP status <status>`).
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
  /** Whether `body` is only the start of the body. */
  readonly bodyTruncated?: boolean | undefined;
  /** The response headers, names in lower case. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** What `JSON.stringify` writes of an {@link ApiError} ({@link ApiError.toJSON}). */
export interface ApiErrorJson {
  /** The class name (e.g. `RateLimitError`). */
  name: string;
  /** The code, if this version knows it. */
  code: ErrorCode | null;
  /** The code as received. */
  rawCode: string | null;
  /** The HTTP status. */
  status: number;
  /** The message. */
  message: string;
  /** The request id. */
  requestId: string | null;
  /** When the server answered. */
  timestamp: string | null;
  /** More about the error. */
  details: ErrorDetails | null;
  /** Whether sending the request again may succeed. */
  retryable: boolean;
  /** The `Retry-After` header, in milliseconds. */
  retryAfterMs: number | null;
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
   * Whether sending the same request again may succeed: never for a status outside 400 to 599;
   * else the catalog's setting for a known code, else its default for the status (the status
   * table's, else 429 and 5xx).
   */
  readonly retryable: boolean;
  /** How long the server asked the client to wait (`Retry-After`), in milliseconds, or `null`. */
  readonly retryAfterMs: number | null;
  /**
   * The raw response body, whatever it held: normally an {@link ErrorEnvelope}, but also an HTML
   * page from a gateway, truncated JSON, …
   */
  readonly body: string;
  /**
   * Whether `body` is only the start of the body: it was longer than the 1 MiB read (the rest
   * was dropped), or the connection failed before its end.
   */
  readonly bodyTruncated: boolean;
  /**
   * The response headers, names in lower case (repeated headers joined with `, `, as `fetch`
   * does); empty when the error was not made from a response.
   */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * `Name: CODE (status): message [request id]`, e.g.
   * `RateLimitError: RATE_LIMIT_EXCEEDED (429): Slow down [request req_123]`; `HTTP <status>`
   * replaces `CODE (status)` when the body had no code. What `String(error)` and template
   * strings show.
   */
  override toString(): string;
  /**
   * What `JSON.stringify(error)` shows: the class, code, status, request id and the rest of what
   * the response said, but not its headers nor its body (which may be large or hold secrets).
   */
  toJSON(): ApiErrorJson;
}

/** True for an {@link ApiError} of any copy of this package, where `instanceof` may fail. */
export declare function isApiError(value: unknown): value is ApiError;
