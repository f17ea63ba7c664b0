/**
 * How to build an {@link ApiError} of the class its status calls for, and how to handle one per
 * code. `response.js` turns a failed response into one.
 *
 * @module
 */

import type { ApiError, ApiErrorInit } from "./api-error.js";
import type { ErrorCode } from "./codes.js";

export { ApiError, isApiError } from "./api-error.js";
export type { ApiErrorInit, ApiErrorJson } from "./api-error.js";
export * from "./response.js";
export * from "./families.js";

/**
 * Builds an {@link ApiError} of the subclass its status calls for.
 *
 * @param init What the response said.
 */
export declare function createApiError(init: ApiErrorInit): ApiError;

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
