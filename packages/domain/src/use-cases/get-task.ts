import { TaskNotFoundError } from '../errors.js';
import { parseOwner } from '../owner.js';
import { isTaskId, type Task } from '../task.js';
import type { TaskRepository } from '../task-repository.js';

export interface TaskReference {
  readonly owner: string;
  readonly taskId: string;
}

/**
 * The owner's task, or `TaskNotFoundError`. An id that is not a UUID names no task,
 * so it is "not found" too, and never reaches the store.
 */
export const makeGetTask =
  ({ tasks }: { tasks: TaskRepository }) =>
  async ({ owner, taskId }: TaskReference): Promise<Task> => {
    const ownerId = parseOwner(owner);
    if (!isTaskId(taskId)) throw new TaskNotFoundError(taskId);
    const task = await tasks.get(ownerId, taskId);
    if (task === undefined) throw new TaskNotFoundError(taskId);
    return task;
  };
