import type { TaskUseCases } from '@tasks/domain';
import { jsonResponse } from '../http-response.js';
import { type RecordTaskMetrics, recordTaskMetrics } from '../metrics.js';
import { rejectQuery } from '../query.js';
import { CREATE_MEDIA_TYPES, readJsonBody } from '../request-body.js';
import type { Controller } from '../route-handler.js';

/**
 * POST /tasks: 201 with `Location`; a replayed `Idempotency-Key` adds `Idempotent-Replayed`.
 * Counts created tasks, completed ones and replays with `recordMetrics`.
 */
export const createTaskController =
  (
    createTask: TaskUseCases['createTask'],
    recordMetrics: RecordTaskMetrics = recordTaskMetrics,
  ): Controller =>
  async ({ request, owner }) => {
    rejectQuery(request.query);
    const body = readJsonBody(request, CREATE_MEDIA_TYPES);
    const idempotencyKey = request.headers.get('idempotency-key');
    const { task, replayed } = await createTask({
      owner,
      body,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    recordMetrics(
      replayed
        ? { IdempotentReplays: 1 }
        : { TasksCreated: 1, TasksCompleted: task.status === 'DONE' ? 1 : 0 },
    );
    return jsonResponse(
      201,
      { message: 'Task created', taskId: task.taskId, task },
      {
        // Relative to the API's root: behind a named stage, the stage is part of it.
        Location: `${request.basePath}/tasks/${encodeURIComponent(task.taskId)}`,
        ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      },
    );
  };
