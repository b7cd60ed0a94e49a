import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createEvent, lambdaContext, listEvent, taskEvent } from './api-gateway-event.js';
import { importHandler } from './handler-throughput.js';
import { median } from './stats.js';

export type LatencyOperation =
  | 'create'
  | 'idempotent create'
  | 'get'
  | 'list'
  | 'list by status'
  | 'update'
  | 'delete';

/**
 * Median time of each API call through the deployed bundles on DynamoDB Local, in
 * process: what a warm Lambda invocation spends, as an upper bound (DynamoDB Local is
 * slower than DynamoDB). Used for the Lambda part of the cost.
 */
export const measureHandlerLatency = async (
  functionsDir: string,
  env: Record<string, string>,
  calls = 100,
): Promise<Record<LatencyOperation, number>> => {
  const load = (name: string) =>
    importHandler(functionsDir, name, { ...env, LOG_LEVEL: 'warn' }, 'latency');
  const [create, get, list, update, remove] = await Promise.all(
    ['create-task', 'get-task', 'list-tasks', 'update-task', 'delete-task'].map(load),
  );
  if (!create || !get || !list || !update || !remove) throw new Error('a bundle is missing');
  const ids: string[] = [];
  const time = async (event: (index: number) => APIGatewayProxyEventV2, handler: typeof create) => {
    const samples: number[] = [];
    for (let index = 0; index < calls; index++) {
      const started = performance.now();
      const result = await handler(event(index), lambdaContext);
      samples.push(performance.now() - started);
      if (result.statusCode >= 300)
        throw new Error(`${event(index).routeKey} answered ${result.statusCode}`);
      const taskId: unknown =
        result.statusCode === 201 ? JSON.parse(result.body ?? '{}').taskId : undefined;
      if (typeof taskId === 'string') ids.push(taskId);
    }
    return median(samples);
  };
  const byId = (index: number) => ids[index] ?? '';
  return {
    create: await time(() => createEvent('{"title":"Latency"}'), create),
    'idempotent create': await time(
      (index) =>
        createEvent('{"title":"Once"}', { 'idempotency-key': `latency-${index}-${Date.now()}` }),
      create,
    ),
    get: await time((index) => taskEvent('GET', byId(index)), get),
    list: await time(() => listEvent('limit=20'), list),
    'list by status': await time(() => listEvent('limit=20&status=TODO'), list),
    update: await time((index) => taskEvent('PATCH', byId(index), '{"status":"DONE"}'), update),
    delete: await time((index) => taskEvent('DELETE', byId(index)), remove),
  };
};
