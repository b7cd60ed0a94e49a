import { completesAgain, type TaskTally, withCompletionOn } from './tally.js';
import { type TaskFacts, utcDay } from './task-change.js';

/**
 * The tallies a rebuild writes for one owner, from the tasks the table holds now
 * (`current`, by id) and the tallies the statistics hold (`counted`, by id).
 *
 * The table is the truth for every task it holds: its version, status and `createdAt`.
 * What the table cannot tell is kept from the tallies: when a task that is no longer
 * `DONE` was first completed, the days it was completed again, and that a task no
 * longer in the table existed (deleted tasks keep their history, as counting does).
 * A task the tallies never saw that is `DONE` now counts as first completed at its
 * `updatedAt`: the best the table knows. Likewise a task the tallies counted in another
 * status after its first completion, and that the table holds `DONE` at a version they
 * did not count (its record still on the way, or given up on): it was completed again,
 * at that version's `updatedAt` (once: more reopenings in between, the table cannot tell).
 *
 * `current` must be read after `counted`, so that it holds every version they counted:
 * a tally of a newer version than the table's is then wrong, and the table wins.
 */
export const rebuildTallies = (
  current: ReadonlyMap<string, TaskFacts>,
  counted: ReadonlyMap<string, TaskTally>,
): Map<string, TaskTally> => {
  const rebuilt = new Map<string, TaskTally>();
  for (const [taskId, tally] of counted) {
    if (current.has(taskId)) continue;
    const { status: _deleted, ...history } = tally;
    rebuilt.set(taskId, history);
  }
  for (const [taskId, task] of current) {
    const known = counted.get(taskId);
    const order = 2 * task.version;
    const firstDoneAtMs =
      known?.firstDoneAtMs ?? (task.status === 'DONE' ? task.updatedAtMs : undefined);
    const doneAgain =
      known !== undefined && order > known.order && completesAgain(known, task.status)
        ? withCompletionOn(known.doneAgain, utcDay(task.updatedAtMs))
        : known?.doneAgain;
    rebuilt.set(taskId, {
      order,
      status: task.status,
      createdAtMs: task.createdAtMs,
      ...(firstDoneAtMs === undefined ? {} : { firstDoneAtMs }),
      ...(doneAgain === undefined ? {} : { doneAgain }),
      atMs: known !== undefined && known.order === order ? known.atMs : task.updatedAtMs,
    });
  }
  return rebuilt;
};
