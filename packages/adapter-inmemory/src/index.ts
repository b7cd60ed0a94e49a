export {
  createInMemoryStatsState,
  type InMemoryStatsState,
  InMemoryStatsStore,
} from './in-memory-stats-store.js';
export {
  createInMemoryTaskState,
  InMemoryTaskRepository,
  type InMemoryTaskState,
  type OwnerTasks,
  type TaskWrite,
  type TaskWriteListener,
} from './in-memory-task-repository.js';
