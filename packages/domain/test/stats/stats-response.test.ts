import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDelta,
  bucketValueMs,
  emptyOwnerStats,
  isValid,
  LEAD_TIME_BUCKETS,
  leadTimeBucket,
  makeGetStats,
  type OwnerStats,
  percentileMs,
  StatsResponseSchema,
  type StatsStore,
  summarizeStats,
  ValidationError,
} from '../../src/index.js';

const NOW = Date.parse('2026-12-01T10:15:00.000Z');

describe('the lead-time histogram', () => {
  it('reports a lead time within 19 % of its value, from one second to two years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2 * 365 * 86_400_000 }), (leadTimeMs) => {
        const reported = bucketValueMs(leadTimeBucket(leadTimeMs));
        expect(reported / leadTimeMs).toBeLessThanOrEqual(1.19);
        expect(leadTimeMs / reported).toBeLessThanOrEqual(1.19);
      }),
    );
  });

  it('keeps every lead time in a bucket it has, and under a second in the first', () => {
    expect(leadTimeBucket(-5)).toBe(0);
    expect(leadTimeBucket(999)).toBe(0);
    expect(leadTimeBucket(1000)).toBe(1);
    expect(leadTimeBucket(Number.MAX_SAFE_INTEGER)).toBe(LEAD_TIME_BUCKETS - 1);
  });

  it('takes percentiles by nearest rank, and has none of an empty histogram', () => {
    const oneHour = leadTimeBucket(3_600_000);
    const oneDay = leadTimeBucket(86_400_000);
    const histogram = { [oneHour]: 5, [oneDay]: 5 };
    expect(percentileMs(histogram, 0.5)).toBe(bucketValueMs(oneHour));
    expect(percentileMs(histogram, 0.9)).toBe(bucketValueMs(oneDay));
    expect(percentileMs({}, 0.5)).toBeNull();
  });
});

const withActivity = (): OwnerStats =>
  addDelta(emptyOwnerStats(), {
    byStatus: { DONE: 2, TODO: 1 },
    days: {
      '2026-12-01': { created: 3, completed: 2, leadTime: { [leadTimeBucket(3_600_000)]: 2 } },
      '2026-10-01': { created: 7, completed: 1, leadTime: { 3: 1 } },
    },
    atMs: NOW - 60_000,
  });

describe('summarizeStats', () => {
  it('answers exactly `days` zero-filled days, oldest first, ending today (UTC)', () => {
    const response = summarizeStats(withActivity(), 3, NOW);
    expect(response.daily).toEqual([
      { date: '2026-11-29', created: 0, completed: 0 },
      { date: '2026-11-30', created: 0, completed: 0 },
      { date: '2026-12-01', created: 3, completed: 2 },
    ]);
    expect(isValid(StatsResponseSchema, response)).toBe(true);
  });

  it('counts lead times over the window only, with totals of all current tasks', () => {
    const response = summarizeStats(withActivity(), 30, NOW);
    expect(response.byStatus).toEqual({ TODO: 1, IN_PROGRESS: 0, DONE: 2 });
    expect(response.total).toBe(3);
    expect(response.leadTime).toEqual({
      count: 2,
      p50Ms: bucketValueMs(leadTimeBucket(3_600_000)),
      p90Ms: bucketValueMs(leadTimeBucket(3_600_000)),
    });
    expect(response.asOf).toBe('2026-12-01T10:14:00.000Z');
  });

  it('has null percentiles and asOf before anything was counted', () => {
    const response = summarizeStats(emptyOwnerStats(), 1, NOW);
    expect(response.leadTime).toEqual({ count: 0, p50Ms: null, p90Ms: null });
    expect(response.asOf).toBeNull();
  });
});

describe('getStats', () => {
  const reads: [string, string, string][] = [];
  const stats: StatsStore = {
    count: async () => 'ignored',
    read: async (owner, from, to) => {
      reads.push([owner, from, to]);
      return withActivity();
    },
  };
  const getStats = makeGetStats({ stats, clock: { now: () => new Date(NOW) } });

  it('reads the owner window of 30 days by default', async () => {
    const response = await getStats({ owner: 'alice', query: {} });
    expect(response.daily).toHaveLength(30);
    expect(reads.at(-1)).toEqual(['alice', '2026-11-02', '2026-12-01']);
  });

  it.each([0, 91, 1.5])('rejects days=%s as a validation error', async (days) => {
    await expect(getStats({ owner: 'alice', query: { days } })).rejects.toThrow(ValidationError);
  });

  it('rejects unknown parameters', async () => {
    await expect(getStats({ owner: 'alice', query: { day: 3 } })).rejects.toThrow(ValidationError);
  });
});
