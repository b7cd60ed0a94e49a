import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OwnerStats } from '../stats/owner-stats.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { TaskChange } from '../stats/task-change.js';
import { utcDay } from '../stats/task-change.js';
import { commandsArb, deliveriesArb, historyOf, recount } from './stats-history.js';

export interface StatsStoreSubject {
  readonly store: StatsStore;
  readonly teardown?: () => Promise<void>;
}

/** `stats` with only the days from `from` to `to`: what a window read must match. */
const windowOf = (stats: OwnerStats, from: string, to: string): OwnerStats => ({
  ...stats,
  days: Object.fromEntries(Object.entries(stats.days).filter(([day]) => day >= from && day <= to)),
});

let run = 0;

/**
 * Registers, with vitest, what the `StatsStore` port promises: each change counted once
 * whatever the delivery repeats, against its task's tally. `setup` runs once for the
 * suite; every case uses owners of its own, so that one store serves them all.
 */
export const describeStatsStoreContract = (
  name: string,
  setup: () => Promise<StatsStoreSubject>,
  { propertyRuns = 30 }: { propertyRuns?: number } = {},
): void => {
  describe(`StatsStore contract: ${name}`, () => {
    const freshOwners = (): [string, string] => {
      run++;
      return [`alice-${run}`, `bob-${run}`];
    };
    const countAll = async (store: StatsStore, deliveries: readonly TaskChange[]) => {
      for (const change of deliveries) await store.count(change);
    };

    it('reads what a recount of the history gives, whatever duplicates and retries the delivery adds', async () => {
      const { store, teardown } = await setup();
      try {
        await fc.assert(
          fc.asyncProperty(
            commandsArb.chain((commands) => {
              const history = historyOf(commands, { owners: freshOwners() });
              return fc.tuple(fc.constant(history), deliveriesArb(history.changes));
            }),
            async ([history, deliveries]) => {
              await countAll(store, deliveries);
              const first = history.changes[0];
              if (first === undefined) return;
              const from = utcDay(first.task.createdAtMs);
              const to = utcDay(history.changes.at(-1)?.atMs ?? first.atMs);
              for (const owner of new Set(history.tasks.map((task) => task.owner))) {
                const read = await store.read(owner, from, to);
                expect(windowOf(read, from, to)).toEqual(recount(history, owner));
              }
            },
          ),
          { numRuns: propertyRuns },
        );
      } finally {
        await teardown?.();
      }
    });

    it('counts a change delivered by two processors at once once', async () => {
      const { store, teardown } = await setup();
      try {
        const [owner] = freshOwners();
        const at = Date.UTC(2026, 11, 1, 9);
        const task = {
          taskId: 'concurrent',
          status: 'DONE' as const,
          createdAtMs: at,
          updatedAtMs: at,
          version: 1,
        };
        const change: TaskChange = { owner, kind: 'upsert', task, atMs: at };
        const outcomes = await Promise.all([
          store.count(change),
          store.count(change),
          store.count(change),
        ]);
        expect(outcomes.filter((outcome) => outcome === 'counted')).toHaveLength(1);
        const read = await store.read(owner, '2026-12-01', '2026-12-01');
        expect(read.byStatus).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 1 });
        expect(read.days['2026-12-01']).toEqual({ created: 1, completed: 1, leadTime: { 0: 1 } });
        expect(read.asOfMs).toBe(at);
      } finally {
        await teardown?.();
      }
    });

    // Two tasks' changes reach the stream in another order than their times when two
    // writers commit in the other order, or their clocks disagree: asOf only moves forward.
    it('keeps asOf at the newest change counted when an older one is counted after it', async () => {
      const { store, teardown } = await setup();
      try {
        const [owner] = freshOwners();
        const at = Date.UTC(2026, 11, 1, 9);
        const created = (taskId: string, atMs: number): TaskChange => ({
          owner,
          kind: 'upsert',
          task: { taskId, status: 'TODO', createdAtMs: atMs, updatedAtMs: atMs, version: 1 },
          atMs,
        });
        await store.count(created('later', at + 10));
        await store.count(created('earlier', at + 5));
        const read = await store.read(owner, '2026-12-01', '2026-12-01');
        expect(read.asOfMs).toBe(at + 10);
        expect(read.byStatus).toEqual({ TODO: 2, IN_PROGRESS: 0, DONE: 0 });
        expect(read.days['2026-12-01']).toMatchObject({ created: 2 });
      } finally {
        await teardown?.();
      }
    });

    it('reads an owner without changes as zeros', async () => {
      const { store, teardown } = await setup();
      try {
        const read = await store.read(freshOwners()[0], '2026-11-01', '2026-12-01');
        expect(read).toEqual({ byStatus: { TODO: 0, IN_PROGRESS: 0, DONE: 0 }, days: {} });
      } finally {
        await teardown?.();
      }
    });
  });
};
