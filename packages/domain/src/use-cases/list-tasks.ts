import * as v from 'valibot';
import { parseOwner } from '../owner.js';
import { TASK_ID_PATTERN, TaskStatusSchema } from '../task.js';
import type { ListTasksPage, TaskRepository } from '../task-repository.js';
import { parseInput } from '../validation.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The query of a list (SPEC §4); unknown parameters are rejected, never ignored. */
export const ListTasksQuerySchema = v.strictObject({
  limit: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_PAGE_SIZE))),
  lastKey: v.optional(
    v.pipe(v.string(), v.regex(TASK_ID_PATTERN, 'must be the nextKey of a previous page')),
  ),
  status: v.optional(TaskStatusSchema),
});
export type ListTasksQuery = v.InferInput<typeof ListTasksQuerySchema>;

export interface ListTasksCommand {
  readonly owner: string;
  readonly query: unknown;
}

/**
 * One page of the owner's tasks, newest first. `nextKey` is present exactly when more
 * follow; passing it back as `lastKey` continues after that position even when that
 * task has been deleted since, and never leaves the owner's own tasks.
 */
export const makeListTasks =
  ({ tasks }: { tasks: TaskRepository }) =>
  async ({ owner, query }: ListTasksCommand): Promise<ListTasksPage> => {
    const ownerId = parseOwner(owner);
    const { limit = DEFAULT_PAGE_SIZE, lastKey, status } = parseInput(ListTasksQuerySchema, query);
    return tasks.list(ownerId, {
      limit,
      ...(lastKey === undefined ? {} : { after: lastKey }),
      ...(status === undefined ? {} : { status }),
    });
  };
