export {
  createInMemoryTaskState,
  InMemoryTaskRepository,
  type InMemoryTaskState,
  type OwnerTasks,
} from './in-memory-task-repository.js';
