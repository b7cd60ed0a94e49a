/**
 * `@tasks/adapter-lambda`: API Gateway events to the task use cases to HTTP responses.
 * Composition roots (`handlers/*.ts`) wire a repository into `makeHttpHandler`.
 */
export * from './http/index.js';
