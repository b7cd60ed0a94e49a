import type { TaskRepository } from '@tasks/domain';

/**
 * Where a process that runs the deployed bundles itself (the local runtime, the benchmark)
 * puts the repository they use instead of DynamoDB, before it imports them: the in-memory
 * store is the host's choice, and its code lives in the host, not in any bundle. Lambda
 * puts nothing there, so a deployed function always builds its DynamoDB repository.
 */
export const HOST_TASK_REPOSITORY = Symbol.for('tasks.host.taskRepository');

const METHODS = ['create', 'get', 'list', 'update', 'delete'] as const;

const isRepository = (value: object): value is TaskRepository =>
  METHODS.every((method) => typeof Reflect.get(value, method) === 'function');

/** The repository the host provided, if any; something else there fails the cold start. */
export const hostRepository = (): TaskRepository | undefined => {
  const value: unknown = Reflect.get(globalThis, HOST_TASK_REPOSITORY);
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && isRepository(value)) return value;
  throw new TypeError('The host task repository is not a TaskRepository');
};
