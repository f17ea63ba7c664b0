// @ts-check

/**
 * How to build an {@link ApiError} of the class its status calls for, and how to handle one per
 * code. `response.js` turns a failed response into one.
 *
 * @module
 */

import { classFor } from "./family-table.js";

/** @import { ApiError } from "./api-error.js" */
/** @import { ErrorCode } from "./codes.js" */

export { ApiError, isApiError } from "./api-error.js";
export * from "./response.js";
export * from "./families.js";

/** @typedef {import("./api-error.js").ApiErrorInit} ApiErrorInit */
/** @typedef {import("./api-error.js").ApiErrorJson} ApiErrorJson */

/**
 * Builds an {@link ApiError} of the subclass its status calls for.
 *
 * @param {ApiErrorInit} init What the response said.
 * @returns {ApiError}
 */
export function createApiError(init) {
  const ErrorClass = classFor(init.status);
  return new ErrorClass(init);
}

/**
 * Handles an error of one code: receives the error, its `code` narrowed to that code.
 *
 * @template {ErrorCode} K
 * @template R
 * @typedef {(error: ApiError & { readonly code: K }) => R} CodeHandler
 */

/**
 * One handler for every code of the catalog, and one for codes this version does not know
 * (`code === null`). Adding a code to the catalog makes every such object fail to compile
 * until it handles the new code.
 *
 * @template R
 * @typedef {{ readonly [K in ErrorCode]: CodeHandler<K, R> }
 *   & { readonly unknown: (error: ApiError) => R }} ExhaustiveHandlers
 */

/**
 * Handlers for some codes, and a `default` for every other code (and for unknown codes when
 * `unknown` is missing).
 *
 * @template R
 * @typedef {{ readonly [K in ErrorCode]?: CodeHandler<K, R> }
 *   & { readonly unknown?: (error: ApiError) => R, readonly default: (error: ApiError) => R }
 * } HandlersWithDefault
 */

/**
 * Per-code handlers for {@link handleError}: either every code plus `unknown`, or any codes
 * plus `default`.
 *
 * @template R
 * @typedef {ExhaustiveHandlers<R> | HandlersWithDefault<R>} ErrorHandlers
 */

/**
 * Calls the handler of the error's code: the one named after the code, else `unknown` for a
 * code this version does not know, else `default`.
 *
 * @template R
 * @param {ApiError} error The error to handle.
 * @param {ErrorHandlers<R>} handlers The handlers: every code and `unknown`, or a `default`.
 * @returns {R} What the handler returned.
 * @throws {TypeError} When no handler applies, which only untyped code can cause.
 */
export function handleError(error, handlers) {
  /** @type {((error: ApiError) => R) | undefined} */
  let handler;
  if (error.code === null) {
    handler = handlers.unknown;
  } else {
    const byCode = /** @type {Partial<Record<ErrorCode, (error: ApiError) => R>>} */ (handlers);
    handler = byCode[error.code];
  }
  handler ??= /** @type {{ default?: (error: ApiError) => R }} */ (handlers).default;
  if (handler === undefined) {
    const code = String(error.rawCode);
    throw new TypeError(`no handler for error code ${code} and no default handler`);
  }
  return handler(error);
}
