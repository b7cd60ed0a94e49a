import {
  createInMemoryStatsState,
  type InMemoryStatsState,
  InMemoryStatsStore,
} from '@tasks/adapter-inmemory';

/**
 * The key (on `globalThis`) under which the local runtime's bundles share one in-memory
 * statistics state: the stream processor's bundle counts into it, the `GET /tasks/stats`
 * bundle reads it. Plain data, as for the task state. A deployed function never uses it.
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
