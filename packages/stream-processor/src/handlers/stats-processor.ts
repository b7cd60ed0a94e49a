import { composeStatsProcessor } from '../composition/compose.js';

/** The deployed StatsProcessorFunction (infra/template.yaml). Composed once per container. */
export const handler = composeStatsProcessor();
