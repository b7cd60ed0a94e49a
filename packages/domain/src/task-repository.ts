import type { Task, TaskPatch, TaskStatus } from './task.js';

/**
 * What a create remembers under its idempotency key, so that a retry of the same
 * request is answered with the first result and creates nothing.
 */
export interface IdempotencyRecord {
  readonly key: string;
  /** Fingerprint of the request body (its canonical JSON), to tell a retry from a reuse. */
  readonly fingerprint: string;
  /** The task as the first request returned it. */
  readonly task: Task;
  /** When the record was written (ISO 8601). */
  readonly createdAt: string;
  /** From this instant on the record counts as absent (ISO 8601). */
  readonly expiresAt: string;
}

export interface ListTasksPage {
  /** Newest first (descending `taskId`). */
  readonly items: readonly Task[];
  /** Present exactly when more items follow: the `taskId` of the last item. */
  readonly nextKey?: string;
}

export interface ListTasksOptions {
  /** 1 to 100. */
  readonly limit: number;
  /** Start strictly after this `taskId` in newest-first order. It need not exist (any more). */
  readonly after?: string;
  readonly status?: TaskStatus;
}

/** Makes `update` and `delete` conditional on the task's version. */
export interface WriteCondition {
  readonly expectedVersion?: number;
}

export interface UpdateOptions extends WriteCondition {
  /**
   * The writer's time (ISO 8601). The task's new `updatedAt` is `nextUpdatedAt` of its
   * stored one and this, as the stored task stands when the write applies: concurrent
   * writers' clocks need not agree.
   */
  readonly updatedAt: string;
}

/**
 * The page of `limit` items that a repository returns when it read up to `limit + 1`
 * items in newest-first order: the extra item only tells that more follow, so `nextKey`
 * is present exactly then, and a full last page has none.
 */
export const pageOf = (itemsRead: readonly Task[], limit: number): ListTasksPage => {
  const items = itemsRead.slice(0, limit);
  const last = items.at(-1);
  return itemsRead.length > limit && last !== undefined
    ? { items, nextKey: last.taskId }
    : { items };
};

export type CreateOutcome =
  | { readonly kind: 'created' }
  /** The key already had an unexpired record: nothing was written. */
  | { readonly kind: 'idempotency_record_exists'; readonly record: IdempotencyRecord };

/**
 * The storage port. Every method works inside one owner's tasks: no call can read or
 * change another owner's. Adapters translate only the failures listed here into the
 * domain's errors; a throttled or unreachable store rejects with `StorageUnavailableError`.
 * `describeTaskRepositoryContract` (in `@tasks/domain/testing`) checks every promise below.
 */
export interface TaskRepository {
  /**
   * Stores a new task. Rejects with `TaskAlreadyExistsError` when the owner has a task
   * with that id: a create never overwrites. With `idempotency`, the task and the record
   * are written atomically, and when a record that has not expired at
   * `idempotency.createdAt` already holds the key, nothing is written and the outcome
   * carries that record. An expired record counts as absent and is replaced.
   * May reject with `IdempotencyKeyInFlightError` when another write of that key is
   * under way at the same instant.
   */
  create(
    owner: string,
    task: Task,
    options?: { readonly idempotency?: IdempotencyRecord },
  ): Promise<CreateOutcome>;

  /** Resolves `undefined` when the owner has no such task. Sees every completed write. */
  get(owner: string, taskId: string): Promise<Task | undefined>;

  /** One page of the owner's tasks, newest first, optionally of one status. */
  list(owner: string, options: ListTasksOptions): Promise<ListTasksPage>;

  /**
   * Applies `patch` as `applyPatch` (in `task.ts`) does, atomically, and resolves the new task.
   * Rejects with `TaskNotFoundError` when absent, and with `VersionConflictError`
   * (carrying the actual version) when `expectedVersion` is given and differs.
   */
  update(owner: string, taskId: string, patch: TaskPatch, options: UpdateOptions): Promise<Task>;

  /** Rejects as `update` does: `TaskNotFoundError`, or `VersionConflictError`. */
  delete(owner: string, taskId: string, options?: WriteCondition): Promise<void>;
}
