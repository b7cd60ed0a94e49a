import { StorageUnavailableError } from '@tasks/domain';

/** Seconds a client should wait after throttling, and after the store could not be reached. */
export const RETRY_AFTER_THROTTLED_SECONDS = 1;
export const RETRY_AFTER_UNREACHABLE_SECONDS = 5;

// Errors that the SDK retries and that may still surface once its attempts are spent.
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
const UNREACHABLE = new Set([
  'InternalServerError',
  'ServiceUnavailable',
  'InternalFailure',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // A call the repository's signal ended: the store did not answer before the deadline.
  'AbortError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

const field = (error: object, name: string): unknown => Reflect.get(error, name);

/**
 * Seconds to wait before retrying, when `error` means the store is throttled or out of
 * reach; `undefined` for every other error (a defect, which must surface as one).
 */
export const retryAfterSeconds = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = field(error, 'name');
  const code = field(error, 'code');
  if (typeof name === 'string' && THROTTLED.has(name)) return RETRY_AFTER_THROTTLED_SECONDS;
  if (typeof name === 'string' && UNREACHABLE.has(name)) return RETRY_AFTER_UNREACHABLE_SECONDS;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return RETRY_AFTER_UNREACHABLE_SECONDS;
  const cause = field(error, 'cause');
  return cause === undefined || cause === error ? undefined : retryAfterSeconds(cause);
};

/** `StorageUnavailableError` for throttling and outages; any other error, unchanged. */
export const translateStorageError = (error: unknown): unknown => {
  const seconds = retryAfterSeconds(error);
  return seconds === undefined ? error : new StorageUnavailableError(seconds, { cause: error });
};
