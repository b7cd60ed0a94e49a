import { makeListTasks } from '@tasks/domain';
import { composeRoute } from '../composition/task-route.js';
import { listTasksController } from '../http/controllers/list-tasks.js';

/** The function of GET /tasks (infra/template.yaml). Composed once per container. */
export const handler = composeRoute((tasks) => listTasksController(makeListTasks({ tasks })));
