import {
  StorageUnavailableError,
  type TaskError,
  type TaskErrorCode,
  ValidationError,
} from '@tasks/domain';
import type { HttpResponse } from './http-response.js';
import { type ProblemSpec, problemResponse } from './problem.js';

interface DomainProblem {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  /** What the error adds to its problem: field errors, headers. */
  readonly extras?: (error: TaskError) => Pick<ProblemSpec, 'errors' | 'headers'>;
}

/** `Retry-After` takes whole seconds (RFC 9110 §10.2.3); never 0, never a fraction. */
const retryAfter = (error: TaskError): Pick<ProblemSpec, 'headers'> => {
  const seconds = error instanceof StorageUnavailableError ? error.retryAfterSeconds : Number.NaN;
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
  return { headers: { 'Retry-After': String(whole) } };
};

/**
 * The one place where a domain error becomes an HTTP status (SPEC §4). `satisfies`
 * makes a new `TaskErrorCode` fail to compile until it is mapped here: no silent 500.
 */
export const DOMAIN_PROBLEMS = {
  validation_failed: {
    status: 400,
    slug: 'validation',
    title: 'Request validation failed',
    extras: (error) => ({ errors: error instanceof ValidationError ? error.issues : [] }),
  },
  task_not_found: { status: 404, slug: 'task-not-found', title: 'Task not found' },
  task_already_exists: { status: 409, slug: 'task-already-exists', title: 'Task already exists' },
  idempotency_key_in_flight: {
    status: 409,
    slug: 'idempotency-key-in-flight',
    title: 'A request with this idempotency key is in progress',
  },
  version_conflict: {
    status: 412,
    slug: 'version-conflict',
    title: 'The task is not at the expected version',
  },
  idempotency_key_reused: {
    status: 422,
    slug: 'idempotency-key-reused',
    title: 'The idempotency key was used with another request body',
  },
  storage_unavailable: {
    status: 503,
    slug: 'storage-unavailable',
    title: 'Storage is temporarily unavailable',
    extras: retryAfter,
  },
} as const satisfies Record<TaskErrorCode, DomainProblem>;

/**
 * The problem response of a domain error. Domain messages are written for clients (they
 * name ids, keys and versions the caller sent or owns), so they become the `detail`.
 */
export const domainProblemResponse = (error: TaskError): HttpResponse => {
  const mapping: DomainProblem = DOMAIN_PROBLEMS[error.code];
  return problemResponse({
    status: mapping.status,
    slug: mapping.slug,
    title: mapping.title,
    code: error.code,
    detail: error.message,
    ...mapping.extras?.(error),
  });
};
