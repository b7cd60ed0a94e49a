import type { TaskStatus } from '@tasks/client';
import type { TaskFilter } from '../tasks/task-list.js';

/** The words of each status, as the "Status" and "Show" selects name them (SPEC §12). */
export const STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  TODO: 'To do',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
};

export const STATUSES: readonly TaskStatus[] = ['TODO', 'IN_PROGRESS', 'DONE'];

export const FILTERS: readonly TaskFilter[] = ['ALL', ...STATUSES];

export const filterLabel = (filter: TaskFilter): string =>
  filter === 'ALL' ? 'All' : STATUS_LABELS[filter];

export const isTaskFilter = (value: string): value is TaskFilter =>
  FILTERS.some((filter) => filter === value);
