// @ts-check

/**
 * From a failed response to an {@link ApiError}: one decision from (status, headers, body), the
 * same in every package generated from the catalog.
 *
 * - class: by the status family alone (`RateLimitError` for 429, `ServerError` for any 5xx, …),
 *   else `ApiError`;
 * - `code`: `error.code` of the JSON envelope when this version knows it (`rawCode` keeps it
 *   as received);
 * - `message`: the first of `error.message`, `error` when it is a string
 *   (`{"error":"Invalid token"}`), a top-level `message`, the catalog's message of the code,
 *   the catalog's title of the status, `HTTP status <status>`;
 * - `requestId`: `meta.request_id`, else the `X-Request-Id` header;
 * - `retryable`: never outside 400 to 599; else the code's setting, else the status's;
 * - `retryAfterMs`: the `Retry-After` header (delay-seconds or any of the three HTTP-date forms),
 *   `null` when it is malformed, negative or more than a day away;
 * - the body is read up to 1 MiB; the rest is dropped (`bodyTruncated`).
 *
 * @module
 */

import { classFor } from "./family-table.js";

/** @import { ApiError, ApiErrorInit } from "./api-error.js" */
/** @import { ErrorDetails } from "./codes.js" */

/**
 * The headers of a response: the `Headers` of `fetch`, or anything with the same `get` (and,
 * to keep every header on the error, `forEach`).
 *
 * @typedef {object} HeadersLike
 * @property {(name: string) => string | null} get Returns a header's value, or `null`.
 */

/**
 * Headers in any usual shape: a {@link HeadersLike} (`Headers`), name/value pairs, or a record
 * (values a string or a list of strings). Names are matched without regard to case.
 *
 * @typedef {HeadersLike
 *   | Iterable<readonly [string, string]>
 *   | Readonly<Record<string, string | readonly string[] | undefined>>} HeadersInput
 */

/**
 * A failed response: the `Response` of `fetch` (browsers, Node, Deno, Bun, undici), or
 * anything with the same `status`, `headers` and `text()`.
 *
 * @typedef {object} ResponseLike
 * @property {number} status The HTTP status.
 * @property {HeadersLike} headers The response headers.
 * @property {() => Promise<string>} text Reads the whole body as text.
 */

/**
 * Options of {@link errorFromParts}.
 *
 * @typedef {object} PartsOptions
 * @property {number | undefined} [now] The current time in milliseconds since the epoch, for a
 *   `Retry-After` date (default `Date.now()`).
 * @property {boolean | undefined} [bodyTruncated] Whether `body` is only the start of the body
 *   (a body longer than 1 MiB is cut there and marked truncated in any case).
 */

/** The most of a body that is read: 1 MiB. The rest is dropped. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** The longest `Retry-After` taken seriously: one day. Beyond that it is absurd, and ignored. */
const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/;
/** The obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC_850 = /^([A-Za-z]+), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/;
/** The obsolete asctime form: `Sun Nov  6 08:49:37 1994`. */
const ASCTIME = /^([A-Za-z]{3}) ([A-Za-z]{3}) ([ \d]\d) (\d{2}:\d{2}:\d{2}) (\d{4})$/;

/**
 * The fields of an HTTP date, as written.
 *
 * @typedef {object} DateFields
 * @property {readonly string[]} weekdays The weekday names of its form.
 * @property {string} weekday
 * @property {string} day
 * @property {string} month
 * @property {number} year
 * @property {string} time `hh:mm:ss`.
 */

/**
 * The fields of an HTTP date in any of the three forms of RFC 9110 §5.6.7, or `null`.
 *
 * @param {string} text
 * @param {number} now For the century of a two-digit RFC 850 year.
 * @returns {DateFields | null}
 */
