import { rebuildTallies, type StatsRebuildStore, sameTally, type TaskFacts } from '@tasks/domain';
import type { TaskFactsSource } from './task-facts-source.js';

/** What a rebuild did. */
export interface RebuildReport {
  readonly owners: number;
  readonly tasks: number;
  /**
   * Owners whose tasks still changed after each of their {@link MAX_ROUNDS} replaces: a
   * change counted in the last one's window may be missing. Empty, unless writes never
   * paused for that owner; run the rebuild again.
   */
  readonly unsettled: readonly string[];
}

/** Replaces of one owner at most, each after a read of the owner's tasks. */
export const MAX_ROUNDS = 5;

/** Whether two reads of an owner's tasks hold the same versions of the same tasks. */
const sameVersions = (
  before: ReadonlyMap<string, TaskFacts>,
  after: ReadonlyMap<string, TaskFacts>,
): boolean =>
  before.size === after.size &&
  [...before].every(([taskId, task]) => after.get(taskId)?.version === task.version);

/**
 * Recomputes every owner's statistics from the tasks the table holds now and the tallies
 * the statistics hold (see `rebuildTallies`), and replaces them owner by owner.
 *
 * Safe while the stream is counted. A change whose record the processor reads after a
 * replace counts against the rebuilt tallies, or is ignored when the rebuild already
 * reflects it (its order is not above the rebuilt tally's). A change the processor counts
 * between the read of the owner's tasks and the replace would be overwritten, so the
 * owner's tallies and tasks are read again after each replace (the tasks strongly
 * consistent), and the owner is rebuilt again until neither holds anything the round was
 * not rebuilt from (a task created and deleted meanwhile shows only as a tally, which the
 * replace keeps). The tallies are read first: the stream counts only what the table
 * already holds, so a read of the table after them shows every version they counted, and
 * a tally ahead of it is wrong (a restored table, a bug) and is repaired. Read the other
 * way round, a tally counted in between looked ahead of the table and was written back at
 * the table's older version, which the next round took for a reopening.
 * It holds one owner's tasks' facts (about 100 bytes a task) in memory at a time.
 */
export const rebuildStats = async ({
  tasks,
  store,
}: {
  tasks: TaskFactsSource;
  store: StatsRebuildStore;
}): Promise<RebuildReport> => {
  const owners = new Set([...(await tasks.owners()), ...(await store.owners())]);
  let count = 0;
  const unsettled: string[] = [];
  for (const owner of owners) {
    let counted = await store.tallies(owner);
    let current = await tasks.ofOwner(owner);
    let settled = false;
    for (let round = 1; round <= MAX_ROUNDS && !settled; round++) {
      const rebuilt = rebuildTallies(current, counted);
      const repaired = await store.replace(owner, rebuilt, counted);
      // Both read again, and each read the next round's start: a change counted meanwhile
      // shows in the tallies (the replace neither overwrites nor deletes one counted since
      // it read them), even for a task the table no longer has.
      const tallied = await store.tallies(owner);
      const after = await tasks.ofOwner(owner);
      // A repair a count kept from being written leaves counters computed from it: only
      // another round puts them right, even once the stream brings the tally to it.
      settled =
        repaired &&
        sameVersions(current, after) &&
        tallied.size === rebuilt.size &&
        [...tallied].every(([taskId, tally]) => sameTally(tally, rebuilt.get(taskId)));
      current = after;
      counted = tallied;
    }
    if (!settled) unsettled.push(owner);
    count += current.size;
  }
  return { owners: owners.size, tasks: count, unsettled };
};
