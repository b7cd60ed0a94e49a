import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient, createLocalDynamoDbClient } from '@tasks/adapter-dynamodb';
import type { Context } from 'aws-lambda';
import type { ApiGatewayEvent } from '../http/from-api-gateway.js';
import type { ApiGatewayResult } from '../http/http-response.js';
import { makeJsonLogger } from '../http/logger.js';
import { type RecordTaskMetrics, taskMetricsFor } from '../http/metrics.js';
import { type Controller, makeRouteHandler } from '../http/route-handler.js';
import { makeDeadlines } from './deadline.js';
import { environmentOf } from './environment.js';
import { type Environment, EnvironmentSchema } from './route-environment.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A deployed function's handler: an HTTP API (payload 2.0) or REST API (payload 1.0)
 * event in, a result out; it never rejects. It reads its deadline from the context.
 */
export type ComposedHandler = (
  event: ApiGatewayEvent,
  context: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>,
) => Promise<ApiGatewayResult>;

/** What a store needs from its composition root: the client and the deadline. */
export interface StoreWiring {
  /** The one DynamoDB client of the container, built on first use. */
  readonly client: () => DynamoDBClient;
  /** The signal of the invocation under way: every store call ends with it. */
  readonly signal: () => AbortSignal | undefined;
}

/**
 * Builds the one store a route's function reads and writes (the task repository, or the
 * statistics of GET /tasks/stats), once per container: passed by that function's entry, so
 * that no bundle carries another route's store.
 */
export type StoreFactory<S> = (env: Environment, wiring: StoreWiring) => S;

/** What a route's controller may take besides its use case, built once per container. */
export interface ControllerWiring {
  /** The business metrics of this function (SPEC §13), named by `AWS_LAMBDA_FUNCTION_NAME`. */
  readonly metrics: RecordTaskMetrics;
}

const dynamoDbClientOf = (env: Environment): DynamoDBClient =>
  env.DYNAMODB_ENDPOINT === undefined
    ? createDynamoDbClient()
    : createLocalDynamoDbClient(env.DYNAMODB_ENDPOINT, { region: env.AWS_REGION });

/**
 * The composition root of a route's function: reads the environment once, builds its
 * store (`storeFor`) and the route's controller (`wire`) once per container, outside the
 * handler, and returns the handler. Every store call ends just before the invocation's
 * deadline (`context.getRemainingTimeInMillis()`), whatever the client's own timeouts and
 * retries would allow (10 s per answer locally, 4 s in AWS, 3 attempts), so that a stalled
 * store is a 503 problem with `Retry-After`, never the platform's timeout.
 */
export const composeRouteOn = <S>(
  storeFor: StoreFactory<S>,
  wire: (store: S, wiring: ControllerWiring) => Controller,
  env: Env = process.env,
): ComposedHandler => {
  const config = environmentOf(EnvironmentSchema, env);
  const deadlines = makeDeadlines();
  let dynamodb: DynamoDBClient | undefined;
  const wiring: StoreWiring = {
    // One client per container, built only when a DynamoDB store needs it.
    client: () => {
      dynamodb ??= dynamoDbClientOf(config);
      return dynamodb;
    },
    signal: deadlines.signal,
  };
  const http = makeRouteHandler({
    controller: wire(storeFor(config, wiring), {
      metrics: taskMetricsFor(config.AWS_LAMBDA_FUNCTION_NAME),
    }),
    owner:
      config.AUTH_MODE === 'jwt' ? { mode: 'jwt' } : { mode: 'fixed', owner: config.FIXED_OWNER },
    logger: makeJsonLogger({ level: config.LOG_LEVEL }),
  });
  return (event, context) => deadlines.within(context, () => http(event, context));
};