function dateFields(text, now) {
  let match = IMF_FIXDATE.exec(text);
  if (match !== null) {
    const [, weekday = "", day = "", month = "", year = "", time = ""] = match;
    return { weekdays: WEEKDAYS, weekday, day, month, year: Number(year), time };
  }
  match = RFC_850.exec(text);
  if (match !== null) {
    const [, weekday = "", day = "", month = "", year = "", time = ""] = match;
    // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
    const thisYear = new Date(now).getUTCFullYear();
    let fullYear = Math.floor(thisYear / 100) * 100 + Number(year);
    if (fullYear > thisYear + 50) {
      fullYear -= 100;
    }
    return { weekdays: LONG_WEEKDAYS, weekday, day, month, year: fullYear, time };
  }
  match = ASCTIME.exec(text);
  if (match !== null) {
    const [, weekday = "", month = "", day = "", time = "", year = ""] = match;
    return { weekdays: WEEKDAYS, weekday, day: day.trim(), month, year: Number(year), time };
  }
  return null;
}

/**
 * Reads an HTTP date in any of the three forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850,
 * asctime), as milliseconds since the epoch, or `null`. The weekday must be a day name of the
 * form but is not checked against the date (RFC 9110 asks recipients to be robust).
 *
 * @param {string} text
 * @param {number} now For the century of a two-digit RFC 850 year.
 * @returns {number | null}
 */
function parseHttpDate(text, now) {
  const fields = dateFields(text, now);
  if (fields === null) {
    return null;
  }
  const month = MONTHS.indexOf(fields.month);
  const [day, hour, minute, second] = [fields.day, ...fields.time.split(":")].map(Number);
  if (
    month < 0 ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const date = new Date(Date.UTC(fields.year, month, day, hour, minute, second));
  // A day name of the form, and no 31 Feb (which Date.UTC would roll over).
  const valid =
    fields.weekdays.includes(fields.weekday) &&
    date.getUTCFullYear() === fields.year &&
    date.getUTCMonth() === month &&
    date.getUTCDate() === day;
  return valid ? date.getTime() : null;
}

/**
 * Reads a `Retry-After` header as milliseconds from `now`: delay-seconds (`120`) or an HTTP date
 * in any of the three forms of RFC 9110 (`Sun, 06 Nov 1994 08:49:37 GMT`,
 * `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`). A date in the past gives 0.
 * A missing or malformed value (negative, fractional, garbage) gives `null`, and so does one
 * more than a day (86,400 s) away: absurd, not a wait to honour.
 *
 * @param {string | null | undefined} value The header's value.
 * @param {number} [now] The current time in milliseconds since the epoch (`Date.now()`).
 * @returns {number | null}
 */
export function parseRetryAfter(value, now = Date.now()) {
  if (typeof value !== "string") {
    return null;
  }
  const text = value.replace(/^[ \t]+|[ \t]+$/g, "");
  /** @type {number | null} */
  let ms = null;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const date = parseHttpDate(text, now);
    ms = date === null ? null : Math.max(0, date - now);
  }
  return ms === null || ms > MAX_RETRY_AFTER_SECONDS * 1000 ? null : ms;
}

/**
 * Turns the parts of an error response into an {@link ApiError}, synchronously; never throws.
 * The decision of the module's documentation: a body that is not the JSON error envelope (an
 * HTML page from a gateway, empty, truncated or invalid JSON, missing fields) still gives an
 * error with the status, the headers and the raw text.
 *
 * @param {number} status The HTTP status of the response.
 * @param {HeadersInput | null | undefined} headers The response headers.
 * @param {string | Uint8Array | ArrayBuffer | null | undefined} body The body, as text or bytes
 *   (UTF-8); only its first 1 MiB is read.
 * @param {PartsOptions} [options] The time for a `Retry-After` date; whether the body was cut.
 * @returns {ApiError}
 */
