import type { TaskStatus } from '../task.js';
import { isoTimestamp } from '../timestamp.js';

/**
 * What the statistics need to know of one version of a task, as a stream image shows it
 * (times in epoch milliseconds, as the table stores them).
 */
export interface TaskFacts {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly version: number;
}

/**
 * One change of one task, as the table's stream reports it: `upsert` carries the new
 * image (a create or an update), `remove` the last image before the delete.
 */
export interface TaskChange {
  readonly owner: string;
  readonly kind: 'upsert' | 'remove';
  readonly task: TaskFacts;
  /**
   * When the change happened, in epoch milliseconds: the new `updatedAt` of an upsert;
   * for a remove, the stream's approximate time of the delete (not used for `asOf`).
   */
  readonly atMs: number;
}

/**
 * Where a change sits in its task's history: versions only grow, and a delete comes after
 * the version it deleted. A change whose order is not above what was already counted for
 * its task is a duplicate or a late delivery, and counts for nothing.
 */
export const changeOrder = ({ kind, task }: TaskChange): number =>
  kind === 'upsert' ? 2 * task.version : 2 * task.version + 1;

const MS_PER_DAY = 86_400_000;

/** The UTC calendar day of an instant, as `YYYY-MM-DD`. */
export const utcDay = (epochMs: number): string => isoTimestamp(epochMs).slice(0, 10);

/** The `count` UTC days that end with the day of `epochMs`, oldest first. */
export const utcDaysEndingAt = (epochMs: number, count: number): string[] =>
  Array.from({ length: count }, (_, index) => utcDay(epochMs - (count - 1 - index) * MS_PER_DAY));
