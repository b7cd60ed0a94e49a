import {
  createInMemoryStatsState,
  type InMemoryStatsState,
  InMemoryStatsStore,
} from '@tasks/adapter-inmemory';

/**
 * The key (on `globalThis`) under which the local runtime puts its in-memory task state
 * (plain data) for the rebuild's bundle to read, as the deployed rebuild scans the table.
 * A deployed function never uses it.
 */
export const SHARED_MEMORY_STATE = Symbol.for('tasks.local.inMemoryTaskState');

/**
 * The key (on `globalThis`) under which the local runtime's bundles share one in-memory
 * statistics state: the stream processor's bundle counts into it, the rebuild replaces
 * it, and GET /tasks/stats reads it (through the store the runtime hands that bundle).
 * Plain data, as for the task state. A deployed function never uses it.
 */
export const SHARED_MEMORY_STATS = Symbol.for('tasks.local.inMemoryStatsState');

const isStatsState = (value: unknown): value is InMemoryStatsState =>
  typeof value === 'object' &&
  value !== null &&
  Reflect.get(value, 'tallies') instanceof Map &&
  Reflect.get(value, 'counters') instanceof Map;

/** A store on the statistics every bundle of one local process shares (made by the first). */
export const sharedMemoryStats = (): InMemoryStatsStore => {
  const existing: unknown = Reflect.get(globalThis, SHARED_MEMORY_STATS);
  const state = isStatsState(existing) ? existing : createInMemoryStatsState();
  Reflect.set(globalThis, SHARED_MEMORY_STATS, state);
  return new InMemoryStatsStore(state);
};
