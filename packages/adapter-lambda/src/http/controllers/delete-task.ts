import type { TaskUseCases } from '@tasks/domain';
import { emptyResponse } from '../http-response.js';
import { expectedVersionOf, parseIfMatch } from '../if-match.js';
import { rejectQuery } from '../query.js';
import type { Controller } from '../route-handler.js';
import { taskIdOf } from './task-representation.js';

/** DELETE /tasks/{taskId}: 204, optionally conditional on `If-Match`. */
export const deleteTaskController =
  (deleteTask: TaskUseCases['deleteTask']): Controller =>
  async ({ request, params, owner }) => {
    rejectQuery(request.query);
    const condition = parseIfMatch(request.headers.get('if-match'));
    await deleteTask({ owner, taskId: taskIdOf(params), ...expectedVersionOf(condition) });
    return emptyResponse(204);
  };
