/**
 * Retrying requests: exponential backoff with jitter and a cap, by default only for errors the
 * catalog marks retryable and for network failures of `fetch` ({@link isNetworkError}),
 * honouring `Retry-After`; `retryIf` decides otherwise.
 *
 * @module
 */

/** An `AbortSignal`, or anything with the same `aborted`, `reason` and abort listeners. */
export interface AbortSignalLike {
  /** Whether the operation was aborted. */
  readonly aborted: boolean;
  /** Why: what {@link withRetry} rejects with. */
  readonly reason?: unknown;
  /** Adds an abort listener. */
  addEventListener(type: "abort", listener: () => void): void;
  /** Removes it. */
  removeEventListener(type: "abort", listener: () => void): void;
}

/** What {@link RetryOptions.onRetry} is told before each wait. */
export interface RetryEvent {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** How long {@link withRetry} now waits before the next attempt. */
  readonly delayMs: number;
  /** What the failed attempt threw. */
  readonly error: unknown;
}

/** How {@link withRetry} retries. Every member is optional. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  readonly maxAttempts?: number | undefined;
  /** Backoff before the second attempt; doubles each time (default 500). */
  readonly baseDelayMs?: number | undefined;
  /** The longest wait; a `Retry-After` longer than this ends the retries (default 30000). */
  readonly maxDelayMs?: number | undefined;
  /** Aborting it stops the retries, even during a wait. */
  readonly signal?: AbortSignalLike | undefined;
  /**
   * Whether a failed attempt may be retried, whatever it threw (default {@link isRetryable}).
   * `maxAttempts`, `maxDelayMs` and `signal` still bound the retries.
   */
  readonly retryIf?: ((error: unknown) => boolean) | undefined;
  /** Called before each wait. */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: (() => number) | undefined;
}

/** The defaults of {@link RetryOptions}. */
export declare const DEFAULT_RETRY_OPTIONS: Readonly<{
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}>;

/**
 * True for what `fetch` rejects with when no response arrived (refused or reset connection, DNS
 * failure, a body cut off mid-read): a `TypeError` whose message is that of a network failure in
 * Node (undici), browsers, Deno or Workers. A `TypeError` from a bug in the caller's code
 * (`x is not a function`, reading a property of `undefined`) has another message and is not one.
 * Neither is an abort (`AbortError`, `TimeoutError`): the caller asked for it.
 *
 * @param error What an attempt threw.
 */
export declare function isNetworkError(error: unknown): boolean;

/**
 * Whether a failed attempt may be retried by default: an `ApiError` the catalog marks retryable
 * (never one of a status outside 400 to 599), or a request that got no response: a
 * `ConnectionError` (`connection.js`) or the network failure of `fetch` it wraps
 * ({@link isNetworkError}).
 * Anything else, a bug in the caller's code included, is thrown at once. `retryIf` of
 * {@link withRetry} replaces this rule.
 *
 * @param error What the attempt threw.
 */
export declare function isRetryable(error: unknown): boolean;

/**
 * How long to wait after failed attempt `attempt` (from 1): the error's `Retry-After` exactly
 * when the server sent one, else exponential backoff `baseDelayMs * 2 ** (attempt - 1)`, at
 * most `maxDelayMs`, with equal jitter (half fixed, half random).
 *
 * @param attempt The attempt that failed, from 1.
 * @param error What it threw.
 * @param options The same options as {@link withRetry}.
 * @returns Milliseconds.
 */
export declare function retryDelay(attempt: number, error: unknown, options?: RetryOptions): number;

/**
 * Runs `fn` until it succeeds, retrying what `retryIf` (by default {@link isRetryable}) accepts
 * with {@link retryDelay} between attempts, at most `maxAttempts` times in all. Rejects with the
 * last error; at once with an error whose `Retry-After` is longer than `maxDelayMs` (retrying
 * sooner would ignore the server, waiting longer is the caller's call: `error.retryAfterMs` says
 * how long); and at once with the signal's reason when `signal` is aborted (before an attempt or
 * during a wait).
 *
 * @param fn One attempt; receives its number, from 1.
 * @param options How to retry.
 * @returns What `fn` resolved to.
 */
export declare function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options?: RetryOptions,
): Promise<T>;
