import type { TaskUseCases } from '@tasks/domain';
import { jsonResponse } from '../http-response.js';
import { rejectQuery } from '../query.js';
import type { Controller } from '../route-handler.js';
import { etagOf, taskIdOf } from './task-representation.js';

/** GET /tasks/{taskId}: the task with its `ETag`. */
export const getTaskController =
  (getTask: TaskUseCases['getTask']): Controller =>
  async ({ request, params, owner }) => {
    rejectQuery(request.query);
    const task = await getTask({ owner, taskId: taskIdOf(params) });
    return jsonResponse(200, task, { ETag: etagOf(task) });
  };
