import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDelta,
  emptyOwnerStats,
  type OwnerStats,
  rebuildTallies,
  statsOfTallies,
  type TaskChange,
  type TaskFacts,
  type TaskTally,
  tallyChange,
} from '../../src/index.js';
import {
  commandsArb,
  deliveriesArb,
  historyOf,
  OWNERS,
  recount,
} from '../../src/testing/stats-history.js';

/** What a store does: one tally per task, counters by owner, each change counted through tallyChange. */
const countAll = (deliveries: readonly TaskChange[]) => {
  const tallies = new Map<string, TaskTally>();
  const stats = new Map<string, OwnerStats>();
  const seen: OwnerStats[] = [];
  for (const change of deliveries) {
    const key = `${change.owner}/${change.task.taskId}`;
    const outcome = tallyChange(tallies.get(key), change);
    if (outcome.kind === 'ignored') continue;
    tallies.set(key, outcome.tally);
    const next = addDelta(stats.get(change.owner) ?? emptyOwnerStats(), outcome.delta);
    stats.set(change.owner, next);
    seen.push(next);
  }
  return { tallies, stats, seen };
};

describe('counting a task stream', () => {
  it('yields the recount, whatever duplicates and retries the delivery adds', () => {
    fc.assert(
      fc.property(
        commandsArb.chain((commands) => {
          const history = historyOf(commands);
          return fc.tuple(fc.constant(history), deliveriesArb(history.changes));
        }),
        ([history, deliveries]) => {
          const { stats } = countAll(deliveries);
          for (const owner of OWNERS) {
            expect(stats.get(owner) ?? emptyOwnerStats()).toEqual(recount(history, owner));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never counts a status below zero or a task twice, in any order of delivery', () => {
    fc.assert(
      fc.property(
        commandsArb.chain((commands) => {
          const history = historyOf(commands);
          const withDuplicates = deliveriesArb(history.changes);
          return fc.tuple(
            fc.constant(history),
            withDuplicates.chain((d) => fc.shuffledSubarray(d, { minLength: d.length })),
          );
        }),
        ([history, deliveries]) => {
          const { stats, seen } = countAll(deliveries);
          for (const snapshot of seen) {
            for (const count of Object.values(snapshot.byStatus))
              expect(count).toBeGreaterThanOrEqual(0);
          }
          for (const owner of OWNERS) {
            const expected = recount(history, owner);
            const actual = stats.get(owner) ?? emptyOwnerStats();
            const created = (s: OwnerStats) =>
              Object.values(s.days).reduce((sum, day) => sum + day.created, 0);
            expect(created(actual)).toBe(created(expected));
            expect(actual.byStatus).toEqual(expected.byStatus);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps counters equal to a recomputation from the tallies alone (what the rebuild writes)', () => {
    fc.assert(
      fc.property(
        commandsArb.chain((commands) => {
          const history = historyOf(commands);
          return deliveriesArb(history.changes);
        }),
        (deliveries) => {
          const { tallies, stats } = countAll(deliveries);
          for (const owner of OWNERS) {
            const own = [...tallies]
              .filter(([key]) => key.startsWith(`${owner}/`))
              .map(([, t]) => t);
            expect(statsOfTallies(own)).toEqual(stats.get(owner) ?? emptyOwnerStats());
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('rebuilding from the table', () => {
  it('yields what the stream kept, after any creates, updates and deletes', () => {
    fc.assert(
      fc.property(
        commandsArb.chain((commands) => {
          const history = historyOf(commands);
          return fc.tuple(fc.constant(history), deliveriesArb(history.changes));
        }),
        ([history, deliveries]) => {
          const { tallies, stats } = countAll(deliveries);
          for (const owner of OWNERS) {
            const table = new Map<string, TaskFacts>();
            for (const task of history.tasks) {
              if (task.owner === owner && !task.deleted) table.set(task.facts.taskId, task.facts);
            }
            const counted = new Map<string, TaskTally>();
            for (const [key, tally] of tallies) {
              if (key.startsWith(`${owner}/`)) counted.set(key.slice(owner.length + 1), tally);
            }
            const rebuilt = statsOfTallies(rebuildTallies(table, counted).values());
            expect(rebuilt).toEqual(stats.get(owner) ?? emptyOwnerStats());
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts the tasks of a table that had no stream, from the table alone', () => {
    fc.assert(
      fc.property(commandsArb, (commands) => {
        const history = historyOf(commands);
        for (const owner of OWNERS) {
          const table = new Map<string, TaskFacts>();
          for (const task of history.tasks) {
            if (task.owner === owner && !task.deleted) table.set(task.facts.taskId, task.facts);
          }
          const rebuilt = statsOfTallies(rebuildTallies(table, new Map()).values());
          expect(rebuilt.byStatus).toEqual(recount(history, owner).byStatus);
        }
      }),
      { numRuns: 100 },
    );
  });
});
