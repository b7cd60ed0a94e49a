import type { StatsStore, TaskRepository } from '@tasks/domain';

/**
 * Where a process that runs the deployed bundles itself (the local runtime, the benchmark)
 * puts the repository they use instead of DynamoDB, before it imports them: the in-memory
 * store is the host's choice, and its code lives in the host, not in any bundle. Lambda
 * puts nothing there, so a deployed function always builds its DynamoDB repository.
 */
export const HOST_TASK_REPOSITORY = Symbol.for('tasks.host.taskRepository');

/** Where such a host puts the statistics store GET /tasks/stats reads, as for the tasks. */
export const HOST_STATS_STORE = Symbol.for('tasks.host.statsStore');

const hasMethods = (value: unknown, methods: readonly string[]): value is object =>
  typeof value === 'object' &&
  value !== null &&
  methods.every((method) => typeof Reflect.get(value, method) === 'function');

const REPOSITORY_METHODS = ['create', 'get', 'list', 'update', 'delete'] as const;
const STATS_METHODS = ['count', 'read'] as const;

const isRepository = (value: unknown): value is TaskRepository =>
  hasMethods(value, REPOSITORY_METHODS);

const isStatsStore = (value: unknown): value is StatsStore => hasMethods(value, STATS_METHODS);

/** The repository the host provided, if any; something else there fails the cold start. */
export const hostRepository = (): TaskRepository | undefined => {
  const value: unknown = Reflect.get(globalThis, HOST_TASK_REPOSITORY);
  if (value === undefined) return undefined;
  if (isRepository(value)) return value;
  throw new TypeError('The host task repository is not a TaskRepository');
};

/** The statistics store the host provided, if any; something else there fails the cold start. */
export const hostStatsStore = (): StatsStore | undefined => {
  const value: unknown = Reflect.get(globalThis, HOST_STATS_STORE);
  if (value === undefined) return undefined;
  if (isStatsStore(value)) return value;
  throw new TypeError('The host statistics store is not a StatsStore');
};
