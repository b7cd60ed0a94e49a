import {
  applyPatch,
  type CreateOutcome,
  type IdempotencyRecord,
  type ListTasksOptions,
  type ListTasksPage,
  pageOf,
  type Task,
  TaskAlreadyExistsError,
  TaskNotFoundError,
  type TaskPatch,
  type TaskRepository,
  type UpdateOptions,
  VersionConflictError,
  type WriteCondition,
} from '@tasks/domain';

/** One owner's tasks: by id, and their ids in ascending order for newest-first pages. */
export interface OwnerTasks {
  readonly byId: Map<string, Task>;
  readonly ids: string[];
}

/**
 * Everything an in-memory store holds, as plain data: repositories built on one state
 * share it (the local runtime shares one between the bundles it loads in one process).
 */
export interface InMemoryTaskState {
  readonly owners: Map<string, OwnerTasks>;
  readonly idempotency: Map<string, Map<string, IdempotencyRecord>>;
  /**
   * Told of every write of a task, after it is made, as a table's stream would be: the
   * local runtime feeds the stream processor from it.
   */
  readonly writes?: TaskWriteListener[];
}

/** One write of a task: `before` absent for a create, `after` absent for a delete. */
export interface TaskWrite {
  readonly owner: string;
  readonly before?: Task;
  readonly after?: Task;
}
export type TaskWriteListener = (write: TaskWrite) => void;

export const createInMemoryTaskState = (): InMemoryTaskState => ({
  owners: new Map(),
  idempotency: new Map(),
});

/** Index of the first id in ascending `ids` that is not less than `id`. */
const lowerBound = (ids: readonly string[], id: string): number => {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ids[middle] ?? '') < id) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * The repository port in memory. Every method checks and writes without yielding in
 * between, so concurrent async callers see each write whole, as DynamoDB's conditional
 * writes do. Stored tasks are frozen copies: a caller cannot change them afterwards.
 */
export class InMemoryTaskRepository implements TaskRepository {
  readonly #owners: Map<string, OwnerTasks>;
  readonly #idempotency: Map<string, Map<string, IdempotencyRecord>>;
  readonly #writes: readonly TaskWriteListener[];

  constructor(state: InMemoryTaskState = createInMemoryTaskState()) {
    this.#owners = state.owners;
    this.#idempotency = state.idempotency;
    this.#writes = state.writes ?? [];
  }

  #wrote(write: TaskWrite): void {
    for (const listener of this.#writes) listener(write);
  }

  async create(
    owner: string,
    task: Task,
    options: { readonly idempotency?: IdempotencyRecord } = {},
  ): Promise<CreateOutcome> {
    const tasks = this.#ownerTasks(owner);
    const { idempotency } = options;
    if (idempotency !== undefined) {
      const existing = this.#idempotency.get(owner)?.get(idempotency.key);
      if (existing !== undefined && existing.expiresAt > idempotency.createdAt) {
        return { kind: 'idempotency_record_exists', record: existing };
      }
    }
    // New ids (UUIDv7) are the newest as a rule. `ids` holds the owner's ids in order, so
    // an id above the last one is no id of theirs yet: only another needs the map's lookup
    // (in a map of a hundred thousand tasks, a miss of the processor's caches or several),
    // and it is appended without a search or splice's copy.
    const newest = tasks.ids.at(-1);
    const isNewest = newest === undefined || newest < task.taskId;
    if (!isNewest && tasks.byId.has(task.taskId)) throw new TaskAlreadyExistsError(task.taskId);

    const stored = Object.freeze({ ...task });
    tasks.byId.set(task.taskId, stored);
    if (isNewest) tasks.ids.push(task.taskId);
    else tasks.ids.splice(lowerBound(tasks.ids, task.taskId), 0, task.taskId);
    this.#owners.set(owner, tasks);
    if (idempotency !== undefined) {
      const records = this.#idempotency.get(owner) ?? new Map<string, IdempotencyRecord>();
      records.set(
        idempotency.key,
        Object.freeze({ ...idempotency, task: Object.freeze({ ...idempotency.task }) }),
      );
      this.#idempotency.set(owner, records);
    }
    this.#wrote({ owner, after: stored });
    return { kind: 'created' };
  }

  async get(owner: string, taskId: string): Promise<Task | undefined> {
    return this.#owners.get(owner)?.byId.get(taskId);
  }

  async list(owner: string, { limit, after, status }: ListTasksOptions): Promise<ListTasksPage> {
    const tasks = this.#owners.get(owner);
    if (tasks === undefined) return { items: [] };
    const items: Task[] = [];
    const start = after === undefined ? tasks.ids.length : lowerBound(tasks.ids, after);
    // Read one more than the page, as the DynamoDB adapter does, to know whether more follow.
    for (let index = start - 1; index >= 0 && items.length <= limit; index--) {
      const task = tasks.byId.get(tasks.ids[index] ?? '');
      if (task !== undefined && (status === undefined || task.status === status)) items.push(task);
    }
    return pageOf(items, limit);
  }

  async update(
    owner: string,
    taskId: string,
    patch: TaskPatch,
    { updatedAt, expectedVersion }: UpdateOptions,
  ): Promise<Task> {
    const tasks = this.#owners.get(owner);
    const current = this.#current(tasks, taskId, expectedVersion);
    const next = Object.freeze(applyPatch(current, patch, updatedAt));
    tasks?.byId.set(taskId, next);
    this.#wrote({ owner, before: current, after: next });
    return next;
  }

  async delete(
    owner: string,
    taskId: string,
    { expectedVersion }: WriteCondition = {},
  ): Promise<void> {
    const tasks = this.#owners.get(owner);
    const current = this.#current(tasks, taskId, expectedVersion);
    tasks?.byId.delete(taskId);
    tasks?.ids.splice(lowerBound(tasks.ids, taskId), 1);
    this.#wrote({ owner, before: current });
  }

  /** The stored task, after the checks that make update and delete conditional. */
  #current(
    tasks: OwnerTasks | undefined,
    taskId: string,
    expectedVersion: number | undefined,
  ): Task {
    const current = tasks?.byId.get(taskId);
    if (current === undefined) throw new TaskNotFoundError(taskId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new VersionConflictError(taskId, expectedVersion, current.version);
    }
    return current;
  }

  #ownerTasks(owner: string): OwnerTasks {
    return this.#owners.get(owner) ?? { byId: new Map(), ids: [] };
  }
}
