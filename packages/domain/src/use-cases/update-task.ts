import type { Clock } from '../clock.js';
import { TaskNotFoundError } from '../errors.js';
import { parseOwner } from '../owner.js';
import { isTaskId, type Task, TaskPatchSchema } from '../task.js';
import type { TaskRepository } from '../task-repository.js';
import { isoTimestamp } from '../timestamp.js';
import { parseInput } from '../validation.js';
import { ExpectedVersionSchema } from './version.js';

export interface UpdateTaskCommand {
  readonly owner: string;
  readonly taskId: string;
  /** A JSON merge patch of `title`, `description`, `status`, as parsed JSON. */
  readonly patch: unknown;
  /** When given, the update applies only to this version (`VersionConflictError` otherwise). */
  readonly expectedVersion?: number;
}

/** Applies a merge patch atomically: the version goes up by one, `updatedAt` moves. */
export const makeUpdateTask =
  (deps: { tasks: TaskRepository; clock: Clock }) =>
  async ({ owner, taskId, patch, expectedVersion }: UpdateTaskCommand): Promise<Task> => {
    const ownerId = parseOwner(owner);
    const changes = parseInput(TaskPatchSchema, patch);
    const version =
      expectedVersion === undefined
        ? undefined
        : parseInput(ExpectedVersionSchema, expectedVersion, 'If-Match');
    if (!isTaskId(taskId)) throw new TaskNotFoundError(taskId);
    return deps.tasks.update(ownerId, taskId, changes, {
      updatedAt: isoTimestamp(deps.clock.now().getTime()),
      ...(version === undefined ? {} : { expectedVersion: version }),
    });
  };
