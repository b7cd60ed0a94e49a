import { TasksApiError } from './errors.js';
import { type RetryOptions, retryPolicy } from './retry.js';
import { type Answer, makeTransport, type TokenSource } from './transport.js';
import type { CreateTaskInput, Task, TaskPage, TaskPatch, TaskStats, TaskStatus } from './types.js';

/** Options of {@link createTasksClient}; only `baseUrl` is required. */
export interface TasksClientOptions {
  /**
   * The API's root, stage path included when there is one: `https://…/dev`; without a
   * query or a fragment (a `TypeError` otherwise).
   */
  readonly baseUrl: string | URL;
  /** Sent as `Authorization: Bearer …`; a function is asked before every request. */
  readonly token?: TokenSource | undefined;
  /** Default: the platform's `fetch`, looked up at each request. */
  readonly fetch?: typeof fetch;
  readonly retry?: RetryOptions;
  /**
   * How long one try waits for its answer before it counts as lost (and is retried when
   * safe); default 30,000 ms, API Gateway's longest integration timeout.
   */
  readonly timeoutMs?: number;
  /** The key of a create given none; default a random UUID (`crypto.randomUUID()` where it exists). */
  readonly idempotencyKey?: () => string;
}

/** Every call takes a signal: aborting it cancels the call, a wait between retries included. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface CreateOptions extends CallOptions {
  /** Default: a fresh UUID, sent again on this call's own retries. */
  readonly idempotencyKey?: string;
}

export interface ListOptions extends CallOptions {
  /** 1 to 100; the server's default is 20. */
  readonly limit?: number;
  readonly status?: TaskStatus | undefined;
  /** The `nextKey` of the previous page. */
  readonly lastKey?: string | undefined;
}

export interface ListAllOptions extends CallOptions {
  readonly status?: TaskStatus | undefined;
  /** Tasks per request; default 100, the most the API gives. */
  readonly pageSize?: number;
}

export interface StatsOptions extends CallOptions {
  /** UTC days in `daily`, today included: 1 to 90; the server's default is 30. */
  readonly days?: number;
}

export interface WriteOptions extends CallOptions {
  /** The version the write expects; default: that of the task passed, none for an id. */
  readonly ifMatch?: number;
}

/** A task, or its id. Passing the task makes a write conditional on its version. */
export type TaskRef = string | Pick<Task, 'taskId' | 'version'>;

