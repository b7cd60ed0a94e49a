import { composeStatsRebuild } from '../composition/compose.js';

/** The deployed RebuildStatsFunction (infra/template.yaml), invoked by hand. Composed once per container. */
export const handler = composeStatsRebuild();
