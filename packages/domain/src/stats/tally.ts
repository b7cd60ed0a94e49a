import type { TaskStatus } from '../task.js';
import { leadTimeBucket } from './lead-time-histogram.js';
import { MAX_STATS_DAYS } from './stats-response.js';
import { changeOrder, type TaskChange, utcDay } from './task-change.js';

/**
 * What the statistics have counted of one task: its place in the task's history, and the
 * facts it contributes. Counters are the sum of every task's tally, so a count can never
 * go negative and never counts a task twice, whatever order changes arrive in.
 */
export interface TaskTally {
  /** The {@link changeOrder} of the change counted last. */
  readonly order: number;
  /** Absent once the task is deleted: it leaves `byStatus`, its history stays. */
  readonly status?: TaskStatus;
  readonly createdAtMs: number;
  /** When the task first became `DONE`, as far as its changes told. */
  readonly firstDoneAtMs?: number;
  /**
   * Each later move into `DONE` (reopened, then completed again), counted by the UTC day
   * of that version's `updatedAt`, on the latest {@link DONE_AGAIN_DAYS} days that had
   * one; absent until there is one.
   */
  readonly doneAgain?: Readonly<Record<string, number>>;
  /** The `updatedAt` of the newest version counted (for `asOf`). */
  readonly atMs: number;
}

/**
 * How many days of later completions a tally remembers: the longest window
 * `GET /tasks/stats` shows, so that a rebuild (which has only the tallies to tell them)
 * restores every one it can show, while a task completed again every day keeps a tally
 * of bounded size (under 1 KB in DynamoDB, so counting stays within its write units).
 * The days' counters keep every completion whatever the tally forgets.
 */
export const DONE_AGAIN_DAYS = MAX_STATS_DAYS;

/** `doneAgain` with one more completion on `day`, keeping the latest {@link DONE_AGAIN_DAYS} days. */
export const withCompletionOn = (
  doneAgain: Readonly<Record<string, number>> | undefined,
  day: string,
): Readonly<Record<string, number>> => {
  const days: Record<string, number> = { ...doneAgain, [day]: (doneAgain?.[day] ?? 0) + 1 };
  const kept = Object.keys(days);
  if (kept.length <= DONE_AGAIN_DAYS) return days;
  // `YYYY-MM-DD` sorts as the days run.
  kept.sort();
  return Object.fromEntries(kept.slice(-DONE_AGAIN_DAYS).map((kept) => [kept, days[kept] ?? 0]));
};

/**
 * Whether a version in `status`, counted after `previous`, moves the task into `DONE`
 * again: completed before, and counted since in another status (not deleted).
 */
export const completesAgain = (previous: TaskTally | undefined, status: TaskStatus): boolean =>
  status === 'DONE' &&
  previous?.firstDoneAtMs !== undefined &&
  previous.status !== undefined &&
  previous.status !== 'DONE';

const sameDays = (
  a: Readonly<Record<string, number>> | undefined,
  b: Readonly<Record<string, number>> | undefined,
): boolean => {
  const aDays = Object.keys(a ?? {});
  return (
    aDays.length === Object.keys(b ?? {}).length && aDays.every((day) => a?.[day] === b?.[day])
  );
};

