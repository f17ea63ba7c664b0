// @ts-check

/**
 * The shapes of the catalog's category and status tables (`codes.js` holds their rows), and the
 * questions the tables answer: is a string a code of this version, is a status retryable, what
 * is its title.
 *
 * @module
 */

import { ERROR_CODE_INFO, STATUSES } from "./codes.js";
import { ERROR_STATUSES, SERVER_ERROR_STATUSES, TOO_MANY_REQUESTS } from "./constants.js";

/** @import { Category } from "./codes.js" */

/**
 * A category of error codes.
 *
 * @typedef {object} CategoryInfo
 * @property {Category} id Its identifier.
 * @property {string} title Its title.
 * @property {string} description What its codes have in common.
 */

/**
 * A row of the catalog's HTTP status table.
 *
 * @typedef {object} StatusInfo
 * @property {number} status The HTTP status.
 * @property {string} title Its title (e.g. `Not Found`).
 * @property {boolean} retryable Whether errors with this status are retryable unless their code
 *   says otherwise.
 */

/** @type {ReadonlyMap<number, StatusInfo>} */
const STATUS_BY_CODE = /* @__PURE__ */ new Map(
  /* @__PURE__ */ STATUSES.map((row) => [row.status, row]),
);

/**
 * True for a code this version of the catalog knows.
 *
 * @param {unknown} value Anything, typically `error.code` of a response body.
 * @returns {value is import("./codes.js").ErrorCode}
 */
export function isErrorCode(value) {
  return typeof value === "string" && Object.hasOwn(ERROR_CODE_INFO, value);
}

/**
 * Whether errors with an HTTP status are retryable when their code does not say: never outside
 * 400 to 599; else the status table's setting, else true for 429 and 5xx.
 *
 * @param {number} status An HTTP status.
 * @returns {boolean}
 */
export function isRetryableStatus(status) {
  if (!isErrorStatus(status)) {
    return false;
  }
  const row = STATUS_BY_CODE.get(status);
  return row === undefined
    ? status === TOO_MANY_REQUESTS || isServerErrorStatus(status)
    : row.retryable;
}

/**
 * True for an error status (4xx or 5xx): only these can be retryable. Not exported from the
 * package's entry.
 *
 * @param {number} status An HTTP status.
 * @returns {boolean}
 */
export function isErrorStatus(status) {
  return status >= ERROR_STATUSES.first && status <= ERROR_STATUSES.last;
}

/**
 * The title of an HTTP status in the catalog's table (e.g. `Not Found`), or `null`.
 *
 * @param {number} status An HTTP status.
 * @returns {string | null}
 */
export function statusTitle(status) {
  return STATUS_BY_CODE.get(status)?.title ?? null;
}

/**
 * True for a server error status (5xx), which is retryable by default and a `ServerError`.
 * Not exported from the package's entry.
 *
 * @param {number} status An HTTP status.
 * @returns {boolean}
 */
export function isServerErrorStatus(status) {
  return status >= SERVER_ERROR_STATUSES.first && status <= SERVER_ERROR_STATUSES.last;
}
