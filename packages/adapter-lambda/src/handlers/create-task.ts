import { composeHttpHandler } from '../composition/compose.js';

/** The deployed function of POST /tasks (infra/template.yaml). Composed once per container. */
export const handler = composeHttpHandler();
