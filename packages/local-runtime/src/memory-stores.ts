import {
  createInMemoryStatsState,
  createInMemoryTaskState,
  type InMemoryStatsState,
  InMemoryStatsStore,
  InMemoryTaskRepository,
  type InMemoryTaskState,
  type TaskWriteListener,
} from '@tasks/adapter-inmemory';
import type { StatsStore, TaskRepository } from '@tasks/domain';

/**
 * The in-memory store of one runtime (`TASKS_STORE=memory`), the local runtime's choice and
 * its code: the deployed bundles know only DynamoDB. The API's bundles get the repository
 * and the statistics store as objects (`HOST_TASK_REPOSITORY`, `HOST_STATS_STORE`); the
 * stream functions' bundles, which build their own in-memory stores for TASKS_STORE=memory,
 * get the plain data those objects keep (`SHARED_MEMORY_STATE`, `SHARED_MEMORY_STATS`).
 */
export interface MemoryStores {
  readonly repository: TaskRepository;
  readonly stats: StatsStore;
  readonly taskState: InMemoryTaskState;
  readonly statsState: InMemoryStatsState;
}

/** One runtime's stores; `writes` hear every write of a task, as the table's stream would. */
export const makeMemoryStores = (writes: TaskWriteListener[]): MemoryStores => {
  const taskState: InMemoryTaskState = { ...createInMemoryTaskState(), writes };
  const statsState = createInMemoryStatsState();
  return {
    repository: new InMemoryTaskRepository(taskState),
    stats: new InMemoryStatsStore(statsState),
    taskState,
    statsState,
  };
};