export function errorFromParts(status, headers, body, options = {}) {
  const statusCode = Number.isInteger(status) ? status : 0;
  const headerRecord = headerRecordOf(headers);
  const [text, cut] = limitBody(body);
  const envelope = parseEnvelope(text);
  const headerRequestId = headerRecord["x-request-id"]?.trim();
  const requestId = envelope.requestId || headerRequestId || null;
  const ErrorClass = classFor(statusCode);
  return new ErrorClass({
    status: statusCode,
    ...envelope,
    requestId,
    retryAfterMs: parseRetryAfter(headerRecord["retry-after"], options.now),
    body: text,
    bodyTruncated: cut || options.bodyTruncated === true,
    headers: headerRecord,
  });
}

/**
 * Turns the body of an error response into an {@link ApiError}; never throws. The same as
 * {@link errorFromParts}`(status, headers, body)`.
 *
 * @param {number} status The HTTP status of the response.
 * @param {string} body The raw response body.
 * @param {HeadersInput | null} [headers] The response headers.
 * @returns {ApiError}
 */
export function errorFromBody(status, body, headers = null) {
  return errorFromParts(status, headers, body);
}

/**
 * Turns a failed `fetch` response into an {@link ApiError} of the right subclass. The returned
 * promise never rejects: whatever the body holds, it resolves to an error that keeps the status,
 * the headers and the text received. Reads at most 1 MiB of the body, then cancels the rest
 * (`bodyTruncated`); a body cut off by a failed connection keeps what arrived.
 *
 * @param {ResponseLike} response The failed response (its body not yet read).
 * @returns {Promise<ApiError>}
 */
export async function errorFromResponse(response) {
  let status = 0;
  /** @type {HeadersLike | null} */
  let headers = null;
  try {
    status = response.status;
    headers = response.headers;
  } catch {
    // Not a response: an error with status 0 and an empty body.
  }
  const [body, truncated] = await readBody(response);
  return errorFromParts(status, headers, body, { bodyTruncated: truncated });
}

/**
 * Reads at most {@link BODY_LIMIT_BYTES} of a body, chunk by chunk, and cancels the rest.
 * Returns the bytes (or the text of a response without a stream) and whether the body was not
 * read to its end.
 *
 * @param {ResponseLike} response
 * @returns {Promise<[string | Uint8Array, boolean]>}
 */
async function readBody(response) {
  /** @type {unknown} */
  let stream = null;
  try {
    stream = Reflect.get(response, "body");
  } catch {
    return ["", false];
  }
  if (typeof stream !== "object" || stream === null || !("getReader" in stream)) {
    try {
      const text = await response.text();
      return [typeof text === "string" ? text : "", false];
    } catch {
      return ["", false];
    }
  }
  /** @type {Uint8Array[]} */
  const chunks = [];
  let length = 0;
  let truncated = false;
  /** @type {ReadableStreamDefaultReader<Uint8Array> | null} */
  let reader = null;
  try {
    reader = /** @type {ReadableStream<Uint8Array>} */ (stream).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      length += value.byteLength;
      if (length > BODY_LIMIT_BYTES) {
        truncated = true;
        reader.cancel().catch(() => {});
        break;
      }
    }
  } catch {
    // Cut off (or not readable): keep what arrived.
    truncated = reader !== null;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return [bytes, truncated];
}

/**
 * The body as text, at most {@link BODY_LIMIT_BYTES} of it (UTF-8, invalid bytes replaced),
 * and whether it was cut.
 *
 * @param {string | Uint8Array | ArrayBuffer | null | undefined} body
 * @returns {[string, boolean]}
 */
function limitBody(body) {
  /** @type {Uint8Array} */
  let bytes;
  if (typeof body === "string") {
    // A string of n UTF-16 units is at most 3n bytes of UTF-8: short ones need no encoding.
    if (body.length * 3 <= BODY_LIMIT_BYTES) {
      return [body, false];
    }
    bytes = new TextEncoder().encode(body);
  } else if (body instanceof Uint8Array) {
    bytes = body;
  } else if (body instanceof ArrayBuffer) {
    bytes = new Uint8Array(body);
  } else {
    return ["", false];
  }
  const cut = bytes.byteLength > BODY_LIMIT_BYTES;
  const kept = cut ? bytes.subarray(0, BODY_LIMIT_BYTES) : bytes;
  return [new TextDecoder().decode(kept), cut];
}

