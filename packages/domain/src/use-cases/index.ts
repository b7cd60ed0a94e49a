import { type Clock, systemClock, type TaskIdGenerator, uuidV7Generator } from '../clock.js';
import type { TaskRepository } from '../task-repository.js';
import { makeCreateTask } from './create-task.js';
import { makeDeleteTask } from './delete-task.js';
import { makeGetTask } from './get-task.js';
import { makeListTasks } from './list-tasks.js';
import { makeUpdateTask } from './update-task.js';

export interface TaskUseCaseDependencies {
  readonly tasks: TaskRepository;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to UUIDv7. */
  readonly newTaskId?: TaskIdGenerator;
}

/** All five use cases over one repository: what a composition root wires once. */
export const makeTaskUseCases = ({
  tasks,
  clock = systemClock,
  newTaskId = uuidV7Generator,
}: TaskUseCaseDependencies) => ({
  createTask: makeCreateTask({ tasks, clock, newTaskId }),
  listTasks: makeListTasks({ tasks }),
  getTask: makeGetTask({ tasks }),
  updateTask: makeUpdateTask({ tasks, clock }),
  deleteTask: makeDeleteTask({ tasks }),
});

export type TaskUseCases = ReturnType<typeof makeTaskUseCases>;

export * from './create-task.js';
export * from './delete-task.js';
export * from './get-stats.js';
export * from './get-task.js';
export * from './list-tasks.js';
export * from './update-task.js';
export * from './version.js';
