import { composeHttpHandler } from '../composition/compose.js';
import { statsStoreFor } from '../composition/stats-store.js';

/** The deployed function of GET /tasks/stats (infra/template.yaml). Composed once per container. */
export const handler = composeHttpHandler(process.env, { stats: statsStoreFor });
