// @ts-check

/**
 * Retrying requests: exponential backoff with jitter and a cap, by default only for errors the
 * catalog marks retryable and for network failures of `fetch` ({@link isNetworkError}),
 * honouring `Retry-After`; `retryIf` decides otherwise.
 *
 * @module
 */

import { isApiError } from "./api-error.js";
import { isConnectionError } from "./connection.js";

/**
 * An `AbortSignal`, or anything with the same `aborted`, `reason` and abort listeners.
 *
 * @typedef {object} AbortSignalLike
 * @property {boolean} aborted Whether the operation was aborted.
 * @property {unknown} [reason] Why: what {@link withRetry} rejects with.
 * @property {(type: "abort", listener: () => void) => void} addEventListener Adds an abort
 *   listener.
 * @property {(type: "abort", listener: () => void) => void} removeEventListener Removes it.
 */

/**
 * What {@link RetryOptions.onRetry} is told before each wait.
 *
 * @typedef {object} RetryEvent
 * @property {number} attempt The attempt that failed, from 1.
 * @property {number} delayMs How long {@link withRetry} now waits before the next attempt.
 * @property {unknown} error What the failed attempt threw.
 */

/**
 * How {@link withRetry} retries. Every member is optional.
 *
 * @typedef {object} RetryOptions
 * @property {number | undefined} [maxAttempts] Attempts in all, the first included (default 3).
 * @property {number | undefined} [baseDelayMs] Backoff before the second attempt; doubles each
 *   time (default 500).
 * @property {number | undefined} [maxDelayMs] The longest wait; a `Retry-After` longer than this
 *   ends the retries (default 30000).
 * @property {AbortSignalLike | undefined} [signal] Aborting it stops the retries, even during a
 *   wait.
 * @property {((error: unknown) => boolean) | undefined} [retryIf] Whether a failed attempt may be
 *   retried, whatever it threw (default {@link isRetryable}). `maxAttempts`, `maxDelayMs` and
 *   `signal` still bound the retries.
 * @property {((event: RetryEvent) => void) | undefined} [onRetry] Called before each wait.
 * @property {(() => number) | undefined} [random] Jitter source in [0, 1) (default `Math.random`).
 */

/**
 * The defaults of {@link RetryOptions}.
 *
 * @type {Readonly<{ maxAttempts: number, baseDelayMs: number, maxDelayMs: number }>}
 */
export const DEFAULT_RETRY_OPTIONS = /* @__PURE__ */ Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 30000,
});

/**
 * What `fetch` rejects with when no response arrived, by runtime: a `TypeError` with one of these
 * messages (undici in Node and its body streams, Chromium, Firefox, Safari, Cloudflare Workers),
 * or one that starts with `DENO_PREFIX`.
 */
const NETWORK_ERROR_MESSAGES = /* @__PURE__ */ new Set([
  "fetch failed",
  "terminated",
  "Failed to fetch",
  "NetworkError when attempting to fetch resource.",
  "Load failed",
  "The network connection was lost.",
  "Network connection lost.",
]);
const DENO_PREFIX = "error sending request for url";

/**
 * True for what `fetch` rejects with when no response arrived (refused or reset connection, DNS
 * failure, a body cut off mid-read): a `TypeError` whose message is that of a network failure in
 * Node (undici), browsers, Deno or Workers. A `TypeError` from a bug in the caller's code
 * (`x is not a function`, reading a property of `undefined`) has another message and is not one.
 * Neither is an abort (`AbortError`, `TimeoutError`): the caller asked for it.
 *
 * @param {unknown} error What an attempt threw.
 * @returns {boolean}
 */
export function isNetworkError(error) {
  if (!(error instanceof TypeError)) {
    return false;
  }
  return NETWORK_ERROR_MESSAGES.has(error.message) || error.message.startsWith(DENO_PREFIX);
}

/**
 * Whether a failed attempt may be retried by default: an `ApiError` the catalog marks retryable
 * (never one of a status outside 400 to 599), or a request that got no response: a
 * `ConnectionError` (`connection.js`) or the network failure of `fetch` it wraps
 * ({@link isNetworkError}).
 * Anything else, a bug in the caller's code included, is thrown at once. `retryIf` of
 * {@link withRetry} replaces this rule.
 *
 * @param {unknown} error What the attempt threw.
 * @returns {boolean}
 */
export function isRetryable(error) {
  if (isApiError(error)) {
    return error.retryable;
  }
  return isConnectionError(error) || isNetworkError(error);
}

/**
 * How long to wait after failed attempt `attempt` (from 1): the error's `Retry-After` exactly
 * when the server sent one, else exponential backoff `baseDelayMs * 2 ** (attempt - 1)`, at
 * most `maxDelayMs`, with equal jitter (half fixed, half random).
 *
 * @param {number} attempt The attempt that failed, from 1.
 * @param {unknown} error What it threw.
 * @param {RetryOptions} [options] The same options as {@link withRetry}.
 * @returns {number} Milliseconds.
 */
export function retryDelay(attempt, error, options = {}) {
  const base = options.baseDelayMs ?? DEFAULT_RETRY_OPTIONS.baseDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs;
  const random = options.random ?? Math.random;
  if (isApiError(error) && error.retryAfterMs !== null) {
    return Math.round(error.retryAfterMs);
  }
  const backoff = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(backoff / 2 + (random() * backoff) / 2);
}

/**
 * Runs `fn` until it succeeds, retrying what `retryIf` (by default {@link isRetryable}) accepts
 * with {@link retryDelay} between attempts, at most `maxAttempts` times in all. Rejects with the
 * last error; at once with an error whose `Retry-After` is longer than `maxDelayMs` (retrying
 * sooner would ignore the server, waiting longer is the caller's call: `error.retryAfterMs` says
 * how long); and at once with the signal's reason when `signal` is aborted (before an attempt or
 * during a wait).
 *
 * @template T
 * @param {(attempt: number) => Promise<T>} fn One attempt; receives its number, from 1.
 * @param {RetryOptions} [options] How to retry.
 * @returns {Promise<T>} What `fn` resolved to.
 */
export async function withRetry(fn, options = {}) {
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_OPTIONS.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  const signal = options.signal;
  const retryIf = options.retryIf ?? isRetryable;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    try {
      return await fn(attempt);
    } catch (error) {
      throwIfAborted(signal);
      if (attempt >= maxAttempts || !retryIf(error) || waitsTooLong(error, options)) {
        throw error;
      }
      const delayMs = retryDelay(attempt, error, options);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}

/**
 * Whether the server asked for a longer wait than `maxDelayMs` allows.
 *
 * @param {unknown} error
 * @param {RetryOptions} options
 * @returns {boolean}
 */
function waitsTooLong(error, options) {
  const max = options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs;
  return isApiError(error) && error.retryAfterMs !== null && error.retryAfterMs > max;
}

/**
 * @param {AbortSignalLike | undefined} signal
 */
function throwIfAborted(signal) {
  if (signal?.aborted) {
    throw abortReason(signal);
  }
}

/**
 * @param {AbortSignalLike} signal
 * @returns {unknown}
 */
function abortReason(signal) {
  return signal.reason ?? new Error("The operation was aborted");
}

/**
 * Waits `ms` milliseconds, or rejects with the abort reason as soon as `signal` aborts.
 *
 * @param {number} ms
 * @param {AbortSignalLike | undefined} signal
 * @returns {Promise<void>}
 */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal === undefined) {
      setTimeout(resolve, ms);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort);
  });
}
