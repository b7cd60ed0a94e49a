import { composeHttpHandler } from '../composition/compose.js';

/** The deployed function of PATCH /tasks/{taskId} (infra/template.yaml). Composed once per container. */
export const handler = composeHttpHandler();
