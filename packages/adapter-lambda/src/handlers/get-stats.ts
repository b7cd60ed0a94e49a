import { makeGetStats, systemClock } from '@tasks/domain';
import { composeStatsRoute } from '../composition/stats-store.js';
import { getStatsController } from '../http/controllers/get-stats.js';

/** The function of GET /tasks/stats (infra/template.yaml). Composed once per container. */
export const handler = composeStatsRoute((stats) =>
  getStatsController(makeGetStats({ stats, clock: systemClock })),
);
