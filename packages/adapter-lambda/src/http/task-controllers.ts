import type { Task, TaskUseCases } from '@tasks/domain';
import type { HttpRequest } from './http-request.js';
import { emptyResponse, type HttpResponse, jsonResponse } from './http-response.js';
import { expectedVersionOf, parseIfMatch } from './if-match.js';
import { recordTaskMetrics } from './metrics.js';
import { parseListQuery, rejectQuery } from './query.js';
import { CREATE_MEDIA_TYPES, PATCH_MEDIA_TYPES, readJsonBody } from './request-body.js';
import type { TaskUseCaseName } from './routes.js';
import { parseStatsQuery } from './stats-query.js';

/** What a controller gets: the request, its route parameters and its owner. */
export interface ControllerInput {
  readonly request: HttpRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly owner: string;
  readonly useCases: TaskUseCases;
}

/** Turns one request into one use-case call and its result into a response. */
export type Controller = (input: ControllerInput) => Promise<HttpResponse>;

/** RFC 9110 §8.8.3: a strong entity tag; the version names the representation exactly. */
const etagOf = (task: Task): string => `"${task.version}"`;

const taskIdOf = (params: Readonly<Record<string, string>>): string => params['taskId'] ?? '';

/**
 * One controller per use case (SPEC §4). `satisfies` keeps this table and the use cases
 * in step: a route naming a use case without a controller fails to compile.
 */
export const TASK_CONTROLLERS = {
  createTask: async ({ request, owner, useCases }) => {
    rejectQuery(request.query);
    const body = readJsonBody(request, CREATE_MEDIA_TYPES);
    const idempotencyKey = request.headers.get('idempotency-key');
    const { task, replayed } = await useCases.createTask({
      owner,
      body,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    recordTaskMetrics(
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
  },

  listTasks: async ({ request, owner, useCases }) => {
    const query = parseListQuery(request.query);
    const page = await useCases.listTasks({ owner, query });
    return jsonResponse(200, {
      items: page.items,
      ...(page.nextKey === undefined ? {} : { nextKey: page.nextKey }),
    });
  },

  getTask: async ({ request, params, owner, useCases }) => {
    rejectQuery(request.query);
    const task = await useCases.getTask({ owner, taskId: taskIdOf(params) });
    return jsonResponse(200, task, { ETag: etagOf(task) });
  },

  updateTask: async ({ request, params, owner, useCases }) => {
    rejectQuery(request.query);
    const patch = readJsonBody(request, PATCH_MEDIA_TYPES);
    const condition = parseIfMatch(request.headers.get('if-match'));
    const task = await useCases.updateTask({
      owner,
      taskId: taskIdOf(params),
      patch,
      ...expectedVersionOf(condition),
    });
    // A completion is a patch that sets DONE (repeating it on a done task counts again).
    if (task.status === 'DONE' && Reflect.get(Object(patch), 'status') === 'DONE') {
      recordTaskMetrics({ TasksCompleted: 1 });
    }
    return jsonResponse(200, task, { ETag: etagOf(task) });
  },

  deleteTask: async ({ request, params, owner, useCases }) => {
    rejectQuery(request.query);
    const condition = parseIfMatch(request.headers.get('if-match'));
    await useCases.deleteTask({ owner, taskId: taskIdOf(params), ...expectedVersionOf(condition) });
    return emptyResponse(204);
  },

  getStats: async ({ request, owner, useCases }) => {
    const query = parseStatsQuery(request.query);
    return jsonResponse(200, await useCases.getStats({ owner, query }));
  },
} satisfies Record<TaskUseCaseName, Controller>;