/** Whether two tallies count the same: the same change, status and history. */
export const sameTally = (a: TaskTally | undefined, b: TaskTally | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.order === b.order &&
  a.status === b.status &&
  a.createdAtMs === b.createdAtMs &&
  a.firstDoneAtMs === b.firstDoneAtMs &&
  sameDays(a.doneAgain, b.doneAgain) &&
  a.atMs === b.atMs;

/**
 * What one day adds: tasks created, moves into `DONE`, and the lead times of the tasks
 * completed for the first time, by bucket.
 */
export interface DayCounts {
  readonly created: number;
  readonly completed: number;
  readonly leadTime: Readonly<Record<number, number>>;
}

/** What one change adds to its owner's counters (a removal from a status is -1). */
export interface StatsDelta {
  readonly byStatus: Readonly<Partial<Record<TaskStatus, number>>>;
  readonly days: Readonly<Record<string, DayCounts>>;
  /**
   * The `updatedAt` of the version counted, for `asOf`; absent for a delete, whose own
   * time the stream gives to the second only (to the minute on DynamoDB Local).
   */
  readonly atMs?: number;
}

export type TallyOutcome =
  /** A duplicate, or older than what was counted: nothing changes. */
  | { readonly kind: 'ignored' }
  /** The task's new tally and what it adds (possibly nothing, as for a title edit). */
  | { readonly kind: 'counted'; readonly tally: TaskTally; readonly delta: StatsDelta };

const addDay = (
  days: Record<string, DayCounts>,
  day: string,
  add: { created?: number; completed?: number; bucket?: number },
): void => {
  const current = days[day] ?? { created: 0, completed: 0, leadTime: {} };
  const leadTime = { ...current.leadTime };
  if (add.bucket !== undefined) leadTime[add.bucket] = (leadTime[add.bucket] ?? 0) + 1;
  days[day] = {
    created: current.created + (add.created ?? 0),
    completed: current.completed + (add.completed ?? 0),
    leadTime,
  };
};

/**
 * Counts `change` against what was counted of its task before (`previous`, absent for a
 * task never counted). Pure: the store applies the outcome atomically, conditioned on
 * `previous` being what it read.
 *
 * - `byStatus`: the task moves from its counted status to its new one (none once deleted).
 * - `created`: once per task, on the UTC day of its `createdAt`, when first counted (even
 *   if that first change is its delete, because the create was lost).
 * - `completed`: every move into `DONE` (SPEC §4), on the UTC day of that version's
 *   `updatedAt`: when a change first shows the task `DONE`, and again each time a change
 *   shows it `DONE` after one that counted it in another status.
 * - lead time: once per task, at its first `DONE`: `updatedAt - createdAt`.
 * Deleting a task takes it out of `byStatus` only: history is what happened.
 */
export const tallyChange = (previous: TaskTally | undefined, change: TaskChange): TallyOutcome => {
  const order = changeOrder(change);
  if (previous !== undefined && order <= previous.order) return { kind: 'ignored' };
  const { task } = change;
  const status = change.kind === 'upsert' ? task.status : undefined;
  const byStatus: Partial<Record<TaskStatus, number>> = {};
  if (previous?.status !== status) {
    if (previous?.status !== undefined) byStatus[previous.status] = -1;
    if (status !== undefined) byStatus[status] = 1;
  }

  const days: Record<string, DayCounts> = {};
  const createdAtMs = previous?.createdAtMs ?? task.createdAtMs;
  if (previous === undefined) addDay(days, utcDay(createdAtMs), { created: 1 });
  let firstDoneAtMs = previous?.firstDoneAtMs;
  let doneAgain = previous?.doneAgain;
  if (firstDoneAtMs === undefined && task.status === 'DONE') {
    firstDoneAtMs = task.updatedAtMs;
    addDay(days, utcDay(firstDoneAtMs), {
      completed: 1,
      bucket: leadTimeBucket(firstDoneAtMs - createdAtMs),
    });
  } else if (completesAgain(previous, task.status)) {
    // Completed before, counted since in another status: a move into DONE again. (A
    // delete's image counts too: the version it removed was DONE, and no change said so.)
    const day = utcDay(task.updatedAtMs);
    doneAgain = withCompletionOn(doneAgain, day);
    addDay(days, day, { completed: 1 });
  }
  const upsert = change.kind === 'upsert';
  const tally: TaskTally = {
    order,
    ...(status === undefined ? {} : { status }),
    createdAtMs,
    ...(firstDoneAtMs === undefined ? {} : { firstDoneAtMs }),
    ...(doneAgain === undefined ? {} : { doneAgain }),
    atMs: upsert ? change.atMs : (previous?.atMs ?? task.updatedAtMs),
  };
  const delta = { byStatus, days, ...(upsert ? { atMs: change.atMs } : {}) };
  return { kind: 'counted', tally, delta };
};

/** True when `delta` changes no counter (the task's tally still moves on). */
export const isEmptyDelta = (delta: StatsDelta): boolean =>
  Object.keys(delta.byStatus).length === 0 && Object.keys(delta.days).length === 0;
