import { composeHttpHandler } from '../composition/compose.js';

/** The deployed function of GET /tasks (infra/template.yaml). Composed once per container. */
export const handler = composeHttpHandler();
