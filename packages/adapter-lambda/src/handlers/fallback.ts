import { composeHttpHandler } from '../composition/compose.js';

/** The deployed function of every other method on /tasks and /tasks/{taskId}, and unknown paths (405 and 404 problems) (infra/template.yaml). Composed once per container. */
export const handler = composeHttpHandler();
