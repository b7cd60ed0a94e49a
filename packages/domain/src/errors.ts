/**
 * Typed errors of the domain. Each class has a stable `code`: codes are public API
 * (clients and adapters switch on them), so they are never renamed; messages may change.
 * Messages are written for clients and bounded: what they quote of the input is
 * {@link echoed}, and a validation message lists at most {@link MAX_LISTED_ISSUES} issues.
 */
import { echoed } from './echo.js';

export { ECHO_MAX_LENGTH, echoed } from './echo.js';

/** Every code a {@link TaskError} can carry. */
export const TASK_ERROR_CODES = [
  'validation_failed',
  'task_not_found',
  'task_already_exists',
  'version_conflict',
  'idempotency_key_reused',
  'idempotency_key_in_flight',
  'storage_unavailable',
] as const;

export type TaskErrorCode = (typeof TASK_ERROR_CODES)[number];

/** One problem with one field of an input; `path` is dotted (`title`, `query.limit`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Marks a {@link TaskError} whichever copy of this package made it: every deployed bundle
 * carries its own copy, and the local runtime hands its bundles one in-memory repository
 * built from its own (issue 12), whose errors `instanceof` would not recognise.
 */
const TASK_ERROR = Symbol.for('tasks.domain.TaskError');

/** Base class of every error the domain and its ports promise. */
export abstract class TaskError extends Error {
  abstract readonly code: TaskErrorCode;
  readonly [TASK_ERROR] = true;
}

/** How many issues a validation message lists (and an HTTP problem's `errors` carries). */
export const MAX_LISTED_ISSUES = 20;

const listing = (issues: readonly FieldIssue[]): string => {
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => `${issue.path === '' ? '(input)' : echoed(issue.path)}: ${issue.message}`);
  const more = issues.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
};

/**
 * The input broke one or more rules of SPEC §3/§4; nothing was read or written.
 * `issues` holds every one; the message lists the first {@link MAX_LISTED_ISSUES}.
 */
export class ValidationError extends TaskError {
  override readonly name = 'ValidationError';
  readonly code = 'validation_failed';
  constructor(
    readonly issues: readonly FieldIssue[],
    options?: ErrorOptions,
  ) {
    super(`Validation failed: ${listing(issues)}`, options);
  }
}

/** The owner has no task with this id (or it was never theirs: existence is not leaked). */
export class TaskNotFoundError extends TaskError {
  override readonly name = 'TaskNotFoundError';
  readonly code = 'task_not_found';
  constructor(
    readonly taskId: string,
    options?: ErrorOptions,
  ) {
    super(`Task ${echoed(taskId)} not found`, options);
  }
}

/** A create found a task with the same id: a create never overwrites. */
export class TaskAlreadyExistsError extends TaskError {
  override readonly name = 'TaskAlreadyExistsError';
  readonly code = 'task_already_exists';
  constructor(
    readonly taskId: string,
    options?: ErrorOptions,
  ) {
    super(`Task ${echoed(taskId)} already exists`, options);
  }
}

/** A conditional write expected one version and found another. */
export class VersionConflictError extends TaskError {
  override readonly name = 'VersionConflictError';
  readonly code = 'version_conflict';
  constructor(
    readonly taskId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    options?: ErrorOptions,
  ) {
    super(
      `Task ${echoed(taskId)} is at version ${actualVersion}, not the expected ${expectedVersion}`,
      options,
    );
  }
}

/** The idempotency key was used, within its lifetime, for a create with another input. */
export class IdempotencyKeyReusedError extends TaskError {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly code = 'idempotency_key_reused';
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(
      `Idempotency key "${echoed(key)}" was already used with a different request body`,
      options,
    );
  }
}

/** Another create with the same idempotency key is being written right now. */
export class IdempotencyKeyInFlightError extends TaskError {
  override readonly name = 'IdempotencyKeyInFlightError';
  readonly code = 'idempotency_key_in_flight';
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`A request with idempotency key "${echoed(key)}" is still in progress`, options);
  }
}

/**
 * The store is throttled or unreachable after its own retries; nothing was written
 * (or the write is atomic and was not applied). Safe to retry after `retryAfterSeconds`.
 */
export class StorageUnavailableError extends TaskError {
  override readonly name = 'StorageUnavailableError';
  readonly code = 'storage_unavailable';
  constructor(
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super('Storage is temporarily unavailable', options);
  }
}

const isTaskErrorCode = (code: unknown): code is TaskErrorCode =>
  TASK_ERROR_CODES.some((known) => known === code);

/** Narrows an unknown rejection to the domain's errors, from any copy of this package. */
export const isTaskError = (error: unknown): error is TaskError =>
  error instanceof TaskError ||
  (error instanceof Error &&
    Reflect.get(error, TASK_ERROR) === true &&
    isTaskErrorCode(Reflect.get(error, 'code')));
