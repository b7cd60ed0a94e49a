/**
 * The loaded tasks, newest first, as the list shows them: pure functions from the
 * current items and an answer of the API to the next items.
 */
import type { Task, TaskPage, TaskStatus } from '@tasks/client';

/** The "Show" select: every task, or one status. */
export type TaskFilter = 'ALL' | TaskStatus;

export interface TaskListState {
  readonly items: readonly Task[];
  /** The `nextKey` of the last page loaded: "Load more" exists while it does. */
  readonly nextKey: string | undefined;
}

export const EMPTY_LIST: TaskListState = { items: [], nextKey: undefined };

export const matches = (filter: TaskFilter, task: Task): boolean =>
  filter === 'ALL' || task.status === filter;

// Task ids are UUIDv7: their order as strings is the order of creation.
const newestFirst = (a: Task, b: Task): number =>
  a.taskId < b.taskId ? 1 : a.taskId > b.taskId ? -1 : 0;

/** The first page, replacing what was loaded. */
export const firstPage = (page: TaskPage): TaskListState => ({
  items: [...page.items].sort(newestFirst),
  nextKey: page.nextKey,
});

/** The next page appended; a task already shown (created here meanwhile) is not repeated. */
export const appendPage = (state: TaskListState, page: TaskPage): TaskListState => {
  const shown = new Set(state.items.map((task) => task.taskId));
  return {
    items: [...state.items, ...page.items.filter((task) => !shown.has(task.taskId))],
    nextKey: page.nextKey,
  };
};

/**
 * A task as the API now answers it (created, updated, reloaded): in its place, newest
 * first, or out of the list when it no longer matches the filter.
 */
export const putTask = (state: TaskListState, filter: TaskFilter, task: Task): TaskListState => {
  const others = state.items.filter((item) => item.taskId !== task.taskId);
  if (!matches(filter, task)) return { ...state, items: others };
  return { ...state, items: [...others, task].sort(newestFirst) };
};

export const removeTask = (state: TaskListState, taskId: string): TaskListState => ({
  ...state,
  items: state.items.filter((item) => item.taskId !== taskId),
});
