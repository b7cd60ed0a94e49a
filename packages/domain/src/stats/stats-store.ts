import type { OwnerStats } from './owner-stats.js';
import type { TaskTally } from './tally.js';
import type { TaskChange } from './task-change.js';

/** What {@link StatsStore.count} did with a change. */
export type CountOutcome = 'counted' | 'ignored';

/**
 * The statistics' storage port. The stream processor counts each change through it; the
 * API reads one owner's window; the rebuild replaces an owner's counters whole.
 */
export interface StatsStore {
  /**
   * Counts `change` exactly once, as `tallyChange` says, atomically with its task's
   * tally: a change already counted, or older than what was counted of its task,
   * resolves `ignored` and writes nothing but what it read. Safe to call again with the
   * same change after any failure.
   */
  count(change: TaskChange): Promise<CountOutcome>;

  /** The owner's counters for the UTC days `fromDay` to `toDay` (inclusive), and totals. */
  read(owner: string, fromDay: string, toDay: string): Promise<OwnerStats>;
}

/** What the rebuild needs besides {@link StatsStore}: every tally, and a whole replace. */
export interface StatsRebuildStore {
  /** Every task tally the store holds of `owner`, by task id (deleted tasks included). */
  tallies(owner: string): Promise<Map<string, TaskTally>>;
  /** Every owner that has any tally. */
  owners(): Promise<string[]>;
  /**
   * Writes each of these tallies that differs from the one `read` had (the tallies the
   * caller computed them from), on condition that the store still holds that one; then the
   * owner's counters computed from these, in place of the counters it had. A tally
   * counted since `read` is never overwritten, nor one beyond these deleted: the next
   * `tallies` shows it, for the caller to rebuild again.
   *
   * Resolves `false` when such a tally kept a repair from being written: the counters,
   * computed from the repair, then disagree with the tally the store holds (a count
   * against it would add its change on top), and only another replace, from tallies read
   * again, puts them right, even if the stream later brings the tally to the repair's
   * value. `true` when every repair was written.
   */
  replace(
    owner: string,
    tallies: ReadonlyMap<string, TaskTally>,
    read: ReadonlyMap<string, TaskTally>,
  ): Promise<boolean>;
}
