import { TASK_STATUSES, type TaskStatus } from '../task.js';
import { leadTimeBucket } from './lead-time-histogram.js';
import type { DayCounts, StatsDelta, TaskTally } from './tally.js';
import { utcDay } from './task-change.js';

/** One owner's counters, as a store keeps them: what `GET /tasks/stats` summarises. */
export interface OwnerStats {
  readonly byStatus: Readonly<Record<TaskStatus, number>>;
  /** By UTC day (`YYYY-MM-DD`); a day without activity may be absent. */
  readonly days: Readonly<Record<string, DayCounts>>;
  /** The `updatedAt` of the newest task version counted, absent before the first. */
  readonly asOfMs?: number;
}

export const emptyOwnerStats = (): OwnerStats => ({
  byStatus: { TODO: 0, IN_PROGRESS: 0, DONE: 0 },
  days: {},
});

const addDayCounts = (current: DayCounts | undefined, add: DayCounts): DayCounts => {
  const leadTime: Record<number, number> = { ...current?.leadTime };
  for (const [bucket, count] of Object.entries(add.leadTime)) {
    leadTime[Number(bucket)] = (leadTime[Number(bucket)] ?? 0) + count;
  }
  return {
    created: (current?.created ?? 0) + add.created,
    completed: (current?.completed ?? 0) + add.completed,
    leadTime,
  };
};

/** `stats` with `delta` added: what a store does with each counted change. */
export const addDelta = (stats: OwnerStats, delta: StatsDelta): OwnerStats => {
  const byStatus = { ...stats.byStatus };
  for (const status of TASK_STATUSES) byStatus[status] += delta.byStatus[status] ?? 0;
  const days = { ...stats.days };
  for (const [day, counts] of Object.entries(delta.days)) {
    days[day] = addDayCounts(days[day], counts);
  }
  const asOfMs =
    delta.atMs === undefined
      ? stats.asOfMs
      : Math.max(stats.asOfMs ?? Number.NEGATIVE_INFINITY, delta.atMs);
  return { byStatus, days, ...(asOfMs === undefined ? {} : { asOfMs }) };
};

/**
 * The counters that `tallies` (every task of one owner ever counted) add up to: what the
 * stream keeps by adding deltas, recomputed from scratch. The rebuild writes this.
 */
export const statsOfTallies = (tallies: Iterable<TaskTally>): OwnerStats => {
  let stats = emptyOwnerStats();
  for (const tally of tallies) {
    const days: Record<string, DayCounts> = {};
    days[utcDay(tally.createdAtMs)] = { created: 1, completed: 0, leadTime: {} };
    if (tally.firstDoneAtMs !== undefined) {
      const day = utcDay(tally.firstDoneAtMs);
      const bucket = leadTimeBucket(tally.firstDoneAtMs - tally.createdAtMs);
      days[day] = addDayCounts(days[day], { created: 0, completed: 1, leadTime: { [bucket]: 1 } });
    }
    for (const [day, completed] of Object.entries(tally.doneAgain ?? {})) {
      days[day] = addDayCounts(days[day], { created: 0, completed, leadTime: {} });
    }
    const byStatus = tally.status === undefined ? {} : { [tally.status]: 1 };
    stats = addDelta(stats, { byStatus, days, atMs: tally.atMs });
  }
  return stats;
};
