import { makeGetTask } from '@tasks/domain';
import { composeRoute } from '../composition/task-route.js';
import { getTaskController } from '../http/controllers/get-task.js';

/** The function of GET /tasks/{taskId} (infra/template.yaml). Composed once per container. */
export const handler = composeRoute((tasks) => getTaskController(makeGetTask({ tasks })));
