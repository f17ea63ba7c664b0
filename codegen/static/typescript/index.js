// @ts-check

/**
 * Typed errors for clients of the API: every error code of the catalog with its metadata
 * (`codes.js`), the error classes and response parsing (`errors.js`), retries (`retry.js`), and
 * `fetch` with typed errors, a `ConnectionError` when no response arrived (`typed-fetch.js`).
 *
 * @module
 */

export * from "./codes.js";
export * from "./connection.js";
export * from "./errors.js";
export * from "./retry.js";
export * from "./typed-fetch.js";
export { isErrorCode, isRetryableStatus, statusTitle } from "./tables.js";

/** @typedef {import("./tables.js").CategoryInfo} CategoryInfo */
/** @typedef {import("./tables.js").StatusInfo} StatusInfo */