/** The API's operations (SPEC §4, §11). */
export interface TasksClient {
  create(input: CreateTaskInput, options?: CreateOptions): Promise<Task>;
  get(taskId: string, options?: CallOptions): Promise<Task>;
  list(options?: ListOptions): Promise<TaskPage>;
  /** Every task of the caller, newest first, each once, page after page. */
  listAll(options?: ListAllOptions): AsyncGenerator<Task, void, undefined>;
  update(task: TaskRef, patch: TaskPatch, options?: WriteOptions): Promise<Task>;
  delete(task: TaskRef, options?: WriteOptions): Promise<void>;
  /** The caller's statistics, kept from the table's stream (seconds behind the writes). */
  stats(options?: StatsOptions): Promise<TaskStats>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

// The server's answers are trusted for their fields' rules; only their shape is checked,
// so that a proxy's page in place of the API's answer is an error, not a task.
const isTask = (value: unknown): value is Task =>
  isRecord(value) && typeof value['taskId'] === 'string' && Number.isInteger(value['version']);

const taskOf = (answer: Answer, value: unknown = answer.body): Task => {
  if (isTask(value)) return value;
  throw new TasksApiError(answer.status, { detail: 'The answer is not a task' });
};

const pageOf = (answer: Answer): TaskPage => {
  const { body } = answer;
  if (!isRecord(body) || !Array.isArray(body['items']))
    throw new TasksApiError(answer.status, { detail: 'The answer is not a page of tasks' });
  const items = body['items'].map((item: unknown) => taskOf(answer, item));
  const nextKey = body['nextKey'];
  return typeof nextKey === 'string' ? { items, nextKey } : { items };
};

// Only the shape a caller relies on first is checked, as for tasks.
const isStats = (value: unknown): value is TaskStats =>
  isRecord(value) &&
  isRecord(value['byStatus']) &&
  Array.isArray(value['daily']) &&
  isRecord(value['leadTime']);

const statsOf = (answer: Answer): TaskStats => {
  if (isStats(answer.body)) return answer.body;
  throw new TasksApiError(answer.status, { detail: 'The answer is not statistics' });
};

const taskPath = (task: TaskRef) => {
  const taskId = typeof task === 'string' ? task : task.taskId;
  // A URL cannot carry these as a segment (`%2E%2E` is `..` too): `/tasks/..` is `/`.
  if (taskId === '.' || taskId === '..' || taskId === '') {
    throw new TypeError(`${JSON.stringify(taskId)} cannot be a task id in a URL path`);
  }
  return `/tasks/${encodeURIComponent(taskId)}`;
};

/** The version a write is conditional on: `ifMatch`, else the task's own; none for an id. */
const expectedVersionOf = (task: TaskRef, options: WriteOptions): number | undefined =>
  options.ifMatch ?? (typeof task === 'string' ? undefined : task.version);

const conditionOf = (task: TaskRef, options: WriteOptions): Record<string, string> => {
  const version = expectedVersionOf(task, options);
  return version === undefined ? {} : { 'if-match': `"${version}"` };
};

/** A task as the API answered it, not only its id and version. */
const isWholeTask = (task: Exclude<TaskRef, string>): task is Task =>
  typeof Reflect.get(task, 'title') === 'string' &&
  typeof Reflect.get(task, 'status') === 'string' &&
  typeof Reflect.get(task, 'createdAt') === 'string';

/**
 * Whether `now` is exactly what `patch` makes of `before` (its title trimmed, as the API
 * stores it), one version on: what this update's own lost first try would have left.
 * Another writer's change could leave the same only by making the same change.
 */
const isPatched = (before: Task, patch: TaskPatch, now: Task): boolean => {
  const description = patch.description === undefined ? before.description : patch.description;
  return (
    now.taskId === before.taskId &&
    now.version === before.version + 1 &&
    now.createdAt === before.createdAt &&
    now.title === (patch.title === undefined ? before.title : patch.title.trim()) &&
    now.status === (patch.status ?? before.status) &&
    now.description === (description ?? undefined)
  );
};

/**
 * A fresh idempotency key: a random UUID. `crypto.randomUUID` exists only in secure
 * contexts (HTTPS, localhost); a page served over plain HTTP has `getRandomValues` alone.
 */
const randomKey = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * A client of the Tasks API at `baseUrl`. Creates carry an idempotency key (a fresh one
 * unless given) so that their retries never create twice; reads, keyed creates,
 * conditional writes and deletes are retried after 503, 429 and lost answers (see
 * `RetryOptions`); every failure is a `TasksApiError` or a `TasksNetworkError`.
 */
export const createTasksClient = (options: TasksClientOptions): TasksClient => {
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new TypeError('createTasksClient: this platform has no fetch; pass one as `fetch`');
  }
  const baseUrl = String(options.baseUrl);
  // Paths are appended to it: `…/dev?key=1` would send `…/dev?key=1/tasks`.
  if (/[?#]/.test(baseUrl)) {
    throw new TypeError(
      `createTasksClient: baseUrl ${JSON.stringify(baseUrl)} has a query or a fragment; give the API's root (its stage path included) alone`,
    );
  }
  const send = makeTransport({
    baseUrl,
    token: options.token,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry: retryPolicy(options.retry),
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const newKey = options.idempotencyKey ?? randomKey;

  const list = async ({ signal, ...query }: ListOptions = {}): Promise<TaskPage> => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) search.set(name, String(value));
    const suffix = String(search) === '' ? '' : `?${search}`;
    return pageOf(await send({ method: 'GET', path: `/tasks${suffix}`, signal }));
  };

  return {
    create: async (input, { idempotencyKey = newKey(), signal } = {}) => {
      const answer = await send({
        method: 'POST',
        path: '/tasks',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: input,
        signal,
      });
      return taskOf(answer, isRecord(answer.body) ? answer.body['task'] : undefined);
    },
    get: async (taskId, { signal } = {}) =>
      taskOf(await send({ method: 'GET', path: taskPath(taskId), signal })),
    list,
    listAll: async function* ({ status, pageSize = 100, signal } = {}) {
      let lastKey: string | undefined;
      do {
        const page = await list({ status, limit: pageSize, lastKey, signal });
        yield* page.items;
        lastKey = page.nextKey;
      } while (lastKey !== undefined);
    },
    update: async (task, patch, writeOptions = {}) => {
      const { signal } = writeOptions;
      return taskOf(
        await send({
          method: 'PATCH',
          path: taskPath(task),
          headers: {
            'content-type': 'application/merge-patch+json',
            ...conditionOf(task, writeOptions),
          },
          body: patch,
          signal,
          // A retry whose lost first try landed is refused as stale (412): the task then
          // stands one version past the expected one, as this patch left it.
          // Only a whole task it was given tells: with an id alone, the 412 stands.
          afterLostAnswer: async (error) => {
            const given = typeof task === 'string' || !isWholeTask(task) ? undefined : task;
            if (error.status !== 412 || given === undefined) return undefined;
            if (expectedVersionOf(task, writeOptions) !== given.version) return undefined;
            try {
              const now = await send({ method: 'GET', path: taskPath(given), signal });
              return isPatched(given, patch, taskOf(now)) ? now : undefined;
            } catch (failure) {
              if (signal?.aborted) throw failure;
              return undefined; // the read failed: the update's own answer, the 412, stands
            }
          },
        }),
      );
    },
    delete: async (task, writeOptions = {}) => {
      await send({
        method: 'DELETE',
        path: taskPath(task),
        headers: conditionOf(task, writeOptions),
        signal: writeOptions.signal,
        // A retry that finds no task after a lost answer: the first try deleted it.
        afterLostAnswer: async (error) =>
          error.status === 404
            ? { status: 404, headers: new Headers(), body: undefined }
            : undefined,
      });
    },
    stats: async ({ days, signal } = {}) =>
      statsOf(
        await send({
          method: 'GET',
          path: days === undefined ? '/tasks/stats' : `/tasks/stats?days=${days}`,
          signal,
        }),
      ),
  };
};
