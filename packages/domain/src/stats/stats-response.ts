import * as v from 'valibot';
import { TimestampSchema } from '../task.js';
import { isoTimestamp } from '../timestamp.js';
import { type LeadTimeHistogram, percentileMs } from './lead-time-histogram.js';
import type { OwnerStats } from './owner-stats.js';
import { utcDaysEndingAt } from './task-change.js';

export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_DAYS = 90;

/** How many UTC days `GET /tasks/stats` covers, today included. */
export const StatsDaysSchema = v.pipe(
  v.number(),
  v.safeInteger(),
  v.minValue(1),
  v.maxValue(MAX_STATS_DAYS),
);

/** The query of `GET /tasks/stats` (SPEC §4); unknown parameters are rejected. */
export const StatsQuerySchema = v.strictObject({ days: v.optional(StatsDaysSchema) });
export type StatsQuery = v.InferInput<typeof StatsQuerySchema>;

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** The body of `GET /tasks/stats`: what the OpenAPI document describes. */
export const StatsResponseSchema = v.strictObject({
  byStatus: v.strictObject({ TODO: count, IN_PROGRESS: count, DONE: count }),
  total: count,
  /** Exactly `days` entries, oldest first, ending today (UTC), zero-filled. */
  daily: v.array(
    v.strictObject({
      date: v.pipe(v.string(), v.isoDate(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
      created: count,
      completed: count,
    }),
  ),
  /** Over the tasks first completed in the window; percentiles from the fixed histogram. */
  leadTime: v.strictObject({
    count,
    p50Ms: v.nullable(count),
    p90Ms: v.nullable(count),
  }),
  /** The time of the newest change counted; `null` before the first. */
  asOf: v.nullable(TimestampSchema),
});
export type StatsResponse = v.InferOutput<typeof StatsResponseSchema>;

/** What `GET /tasks/stats?days=N` answers, from an owner's counters, on the day of `nowMs`. */
export const summarizeStats = (stats: OwnerStats, days: number, nowMs: number): StatsResponse => {
  const window = utcDaysEndingAt(nowMs, days);
  const leadTime: Record<number, number> = {};
  let completedInWindow = 0;
  const daily = window.map((date) => {
    const counts = stats.days[date];
    for (const [bucket, n] of Object.entries(counts?.leadTime ?? {})) {
      leadTime[Number(bucket)] = (leadTime[Number(bucket)] ?? 0) + n;
      completedInWindow += n;
    }
    return { date, created: counts?.created ?? 0, completed: counts?.completed ?? 0 };
  });
  const histogram: LeadTimeHistogram = leadTime;
  const { byStatus } = stats;
  return {
    byStatus: { TODO: byStatus.TODO, IN_PROGRESS: byStatus.IN_PROGRESS, DONE: byStatus.DONE },
    total: byStatus.TODO + byStatus.IN_PROGRESS + byStatus.DONE,
    daily,
    leadTime: {
      count: completedInWindow,
      p50Ms: percentileMs(histogram, 0.5),
      p90Ms: percentileMs(histogram, 0.9),
    },
    asOf: stats.asOfMs === undefined ? null : isoTimestamp(stats.asOfMs),
  };
};
