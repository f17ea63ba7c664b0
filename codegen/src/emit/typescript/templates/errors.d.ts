/**
 * The error type of `{{inline:catalog.name}}`, and how to get one from a failed `fetch` response.
 *
 * @module
 */

import type { ErrorCode } from "./codes.js";

/**
 * What `error.details` of the JSON error envelope holds.
 *
{{doc:envelope.details}}
 */
export interface ErrorDetails {
  /**
{{doc:envelope.field}}
   */
  readonly field?: string | undefined;
  /**
{{doc:envelope.issue}}
   */
  readonly issue?: string | undefined;
}

/**
 * What an {@link ApiError} is made of. Only `status` is required: the rest defaults from the
 * catalog (the message of a known code, else the status title).
 */
export interface ApiErrorInit {
  /** The HTTP status of the response. */
  readonly status: number;
  /** `error.code` as received, known to this version or not. */
  readonly code?: string | null | undefined;
  /** `error.message` as received. */
  readonly message?: string | null | undefined;
  /** `error.details` as received. */
  readonly details?: ErrorDetails | null | undefined;
  /** `meta.request_id` as received. */
  readonly requestId?: string | null | undefined;
  /** `meta.timestamp` as received. */
  readonly timestamp?: string | null | undefined;
  /** The `Retry-After` header, in milliseconds. */
  readonly retryAfterMs?: number | null | undefined;
  /** The raw response body. */
  readonly body?: string | undefined;
}

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
 * An error response of the API, known code or not.
 *
{{doc:envelope.description}}
 *
{{doc:families.links}}
 */
export declare class ApiError extends Error {
  /**
   * Builds an error from what a response said; {@link createApiError} also picks the subclass.
   *
   * @param init What the response said.
   */
  constructor(init: ApiErrorInit);
  /**
   * The error code if this version of the package knows it, else `null` (see `rawCode`).
   *
{{doc:envelope.code}}
   */
  readonly code: ErrorCode | null;
  /**
   * `error.code` exactly as received, or `null` when the body had none (not JSON, not the
   * envelope).
   */
  readonly rawCode: string | null;
  /** The HTTP status of the response. */
  readonly status: number;
  /**
   * More about the error, or `null`.
   *
{{doc:envelope.details}}
   */
  readonly details: ErrorDetails | null;
  /**
   * `meta.request_id`, or `null`.
   *
{{doc:envelope.request_id}}
   */
  readonly requestId: string | null;
  /**
   * `meta.timestamp`, or `null`.
   *
{{doc:envelope.timestamp}}
   */
  readonly timestamp: string | null;
  /**
   * Whether sending the same request again may succeed: the catalog's setting for a known
   * code, else its default for the status (429 and 5xx).
   */
  readonly retryable: boolean;
  /** How long the server asked the client to wait (`Retry-After`), in milliseconds, or `null`. */
  readonly retryAfterMs: number | null;
  /** The raw response body, whatever it held (an HTML page from a gateway, truncated JSON, …). */
  readonly body: string;
}

{{block:families.d.ts}}

/**
 * Builds an {@link ApiError} of the subclass its status calls for.
 *
 * @param init What the response said.
 */
export declare function createApiError(init: ApiErrorInit): ApiError;

/** True for an {@link ApiError} of any copy of this package, where `instanceof` may fail. */
export declare function isApiError(value: unknown): value is ApiError;

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