/**
 * The headers as a record, names in lower case, repeated headers joined with `, `. Headers that
 * cannot be listed (an object with only `get`) keep the two that the decision reads.
 *
 * @param {HeadersInput | null | undefined} headers
 * @returns {Record<string, string>}
 */
function headerRecordOf(headers) {
  /** @type {Record<string, string>} */
  const record = Object.create(null);
  /** @type {(name: unknown, value: unknown) => void} */
  const add = (name, value) => {
    if (typeof name !== "string") {
      return;
    }
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item === "string") {
        const key = name.toLowerCase();
        const previous = record[key];
        record[key] = previous === undefined ? item : `${previous}, ${item}`;
      }
    }
  };
  try {
    if (typeof headers !== "object" || headers === null) {
      return record;
    }
    const forEach = Reflect.get(headers, "forEach");
    if (typeof forEach === "function" && !Array.isArray(headers)) {
      // `Headers`: names already in lower case, repeated headers already joined.
      /** @type {(value: unknown, name: unknown) => void} */
      const each = (value, name) => add(name, value);
      forEach.call(headers, each);
    } else if (Symbol.iterator in headers) {
      for (const pair of /** @type {Iterable<unknown>} */ (headers)) {
        if (Array.isArray(pair)) {
          add(pair[0], pair[1]);
        }
      }
    } else if (typeof Reflect.get(headers, "get") === "function") {
      const like = /** @type {HeadersLike} */ (headers);
      for (const name of ["retry-after", "x-request-id"]) {
        add(name, like.get(name));
      }
    } else {
      for (const [name, value] of Object.entries(headers)) {
        add(name, value);
      }
    }
  } catch {
    // Headers that cannot be read (to the end) keep what was read.
  }
  return { ...record };
}

/**
 * What the body says, by the decision of the module's documentation; each member `undefined`
 * when the body does not say it.
 *
 * @param {string} body
 * @returns {Omit<ApiErrorInit, "status">}
 */
function parseEnvelope(body) {
  /** @type {unknown} */
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  const error = member(json, "error");
  const meta = member(json, "meta");
  const details = member(error, "details");
  return {
    code: string(member(error, "code")),
    message:
      nonEmpty(member(error, "message")) ?? nonEmpty(error) ?? nonEmpty(member(json, "message")),
    details: isObject(details) ? detailsOf(details) : undefined,
    requestId: nonEmpty(member(meta, "request_id")),
    timestamp: string(member(meta, "timestamp")),
  };
}

/**
 * `error.details`: its `field` and `issue` when they are strings.
 *
 * @param {object} details
 * @returns {ErrorDetails}
 */
function detailsOf(details) {
  const field = string(member(details, "field"));
  const issue = string(member(details, "issue"));
  return { ...(field === undefined ? {} : { field }), ...(issue === undefined ? {} : { issue }) };
}

/**
 * True for a JSON object (not an array, not null).
 *
 * @param {unknown} value
 * @returns {value is object}
 */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An own member of a JSON object, or `undefined`.
 *
 * @param {unknown} value
 * @param {string} key
 * @returns {unknown}
 */
function member(value, key) {
  return isObject(value) && Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined;
}

/**
 * A string, or `undefined`.
 *
 * @param {unknown} value
 * @returns {string | undefined}
 */
function string(value) {
  return typeof value === "string" ? value : undefined;
}

/**
 * A non-empty string, or `undefined`.
 *
 * @param {unknown} value
 * @returns {string | undefined}
 */
function nonEmpty(value) {
  return typeof value === "string" && value !== "" ? value : undefined;
}
