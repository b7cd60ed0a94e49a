/**
 * When a call is tried again, and after how long (SPEC §11). Only requests that cannot
 * act twice are retried: reads, keyed creates, `If-Match` writes and deletes. They are
 * retried when the answer says to come back (503, 429, and 409 for an idempotency key
 * still in flight) or when no answer came, within a number of attempts and a total time.
 */
import { type TasksApiError, TasksNetworkError } from './errors.js';

/** How calls are retried; every field has a default. */
export interface RetryOptions {
  /** Tries in all, the first included; default 3. `1` never retries. */
  readonly attempts?: number | undefined;
  /** The first backoff step, doubled on each retry (full jitter); default 200 ms. */
  readonly baseDelayMs?: number | undefined;
  /** The longest wait between two tries, `Retry-After` included; default 5,000 ms. */
  readonly maxDelayMs?: number | undefined;
  /** No retry starts once the call's waits would take it past this; default 20,000 ms. */
  readonly totalMs?: number | undefined;
  /** Told before each wait: for logs and metrics. */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** A retry about to happen. */
export interface RetryEvent {
  readonly method: string;
  readonly url: string;
  /** The try that failed: 1 for the first. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: TasksApiError | TasksNetworkError;
}

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly totalMs: number;
  readonly onRetry?: (event: RetryEvent) => void;
}

export const retryPolicy = ({
  attempts = 3,
  baseDelayMs = 200,
  maxDelayMs = 5000,
  totalMs = 20_000,
  onRetry,
}: RetryOptions = {}): RetryPolicy => ({
  // A field given as `undefined` takes its default too.
  attempts,
  baseDelayMs,
  maxDelayMs,
  totalMs,
  ...(onRetry === undefined ? {} : { onRetry }),
});

/**
 * Whether a request may be sent twice: it cannot create, change or remove anything twice
 * (a create with its `Idempotency-Key` is answered by a replay, a conditional write
 * applies once, a second delete finds nothing). A PATCH without `If-Match` could apply
 * twice: never retried.
 */
export const isRetrySafe = (method: string, headers: Readonly<Record<string, string>>): boolean =>
  method === 'GET' ||
  method === 'DELETE' ||
  (method === 'POST' && 'idempotency-key' in headers) ||
  (method === 'PATCH' && 'if-match' in headers);

const RETRIED_STATUSES = new Set([429, 503]);

/**
 * The wait before trying again after `error` on try `attempt`, or `undefined` when this
 * failure is final: the answer's `Retry-After` when it gave one, else an exponential
 * backoff with full jitter; capped at `maxDelayMs`.
 */
export const retryDelay = (
  error: TasksApiError | TasksNetworkError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined => {
  const comeBack =
    error instanceof TasksNetworkError ||
    RETRIED_STATUSES.has(error.status) ||
    error.code === 'idempotency_key_in_flight';
  if (!comeBack) return undefined;
  const asked = error instanceof TasksNetworkError ? undefined : error.retryAfterMs;
  const backoff = random() * policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(asked ?? backoff, policy.maxDelayMs);
};

/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds: delay-seconds or an HTTP-date;
 * `undefined` when absent or unreadable.
 */
export const parseRetryAfter = (value: string | null, now: number): number | undefined => {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
