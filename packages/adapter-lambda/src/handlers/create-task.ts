import { makeCreateTask, systemClock, uuidV7Generator } from '@tasks/domain';
import { nodeSha256Hex } from '../composition/sha256-hex.js';
import { composeRoute } from '../composition/task-route.js';
import { createTaskController } from '../http/controllers/create-task.js';

/** The function of POST /tasks (infra/template.yaml). Composed once per container. */
export const handler = composeRoute((tasks, { metrics }) =>
  createTaskController(
    makeCreateTask({
      tasks,
      clock: systemClock,
      newTaskId: uuidV7Generator,
      sha256Hex: nodeSha256Hex,
    }),
    metrics,
  ),
);
