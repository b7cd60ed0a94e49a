import { TaskNotFoundError } from '../errors.js';
import { parseOwner } from '../owner.js';
import { isTaskId } from '../task.js';
import type { TaskRepository } from '../task-repository.js';
import { parseInput } from '../validation.js';
import { ExpectedVersionSchema } from './version.js';

export interface DeleteTaskCommand {
  readonly owner: string;
  readonly taskId: string;
  /** When given, the delete applies only to this version (`VersionConflictError` otherwise). */
  readonly expectedVersion?: number;
}

/** Deletes the owner's task; `TaskNotFoundError` when there is none. */
export const makeDeleteTask =
  ({ tasks }: { tasks: TaskRepository }) =>
  async ({ owner, taskId, expectedVersion }: DeleteTaskCommand): Promise<void> => {
    const ownerId = parseOwner(owner);
    const version =
      expectedVersion === undefined
        ? undefined
        : parseInput(ExpectedVersionSchema, expectedVersion, 'If-Match');
    if (!isTaskId(taskId)) throw new TaskNotFoundError(taskId);
    await tasks.delete(ownerId, taskId, version === undefined ? {} : { expectedVersion: version });
  };
