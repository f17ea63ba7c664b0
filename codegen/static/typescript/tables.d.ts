/**
 * The shapes of the catalog's category and status tables (`codes.js` holds their rows), and the
 * questions the tables answer: is a string a code of this version, is a status retryable, what
 * is its title.
 *
 * @module
 */

import type { Category, ErrorCode } from "./codes.js";

/** A category of error codes. */
export interface CategoryInfo {
  /** Its identifier. */
  readonly id: Category;
  /** Its title. */
  readonly title: string;
  /** What its codes have in common. */
  readonly description: string;
}

/** A row of the catalog's HTTP status table. */
export interface StatusInfo {
  /** The HTTP status. */
  readonly status: number;
  /** Its title (e.g. `Not Found`). */
  readonly title: string;
  /** Whether errors with this status are retryable unless their code says otherwise. */
  readonly retryable: boolean;
}

/**
 * True for a code this version of the catalog knows.
 *
 * @param value Anything, typically `error.code` of a response body.
 */
export declare function isErrorCode(value: unknown): value is ErrorCode;

/**
 * Whether errors with an HTTP status are retryable when their code does not say: never outside
 * 400 to 599; else the status table's setting, else true for 429 and 5xx.
 *
 * @param status An HTTP status.
 */
export declare function isRetryableStatus(status: number): boolean;

/**
 * True for an error status (4xx or 5xx): only these can be retryable. Not exported from the
 * package's entry.
 *
 * @param status An HTTP status.
 */
export declare function isErrorStatus(status: number): boolean;

/**
 * The title of an HTTP status in the catalog's table (e.g. `Not Found`), or `null`.
 *
 * @param status An HTTP status.
 */
export declare function statusTitle(status: number): string | null;

/**
 * True for a server error status (5xx), which is retryable by default and a `ServerError`.
 * Not exported from the package's entry.
 *
 * @param status An HTTP status.
 */
export declare function isServerErrorStatus(status: number): boolean;
