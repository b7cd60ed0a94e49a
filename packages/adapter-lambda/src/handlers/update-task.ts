import { makeUpdateTask, systemClock } from '@tasks/domain';
import { composeRoute } from '../composition/task-route.js';
import { updateTaskController } from '../http/controllers/update-task.js';

/** The function of PATCH /tasks/{taskId} (infra/template.yaml). Composed once per container. */
export const handler = composeRoute((tasks, { metrics }) =>
  updateTaskController(makeUpdateTask({ tasks, clock: systemClock }), metrics),
);
