import { MAX_STATS_DAYS, type StatsQuery, StatsQuerySchema } from '@tasks/domain';
import type { HttpRequest } from './http-request.js';
import { parseQueryWithInteger } from './integer-query.js';

/**
 * The query of `GET /tasks/stats`, checked whole as the list's is: `days` once, in plain
 * decimal digits, from 1 to 90; any other parameter is refused. Problems under `query.<name>`.
 */
export const parseStatsQuery = (query: HttpRequest['query']): StatsQuery =>
  parseQueryWithInteger(query, StatsQuerySchema, { name: 'days', max: MAX_STATS_DAYS });
