/**
 * The statistics panel stops polling once `shows` holds (src/ui/stats-panel.tsx). Before,
 * a delete waited for the total to fall below the total last seen, which may itself lag:
 * a create, then its delete before the stream counted either, never got there, so the
 * page polled 20 s and then said the statistics may be behind while they were not. Here
 * the stream of a model table counts a burst of writes in any order that keeps each
 * task's own changes in order (as DynamoDB Streams does), and the target the page
 * computes must be reached once everything is counted, and only then.
 */
import type { TaskStats } from '@tasks/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CatchUpTarget, expectWrite, shows, type Write } from '../src/stats/catch-up.js';

type Op =
  | { readonly kind: 'create' }
  | { readonly kind: 'update' | 'remove'; readonly pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'create' } as const),
  fc.record({ kind: fc.constantFrom('update', 'remove'), pick: fc.nat() }),
);

interface Change {
  readonly taskId: number;
  readonly write: Write;
}

const statsOf = (total: number, asOfMs: number | undefined): TaskStats => ({
  byStatus: { TODO: total, IN_PROGRESS: 0, DONE: 0 },
  total,
  daily: [],
  leadTime: { count: 0, p50Ms: null, p90Ms: null },
  asOf: asOfMs === undefined ? null : new Date(asOfMs).toISOString(),
});

/**
 * The writes `ops` make on a table of `existing` tasks (all counted), and each statistics
 * the stream produces as it counts them in the order `schedule` picks.
 */
const run = (existing: number, ops: readonly Op[], schedule: readonly number[]) => {
  let clock = Date.parse('2026-12-01T10:00:00.000Z');
  const initialAsOf = existing === 0 ? undefined : clock;
  const alive = Array.from({ length: existing }, (_, index) => index);
  let nextId = existing;
  const changes: Change[] = [];
  for (const { kind, ...rest } of ops) {
    clock += 1 + ('pick' in rest ? rest.pick % 3 : 0);
    const updatedAt = new Date(clock).toISOString();
    if (kind === 'create') {
      alive.push(nextId);
      changes.push({ taskId: nextId++, write: { kind, updatedAt } });
      continue;
    }
    if (alive.length === 0 || !('pick' in rest)) continue;
    const index = rest.pick % alive.length;
    const taskId = alive[index] ?? -1;
    if (kind === 'remove') alive.splice(index, 1);
    changes.push({ taskId, write: kind === 'remove' ? { kind } : { kind, updatedAt } });
  }

  // The stream: each task's changes in order, the tasks interleaved as `schedule` says.
  const queues = new Map<number, Write[]>();
  for (const { taskId, write } of changes)
    queues.set(taskId, [...(queues.get(taskId) ?? []), write]);
  let total = existing;
  let asOfMs = initialAsOf;
  const counted: TaskStats[] = [statsOf(total, asOfMs)];
  for (let step = 0; queues.size > 0; step++) {
    const ids = [...queues.keys()];
    const taskId = ids[(schedule[step] ?? 0) % ids.length] ?? -1;
    const [write, ...rest] = queues.get(taskId) ?? [];
    if (rest.length === 0) queues.delete(taskId);
    else queues.set(taskId, rest);
    if (write === undefined) continue;
    if (write.kind === 'create') total++;
    if (write.kind === 'remove') total--;
    if (write.kind !== 'remove') asOfMs = Math.max(asOfMs ?? 0, Date.parse(write.updatedAt));
    counted.push(statsOf(total, asOfMs));
  }
  return { writes: changes.map((change) => change.write), counted };
};

describe('the catch-up target', () => {
  const burst = fc.record({
    existing: fc.nat({ max: 4 }),
    ops: fc.array(op, { minLength: 1, maxLength: 10 }),
    schedule: fc.array(fc.nat(), { maxLength: 20 }),
  });

  it('is reached once the stream has counted every write, and by nothing counted before', () => {
    fc.assert(
      fc.property(burst, ({ existing, ops, schedule }) => {
        const { writes, counted } = run(existing, ops, schedule);
        const [before] = counted;
        const final = counted.at(-1);
        if (before === undefined || final === undefined) throw new Error('no statistics');
        // The page saw the statistics before the burst; each write adds to the target.
        let target: CatchUpTarget | undefined;
        for (const write of writes) target = expectWrite(target, before, write);
        if (target === undefined) return;
        expect(shows(final, target)).toBe(true);
        for (const stats of counted) {
          if (shows(stats, target)) {
            expect({ total: stats.total, asOf: stats.asOf }).toEqual({
              total: final.total,
              asOf: final.asOf,
            });
          }
        }
      }),
    );
  });
});
