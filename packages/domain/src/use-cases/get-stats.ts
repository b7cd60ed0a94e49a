import type { Clock } from '../clock.js';
import { parseOwner } from '../owner.js';
import {
  DEFAULT_STATS_DAYS,
  StatsQuerySchema,
  type StatsResponse,
  summarizeStats,
} from '../stats/stats-response.js';
import type { StatsStore } from '../stats/stats-store.js';
import { utcDaysEndingAt } from '../stats/task-change.js';
import { parseInput } from '../validation.js';

export interface GetStatsCommand {
  readonly owner: string;
  /** `{ days? }`, as the query string gave it. */
  readonly query: unknown;
}

/**
 * The caller's statistics over the last `days` UTC days (SPEC §4 `GET /tasks/stats`):
 * one read of the owner's counters, eventually consistent with the table's stream.
 */
export const makeGetStats =
  ({ stats, clock }: { stats: StatsStore; clock: Clock }) =>
  async ({ owner, query }: GetStatsCommand): Promise<StatsResponse> => {
    const ownerId = parseOwner(owner);
    const { days = DEFAULT_STATS_DAYS } = parseInput(StatsQuerySchema, query, 'query');
    const nowMs = clock.now().getTime();
    const window = utcDaysEndingAt(nowMs, days);
    const counters = await stats.read(ownerId, window[0] ?? '', window.at(-1) ?? '');
    return summarizeStats(counters, days, nowMs);
  };
