import type { TaskUseCases } from '@tasks/domain';
import { jsonResponse } from '../http-response.js';
import { expectedVersionOf, parseIfMatch } from '../if-match.js';
import { type RecordTaskMetrics, recordTaskMetrics } from '../metrics.js';
import { rejectQuery } from '../query.js';
import { PATCH_MEDIA_TYPES, readJsonBody } from '../request-body.js';
import type { Controller } from '../route-handler.js';
import { etagOf, taskIdOf } from './task-representation.js';

/**
 * PATCH /tasks/{taskId}: a JSON merge patch, optionally conditional on `If-Match`. Counts
 * completions with `recordMetrics`.
 */
export const updateTaskController =
  (
    updateTask: TaskUseCases['updateTask'],
    recordMetrics: RecordTaskMetrics = recordTaskMetrics,
  ): Controller =>
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
    // A completion is a patch that sets DONE (repeating it on a done task counts again).
    if (task.status === 'DONE' && Reflect.get(Object(patch), 'status') === 'DONE') {
      recordMetrics({ TasksCompleted: 1 });
    }
    return jsonResponse(200, task, { ETag: etagOf(task) });
  };
