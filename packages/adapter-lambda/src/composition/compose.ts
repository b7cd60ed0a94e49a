import {
  createDocumentClient,
  createLocalDynamoDbClient,
  DynamoDbTaskRepository,
  documentClientFor,
} from '@tasks/adapter-dynamodb';
import type { TaskRepository } from '@tasks/domain';
import type { Context } from 'aws-lambda';
import type { ApiGatewayEvent } from '../http/from-api-gateway.js';
import type { ApiGatewayResult } from '../http/http-response.js';
import { makeJsonLogger } from '../http/logger.js';
import { type Controller, makeRouteHandler } from '../http/route-handler.js';
import { type Deadlines, makeDeadlines } from './deadline.js';
import { type Environment, EnvironmentSchema, environmentOf } from './environment.js';
import { hostRepository } from './host-repository.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A deployed function's handler: an HTTP API (payload 2.0) or REST API (payload 1.0)
 * event in, a result out; it never rejects. It reads its deadline from the context.
 */
export type ComposedHandler = (
  event: ApiGatewayEvent,
  context: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>,
) => Promise<ApiGatewayResult>;

const dynamoDbRepository = (env: Environment, deadlines: Deadlines): TaskRepository => {
  const client =
    env.DYNAMODB_ENDPOINT === undefined
      ? createDocumentClient()
      : documentClientFor(
          createLocalDynamoDbClient(env.DYNAMODB_ENDPOINT, { region: env.AWS_REGION }),
        );
  // Every store call ends with the invocation's deadline, whatever the client's own
  // timeouts and retries would allow (10 s per answer locally, 4 s in AWS, 3 attempts).
  return new DynamoDbTaskRepository({
    client,
    tableName: env.TABLE_NAME,
    signal: deadlines.signal,
  });
};

/**
 * The composition root of a route's function: reads the environment once, builds the
 * repository (DynamoDB, unless the host that imported the bundle provided one) and the
 * route's controller once per container, outside the handler, and returns the handler.
 * Each invocation's store calls end just before its deadline
 * (`context.getRemainingTimeInMillis()`), so that a stalled store is a 503 problem with
 * `Retry-After`, never the platform's timeout.
 *
 * `wire` builds the one use case and controller the function serves:
 * `(tasks) => getTaskController(makeGetTask({ tasks }))`.
 */
export const composeRoute = (
  wire: (tasks: TaskRepository) => Controller,
  env: Env = process.env,
): ComposedHandler => {
  const config = environmentOf(EnvironmentSchema, env);
  const deadlines = makeDeadlines();
  const http = makeRouteHandler({
    controller: wire(hostRepository() ?? dynamoDbRepository(config, deadlines)),
    owner:
      config.AUTH_MODE === 'jwt' ? { mode: 'jwt' } : { mode: 'fixed', owner: config.FIXED_OWNER },
    logger: makeJsonLogger({ level: config.LOG_LEVEL }),
  });
  return (event, context) => deadlines.within(context, () => http(event, context));
};
