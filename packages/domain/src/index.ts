/**
 * `@tasks/domain`: the Task, its use cases, the ports they need and the typed errors
 * they raise. Pure TypeScript: no AWS SDK, no `node:` module, no adapter.
 */
export * from './clock.js';
export * from './errors.js';
export * from './idempotency.js';
export * from './owner.js';
export * from './sha256-hex.js';
export * from './stats/index.js';
export * from './task.js';
export * from './task-repository.js';
export * from './timestamp.js';
export * from './use-cases/index.js';
export { isValid, parseInput, type Schema } from './validation.js';
