/**
 * `@tasks/adapter-lambda`: API Gateway events to the task use cases to HTTP responses.
 * Composition roots (`handlers/*.ts`) each wire one route's controller with
 * `composeRoute` (`composeStatsRoute` for GET /tasks/stats); the fallback function
 * answers what no route serves.
 */

export { readEnvironment } from './composition/environment.js';
export { HOST_STATS_STORE, HOST_TASK_REPOSITORY } from './composition/host-repository.js';
export { TableNameSchema } from './composition/route-environment.js';
export * from './http/index.js';
