import type { TaskUseCases } from '@tasks/domain';
import { jsonResponse } from '../http-response.js';
import { expectedVersionOf, parseIfMatch } from '../if-match.js';
import { rejectQuery } from '../query.js';
import { PATCH_MEDIA_TYPES, readJsonBody } from '../request-body.js';
import type { Controller } from '../route-handler.js';
import { etagOf, taskIdOf } from './task-representation.js';

/** PATCH /tasks/{taskId}: a JSON merge patch, optionally conditional on `If-Match`. */
export const updateTaskController =
  (updateTask: TaskUseCases['updateTask']): Controller =>
  async ({ request, params, owner }) => {
    rejectQuery(request.query);
    const patch = readJsonBody(request, PATCH_MEDIA_TYPES);
    const condition = parseIfMatch(request.headers.get('if-match'));
    const task = await updateTask({
      owner,
      taskId: taskIdOf(params),
      patch,
      ...expectedVersionOf(condition),
    });
    return jsonResponse(200, task, { ETag: etagOf(task) });
  };
