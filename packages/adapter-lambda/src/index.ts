/**
 * `@tasks/adapter-lambda`: API Gateway events to the task use cases to HTTP responses.
 * Composition roots (`handlers/*.ts`) wire a repository into `makeHttpHandler`.
 */

export { SHARED_MEMORY_STATE } from './composition/shared-memory-state.js';
export { SHARED_MEMORY_STATS, sharedMemoryStats } from './composition/shared-memory-stats.js';
export * from './http/index.js';
