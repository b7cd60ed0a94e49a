import type { TaskStats } from '@tasks/client';
import { describe, expect, it } from 'vitest';
import { expectWrite, pollUntilCaughtUp, shows } from '../src/stats/catch-up.js';

const stats = (asOf: string | null, total = 1): TaskStats => ({
  byStatus: { TODO: total, IN_PROGRESS: 0, DONE: 0 },
  total,
  daily: [],
  leadTime: { count: 0, p50Ms: null, p90Ms: null },
  asOf,
});

describe('shows', () => {
  it('counts a create or update once asOf reaches its updatedAt', () => {
    const target = expectWrite(undefined, stats(null, 0), {
      kind: 'create',
      updatedAt: '2026-12-01T10:00:00.500Z',
    });
    expect(shows(stats(null), target)).toBe(false);
    expect(shows(stats('2026-12-01T10:00:00.499Z'), target)).toBe(false);
    expect(shows(stats('2026-12-01T10:00:00.500Z'), target)).toBe(true);
  });

  it('counts a delete once the total is the one seen less one', () => {
    const target = expectWrite(undefined, stats(null, 3), { kind: 'remove' });
    expect(shows(stats(null, 3), target)).toBe(false);
    expect(shows(stats(null, 2), target)).toBe(true);
  });

  it('counts a create and its delete once the total is back where it was and asOf passed the create', () => {
    const created = expectWrite(undefined, stats(null, 3), {
      kind: 'create',
      updatedAt: '2026-12-01T10:00:01.000Z',
    });
    // The stats last seen are still the ones before the create.
    const target = expectWrite(created, stats(null, 3), { kind: 'remove' });
    expect(shows(stats(null, 3), target)).toBe(false);
    expect(shows(stats('2026-12-01T10:00:01.000Z', 4), target)).toBe(false);
    expect(shows(stats('2026-12-01T10:00:01.000Z', 3), target)).toBe(true);
  });
});

describe('pollUntilCaughtUp', () => {
  const answers = (...all: TaskStats[]) => {
    const calls: number[] = [];
    return {
      calls,
      load: async () => {
        calls.push(calls.length);
        const next = all[Math.min(calls.length - 1, all.length - 1)];
        if (next === undefined) throw new Error('no answer');
        return next;
      },
    };
  };
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
  };

  it('stops at the first answer that shows the write', async () => {
    const server = answers(
      stats(null),
      stats('2026-12-01T10:00:01.000Z'),
      stats('2026-12-01T10:00:02.000Z'),
    );
    const seen: TaskStats[] = [];
    const caughtUp = await pollUntilCaughtUp({
      load: server.load,
      caughtUp: (s) => shows(s, { total: undefined, asOf: '2026-12-01T10:00:01.000Z' }),
      onStats: (s) => seen.push(s),
      signal: new AbortController().signal,
      delays: [10, 20, 30, 40],
      sleep,
    });
    expect(caughtUp).toBe(true);
    expect(server.calls).toHaveLength(2);
    expect(seen.map((s) => s.asOf)).toEqual([null, '2026-12-01T10:00:01.000Z']);
  });

  it('gives up when the schedule ends, having polled once per delay', async () => {
    const server = answers(stats(null));
    slept.length = 0;
    const caughtUp = await pollUntilCaughtUp({
      load: server.load,
      caughtUp: () => false,
      onStats: () => undefined,
      signal: new AbortController().signal,
      delays: [10, 20, 30],
      sleep,
    });
    expect(caughtUp).toBe(false);
    expect(slept).toEqual([10, 20, 30]);
    expect(server.calls).toHaveLength(3);
  });

  it('stops when aborted: a newer write polls for itself', async () => {
    const controller = new AbortController();
    const server = answers(stats(null));
    const poll = pollUntilCaughtUp({
      load: async (signal) => {
        controller.abort(new Error('superseded'));
        signal.throwIfAborted();
        return server.load();
      },
      caughtUp: () => false,
      onStats: () => undefined,
      signal: controller.signal,
      delays: [1, 1, 1],
      sleep,
    });
    await expect(poll).rejects.toThrow('superseded');
    expect(server.calls).toHaveLength(0);
  });
});
