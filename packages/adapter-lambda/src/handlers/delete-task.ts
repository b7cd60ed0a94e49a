import { makeDeleteTask } from '@tasks/domain';
import { composeRoute } from '../composition/task-route.js';
import { deleteTaskController } from '../http/controllers/delete-task.js';

/** The function of DELETE /tasks/{taskId} (infra/template.yaml). Composed once per container. */
export const handler = composeRoute((tasks) => deleteTaskController(makeDeleteTask({ tasks })));
