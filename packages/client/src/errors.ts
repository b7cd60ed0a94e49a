/**
 * The client's errors. An answer of the API that is not a success is a
 * {@link TasksApiError} carrying the problem's `code` (SPEC §4); a request that got no
 * answer is a {@link TasksNetworkError}; a cancelled call rejects with what the platform
 * throws for its `AbortSignal` (a `DOMException` named `AbortError` unless the signal
 * was given another reason).
 */
import type { TaskErrorCode } from '@tasks/domain';

/** The domain's codes (`@tasks/domain`'s `TASK_ERROR_CODES`; a test checks the two agree). */
const DOMAIN_CODES = [
  'validation_failed',
  'task_not_found',
  'task_already_exists',
  'version_conflict',
  'idempotency_key_reused',
  'idempotency_key_in_flight',
  'storage_unavailable',
] as const satisfies readonly TaskErrorCode[];

/**
 * Every code a {@link TasksApiError} can carry: the domain's; the HTTP layer's
 * (`@tasks/adapter-lambda`'s `HttpProblemCode`, checked by a test); then the codes this
 * client gives to answers without one, by status: API Gateway's own plain bodies (its
 * authorizer's 401 `{"message":"Unauthorized"}` becomes `unauthorized`, its throttling
 * 429 `too_many_requests`, its 503 `service_unavailable`) and anything else that is not
 * the API's (`unexpected_response`).
 */
export const TASKS_API_ERROR_CODES = [
  ...DOMAIN_CODES,
  'malformed_json',
  'unauthorized',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
  'too_many_requests',
  'service_unavailable',
  'unexpected_response',
] as const;

export type TasksApiErrorCode = (typeof TASKS_API_ERROR_CODES)[number];

/** The code of an answer whose body names none (API Gateway's own answers). */
const CODE_OF_STATUS: Readonly<Record<number, TasksApiErrorCode>> = {
  401: 'unauthorized',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'service_unavailable',
};

/** One offending field of a validation problem (`title`, `query.limit`, `If-Match`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An answer of the API other than a success, read from its problem details. */
export class TasksApiError extends Error {
  override readonly name = 'TasksApiError';
  /**
   * Stable: switch on it (or use the guards, such as {@link isVersionConflict}). A code
   * this client does not know yet (a newer server) is kept as the server sent it.
   */
  readonly code: TasksApiErrorCode | (string & {});
  /** The problem's `title`, a short summary of its type; `undefined` when it had none. */
  readonly title: string | undefined;
  readonly detail: string;
  /** Every offending field of a validation problem; empty otherwise. */
  readonly errors: readonly FieldError[];
  /** `Retry-After` in milliseconds, when the answer had one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly status: number,
    body: unknown,
    retryAfterMs?: number,
  ) {
    const problem: Record<string, unknown> = isRecord(body) ? body : {};
    const code = text(problem['code']) ?? CODE_OF_STATUS[status] ?? 'unexpected_response';
    const detail = text(problem['detail']) ?? text(problem['message']) ?? `HTTP ${status}`;
    super(`${status} ${code}: ${detail}`);
    this.code = code;
    this.title = text(problem['title']);
    this.detail = detail;
    this.errors = Array.isArray(problem['errors']) ? problem['errors'].filter(isFieldError) : [];
    this.retryAfterMs = retryAfterMs;
  }
}

/** A request that got no answer (refused, reset, DNS): whether it reached the API is unknown. */
export class TasksNetworkError extends Error {
  override readonly name = 'TasksNetworkError';
  readonly code = 'network_error';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const isFieldError = (value: unknown): value is FieldError =>
  isRecord(value) && typeof value['path'] === 'string' && typeof value['message'] === 'string';

/** Whether `error` is an answer of the API, with `code` when given. */
export const isTasksApiError = (error: unknown, code?: TasksApiErrorCode): error is TasksApiError =>
  error instanceof TasksApiError && (code === undefined || error.code === code);

const guard =
  <C extends TasksApiErrorCode>(code: C) =>
  (error: unknown): error is TasksApiError & { readonly code: C } =>
    isTasksApiError(error, code);

// One guard per code of TASKS_API_ERROR_CODES (a test checks that none is missing).
export const isValidationFailed = guard('validation_failed');
export const isTaskNotFound = guard('task_not_found');
export const isTaskAlreadyExists = guard('task_already_exists');
export const isVersionConflict = guard('version_conflict');
export const isIdempotencyKeyReused = guard('idempotency_key_reused');
export const isIdempotencyKeyInFlight = guard('idempotency_key_in_flight');
export const isStorageUnavailable = guard('storage_unavailable');
export const isMalformedJson = guard('malformed_json');
export const isUnauthorized = guard('unauthorized');
export const isNotFound = guard('not_found');
export const isMethodNotAllowed = guard('method_not_allowed');
export const isPayloadTooLarge = guard('payload_too_large');
export const isUnsupportedMediaType = guard('unsupported_media_type');
export const isInternalError = guard('internal_error');
export const isTooManyRequests = guard('too_many_requests');
export const isServiceUnavailable = guard('service_unavailable');
export const isUnexpectedResponse = guard('unexpected_response');

/** Whether `error` is a request that got no answer. */
export const isTasksNetworkError = (error: unknown): error is TasksNetworkError =>
  error instanceof TasksNetworkError;
