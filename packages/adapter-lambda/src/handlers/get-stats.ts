import { composeHttpHandler } from '../composition/compose.js';

/** The deployed function of GET /tasks/stats (infra/template.yaml). Composed once per container. */
export const handler = composeHttpHandler();
