import type { APIGatewayProxyHandler, APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type HttpHandler,
  routeKeyOf,
  TASK_ROUTES,
  type TaskUseCaseName,
} from '../../src/index.js';

describe('TASK_ROUTES', () => {
  it('lists the six routes of SPEC §4 as API Gateway route keys', () => {
    expect(TASK_ROUTES.map(routeKeyOf)).toEqual([
      'POST /tasks',
      'GET /tasks',
      'GET /tasks/stats',
      'GET /tasks/{taskId}',
      'PATCH /tasks/{taskId}',
      'DELETE /tasks/{taskId}',
    ]);
  });

  it('names every use case exactly once', () => {
    const names: TaskUseCaseName[] = TASK_ROUTES.map((route) => route.useCase);

    expect(new Set(names)).toEqual(
      new Set(['createTask', 'listTasks', 'getStats', 'getTask', 'updateTask', 'deleteTask']),
    );
    expect(names).toHaveLength(6);
  });

  it('is a handler for both payload formats, as aws-lambda types them', () => {
    expectTypeOf<HttpHandler>().toExtend<APIGatewayProxyHandlerV2>();
    expectTypeOf<HttpHandler>().toExtend<APIGatewayProxyHandler>();
  });
});
