import {
  addDelta,
  type CountOutcome,
  emptyOwnerStats,
  type OwnerStats,
  type StatsRebuildStore,
  type StatsStore,
  sameTally,
  statsOfTallies,
  type TaskChange,
  type TaskTally,
  tallyChange,
} from '@tasks/domain';

/** Everything the in-memory statistics hold, as plain data that several stores may share. */
export interface InMemoryStatsState {
  /** Per owner: each task's tally, by task id. */
  readonly tallies: Map<string, Map<string, TaskTally>>;
  readonly counters: Map<string, OwnerStats>;
}

export const createInMemoryStatsState = (): InMemoryStatsState => ({
  tallies: new Map(),
  counters: new Map(),
});

/**
 * The statistics' port in memory: each change is counted against its task's tally and
 * added to the owner's counters without yielding in between, so concurrent callers see
 * each count whole, as the DynamoDB store's transaction does.
 */
export class InMemoryStatsStore implements StatsStore, StatsRebuildStore {
  readonly #state: InMemoryStatsState;

  constructor(state: InMemoryStatsState = createInMemoryStatsState()) {
    this.#state = state;
  }

  async count(change: TaskChange): Promise<CountOutcome> {
    const tallies = this.#state.tallies.get(change.owner) ?? new Map<string, TaskTally>();
    const outcome = tallyChange(tallies.get(change.task.taskId), change);
    if (outcome.kind === 'ignored') return 'ignored';
    tallies.set(change.task.taskId, outcome.tally);
    this.#state.tallies.set(change.owner, tallies);
    const counters = this.#state.counters.get(change.owner) ?? emptyOwnerStats();
    this.#state.counters.set(change.owner, addDelta(counters, outcome.delta));
    return 'counted';
  }

  async read(owner: string, fromDay: string, toDay: string): Promise<OwnerStats> {
    const counters = this.#state.counters.get(owner) ?? emptyOwnerStats();
    const days = Object.entries(counters.days).filter(([day]) => day >= fromDay && day <= toDay);
    return { ...counters, days: Object.fromEntries(days) };
  }

  async owners(): Promise<string[]> {
    return [...this.#state.tallies.keys()];
  }

  async tallies(owner: string): Promise<Map<string, TaskTally>> {
    return new Map(this.#state.tallies.get(owner));
  }

  async replace(
    owner: string,
    tallies: ReadonlyMap<string, TaskTally>,
    read: ReadonlyMap<string, TaskTally>,
  ): Promise<boolean> {
    // A tally counted since the caller read it is kept (see StatsRebuildStore), and the
    // counters computed as DynamoDB's replace computes them: from the repairs.
    const held = new Map(this.#state.tallies.get(owner));
    let repaired = true;
    for (const [taskId, tally] of tallies) {
      const before = read.get(taskId);
      // What needs no repair is not written, as DynamoDB's replace writes only repairs.
      if (before !== undefined && sameTally(tally, before)) continue;
      const now = held.get(taskId);
      if (before === undefined ? now === undefined : sameTally(now, before)) {
        held.set(taskId, tally);
      } else {
        repaired = false;
      }
    }
    this.#state.tallies.set(owner, held);
    this.#state.counters.set(owner, statsOfTallies(tallies.values()));
    return repaired;
  }
}
