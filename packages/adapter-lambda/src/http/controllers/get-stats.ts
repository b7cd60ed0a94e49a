import type { TaskUseCases } from '@tasks/domain';
import { jsonResponse } from '../http-response.js';
import type { Controller } from '../route-handler.js';
import { parseStatsQuery } from '../stats-query.js';

/** GET /tasks/stats: the caller's statistics over `days` UTC days (default 30). */
export const getStatsController =
  (getStats: TaskUseCases['getStats']): Controller =>
  async ({ request, owner }) => {
    const query = parseStatsQuery(request.query);
    return jsonResponse(200, await getStats({ owner, query }));
  };
