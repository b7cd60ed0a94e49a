import { rebuildTallies, type StatsRebuildStore, type TaskFacts } from '@tasks/domain';
import type { OwnedTaskFacts } from './task-facts-source.js';

/** What a rebuild did. */
export interface RebuildReport {
  readonly owners: number;
  readonly tasks: number;
}

/**
 * Recomputes every owner's statistics from the tasks the table holds now and the tallies
 * the statistics hold (see `rebuildTallies`), and replaces them owner by owner.
 *
 * Run it with the stream processor's event source mapping disabled: the stream keeps the
 * changes meanwhile (24 hours), and once it is enabled again every change the rebuild
 * already reflects is ignored (its order is not above the rebuilt tally's), the others
 * counted. A change counted while an owner is replaced could be lost until the next rebuild.
 * It holds one task's facts (about 100 bytes) per task of the table in memory.
 */
export const rebuildStats = async ({
  tasks,
  store,
}: {
  tasks: AsyncIterable<OwnedTaskFacts>;
  store: StatsRebuildStore;
}): Promise<RebuildReport> => {
  const byOwner = new Map<string, Map<string, TaskFacts>>();
  let count = 0;
  for await (const { owner, task } of tasks) {
    const own = byOwner.get(owner) ?? new Map<string, TaskFacts>();
    own.set(task.taskId, task);
    byOwner.set(owner, own);
    count++;
  }
  const owners = new Set([...byOwner.keys(), ...(await store.owners())]);
  for (const owner of owners) {
    const counted = await store.tallies(owner);
    await store.replace(owner, rebuildTallies(byOwner.get(owner) ?? new Map(), counted));
  }
  return { owners: owners.size, tasks: count };
};
