import { describe, expect, it } from 'vitest';
import { makeDeadlines } from '../../src/composition/deadline.js';

const remaining = (ms: number) => ({ getRemainingTimeInMillis: () => ms });

describe('makeDeadlines', () => {
  it('gives no signal outside an invocation, and one of its own to each invocation', async () => {
    const deadlines = makeDeadlines(500);
    expect(deadlines.signal()).toBeUndefined();
    const [first, second] = await Promise.all([
      deadlines.within(remaining(60_000), async () => deadlines.signal()),
      deadlines.within(remaining(60_000), async () => deadlines.signal()),
    ]);
    expect(first).toBeInstanceOf(AbortSignal);
    expect(second).toBeInstanceOf(AbortSignal);
    expect(first).not.toBe(second);
  });

  it('keeps each of overlapping invocations on its own signal, however they interleave', async () => {
    const deadlines = makeDeadlines(500);
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const gate = Promise.withResolvers<void>();
    const seen = (label: string) => async () => {
      const early = deadlines.signal();
      await gate.promise;
      await tick();
      return { label, early, late: deadlines.signal() };
    };
    // The first runs alone at its start; the second and third start while it is under way;
    // the fourth starts after the first has answered, while the others still run.
    const first = deadlines.within(remaining(60_000), seen('first'));
    const second = deadlines.within(remaining(60_000), seen('second'));
    const third = deadlines.within(remaining(60_000), seen('third'));
    gate.resolve();
    const firstSeen = await first;
    const fourth = deadlines.within(remaining(60_000), seen('fourth'));
    const all = [firstSeen, ...(await Promise.all([second, third, fourth]))];
    for (const { early, late } of all) {
      expect(early).toBeInstanceOf(AbortSignal);
      expect(late).toBe(early);
    }
    expect(new Set(all.map(({ early }) => early)).size).toBe(4);
    expect(deadlines.signal()).toBeUndefined();
  });

  it('fires the signal once the time left is within the margin, while the invocation still runs', async () => {
    // An hour left, an hour of margin: the signal fires now, not in an hour.
    const deadlines = makeDeadlines(3_600_000);
    const outcome = await deadlines.within(remaining(3_600_000), async () => {
      const signal = deadlines.signal();
      if (signal === undefined) return 'no signal';
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return 'aborted';
    });
    expect(outcome).toBe('aborted');
  });

  it('does not fire the signal while time is left beyond the margin', async () => {
    const deadlines = makeDeadlines(500);
    const aborted = await deadlines.within(remaining(60_000), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return deadlines.signal()?.aborted;
    });
    expect(aborted).toBe(false);
  });

  it('ends whatever the invocation left running once it has answered', async () => {
    const deadlines = makeDeadlines(500);
    const signal = await deadlines.within(remaining(60_000), async () => deadlines.signal());
    expect(signal?.aborted).toBe(true);
  });
});
