/**
 * The key (on `globalThis`) under which the local runtime's bundles share one in-memory
 * store. They share its plain data, not a repository object: each bundle carries its own
 * copy of the domain's error classes, and a repository from another bundle would throw
 * errors this bundle cannot recognise. A deployed function never uses it.
 */
export const SHARED_MEMORY_STATE = Symbol.for('tasks.local.inMemoryTaskState');
