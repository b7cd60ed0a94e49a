/**
 * `@tasks/client`: a typed client of the Tasks HTTP API (SPEC §11), for browsers and
 * Node.js 20 or newer. It needs `fetch` and nothing else at run time.
 */
export {
  type CallOptions,
  type CreateOptions,
  createTasksClient,
  type ListAllOptions,
  type ListOptions,
  type StatsOptions,
  type TaskRef,
  type TasksClient,
  type TasksClientOptions,
  type WriteOptions,
} from './client.js';
export * from './errors.js';
export type { RetryEvent, RetryOptions } from './retry.js';
export type { TokenSource } from './transport.js';
export type {
  CreateTaskInput,
  Task,
  TaskPage,
  TaskPatch,
  TaskStats,
  TaskStatus,
} from './types.js';
