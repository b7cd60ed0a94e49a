import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDelta,
  DONE_AGAIN_DAYS,
  emptyOwnerStats,
  type OwnerStats,
  rebuildTallies,
  sameTally,
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

describe('completions (SPEC §4: `completed` counts moves into DONE)', () => {
  const DAY = 86_400_000;
  const created = Date.UTC(2026, 10, 30, 9);
  const version = (n: number, status: TaskFacts['status'], updatedAtMs: number): TaskChange => ({
    owner: 'alice',
    kind: 'upsert',
    task: { taskId: 't', status, createdAtMs: created, updatedAtMs, version: n },
    atMs: updatedAtMs,
  });
  /** A task completed, reopened, and completed again on each of the next two days. */
  const changes = [
    version(1, 'TODO', created),
    version(2, 'DONE', created + 3_600_000),
    version(3, 'IN_PROGRESS', created + DAY),
    version(4, 'DONE', created + DAY + 60_000),
    // A title edit while DONE moves nothing into DONE.
    version(5, 'DONE', created + DAY + 120_000),
    version(6, 'TODO', created + 2 * DAY),
    version(7, 'DONE', created + 2 * DAY + 60_000),
  ];

  it('counts every move into DONE on its day, and the lead time once, at the first', () => {
    const { stats, tallies } = countAll([...changes, ...changes.slice(3)]);

    const days = stats.get('alice')?.days ?? {};
    expect(Object.fromEntries(Object.entries(days).map(([day, n]) => [day, n.completed]))).toEqual({
      '2026-11-30': 1,
      '2026-12-01': 1,
      '2026-12-02': 1,
    });
    const leadTimes = Object.values(days).flatMap((day) => Object.values(day.leadTime));
    expect(leadTimes).toEqual([1]);
    expect(tallies.get('alice/t')?.doneAgain).toEqual({ '2026-12-01': 1, '2026-12-02': 1 });
  });

  it(`remembers the latest ${DONE_AGAIN_DAYS} days of later completions, and counts every one`, () => {
    // Reopened and completed again every day for 120 days (a daily chore).
    const daily = [version(1, 'TODO', created), version(2, 'DONE', created + 1)];
    for (let day = 1; day <= 120; day++) {
      daily.push(version(2 * day + 1, 'TODO', created + day * DAY));
      daily.push(version(2 * day + 2, 'DONE', created + day * DAY + 1));
    }

    const { stats, tallies } = countAll(daily);

    const kept = Object.keys(tallies.get('alice/t')?.doneAgain ?? {}).sort();
    expect(kept).toHaveLength(DONE_AGAIN_DAYS);
    expect(kept.at(0)).toBe('2026-12-31');
    expect(kept.at(-1)).toBe('2027-03-30');
    const completed = Object.values(stats.get('alice')?.days ?? {}).map((day) => day.completed);
    expect(completed.reduce((sum, n) => sum + n, 0)).toBe(121);
  });

  // The stream has counted the task up to its reopening when the rebuild reads the table,
  // which holds it DONE again; the record of that version comes after the rebuild.
  it('counts, in a rebuild, a completion the table shows and the tallies have not counted yet', () => {
    const lagging = countAll(changes.slice(0, 6));
    const tally = lagging.tallies.get('alice/t');
    const table = changes.at(-1)?.task;
    if (tally === undefined || table === undefined) throw new Error('nothing was counted');

    const rebuilt = rebuildTallies(new Map([['t', table]]), new Map([['t', tally]]));
    const afterwards = rebuilt.get('t');
    const late = changes.at(-1);
    if (afterwards === undefined || late === undefined) throw new Error('nothing was rebuilt');

    expect(statsOfTallies(rebuilt.values())).toEqual(countAll(changes).stats.get('alice'));
    // The late record then counts for nothing: the rebuild reflects it already.
    expect(tallyChange(afterwards, late)).toEqual({ kind: 'ignored' });
  });

  it.each([
    ['a title edit of the DONE task it counted', 4, 5],
    ['an older DONE version than it counted (a table read before the count)', 6, 4],
  ])('counts no completion again in a rebuild for %s', (_case, counted, inTable) => {
    const { tallies } = countAll(changes.slice(0, counted));
    const tally = tallies.get('alice/t');
    const table = changes[inTable - 1]?.task;
    if (tally === undefined || table === undefined) throw new Error('nothing was counted');

    const rebuilt = rebuildTallies(new Map([['t', table]]), new Map([['t', tally]]));

    expect(rebuilt.get('t')?.doneAgain).toEqual(tally.doneAgain);
  });

  // A table restored from a backup holds an older version than the tallies counted.
  it('repairs a tally ahead of the table to the version the table holds', () => {
    const { tallies } = countAll(changes.slice(0, 4));
    const ahead = tallies.get('alice/t');
    const restored = changes[0]?.task;
    if (ahead === undefined || restored === undefined) throw new Error('nothing was counted');

    const rebuilt = rebuildTallies(new Map([['t', restored]]), new Map([['t', ahead]]));

    expect(rebuilt.get('t')).toMatchObject({ order: 2, status: 'TODO' });
  });

  it('tells tallies apart by their later completions (a rebuild keeps a tally only if unchanged)', () => {
    const tally: TaskTally = { order: 8, status: 'DONE', createdAtMs: created, atMs: created };
    const twice = { ...tally, doneAgain: { '2026-12-01': 1, '2026-12-02': 1 } };

    expect(sameTally(twice, { ...tally, doneAgain: { '2026-12-02': 1, '2026-12-01': 1 } })).toBe(
      true,
    );
    expect(sameTally(twice, { ...tally, doneAgain: { '2026-12-01': 2 } })).toBe(false);
    expect(sameTally(twice, { ...tally, doneAgain: { '2026-12-01': 1 } })).toBe(false);
    expect(sameTally(twice, tally)).toBe(false);
    expect(sameTally(tally, twice)).toBe(false);
  });

  it('keeps the completions after the first through a rebuild, which the table cannot tell', () => {
    const { stats, tallies } = countAll(changes);
    const last = changes.at(-1)?.task;
    const tally = tallies.get('alice/t');
    if (last === undefined || tally === undefined) throw new Error('nothing was counted');

    const rebuilt = statsOfTallies(
      rebuildTallies(new Map([['t', last]]), new Map([['t', tally]])).values(),
    );

    expect(rebuilt).toEqual(stats.get('alice'));
  });
});
