export { InMemoryTaskRepository } from './in-memory-task-repository.js';
