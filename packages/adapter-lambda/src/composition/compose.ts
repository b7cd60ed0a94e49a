import {
  createDocumentClient,
  createLocalDynamoDbClient,
  DynamoDbTaskRepository,
  documentClientFor,
} from '@tasks/adapter-dynamodb';
import {
  createInMemoryTaskState,
  InMemoryTaskRepository,
  type InMemoryTaskState,
} from '@tasks/adapter-inmemory';
import { makeTaskUseCases, type StatsStore, type TaskRepository } from '@tasks/domain';
import type { Context } from 'aws-lambda';
import type { ApiGatewayEvent } from '../http/from-api-gateway.js';
import { makeHttpHandler } from '../http/http-handler.js';
import type { ApiGatewayResult } from '../http/http-response.js';
import { makeJsonLogger } from '../http/logger.js';
import { type Deadlines, makeDeadlines } from './deadline.js';
import { type Environment, readEnvironment } from './environment.js';
import { SHARED_MEMORY_STATE } from './shared-memory-state.js';

const isTaskState = (value: unknown): value is InMemoryTaskState =>
  typeof value === 'object' &&
  value !== null &&
  Reflect.get(value, 'owners') instanceof Map &&
  Reflect.get(value, 'idempotency') instanceof Map;

const sharedMemoryStore = (): TaskRepository => {
  const existing: unknown = Reflect.get(globalThis, SHARED_MEMORY_STATE);
  const state = isTaskState(existing) ? existing : createInMemoryTaskState();
  Reflect.set(globalThis, SHARED_MEMORY_STATE, state);
  return new InMemoryTaskRepository(state);
};

/** The document client a composition root builds once, for every DynamoDB store it needs. */
export type DocumentClient = ReturnType<typeof createDocumentClient>;

/** What a store needs from its composition root: the shared client and the deadline. */
export interface StoreWiring {
  /** The one document client of the container, built on first use. */
  readonly client: () => DocumentClient;
  /** The signal of the invocation under way: every store call ends with it. */
  readonly signal: () => AbortSignal | undefined;
}

/**
 * Builds a function's statistics store, when it has one (only GET /tasks/stats reads them):
 * passed by that function's entry, so that no other bundle carries the statistics' code.
 */
export type StatsStoreFactory = (env: Environment, wiring: StoreWiring) => StatsStore | undefined;

const documentClientOf = (env: Environment): DocumentClient =>
  env.DYNAMODB_ENDPOINT === undefined
    ? createDocumentClient()
    : documentClientFor(
        createLocalDynamoDbClient(env.DYNAMODB_ENDPOINT, { region: env.AWS_REGION }),
      );

// Every store call ends with the invocation's deadline, whatever the client's own
// timeouts and retries would allow (10 s per answer locally, 4 s in AWS, 3 attempts).
const repositoryFor = (env: Environment, { client, signal }: StoreWiring): TaskRepository =>
  env.TASKS_STORE === 'memory'
    ? sharedMemoryStore()
    : new DynamoDbTaskRepository({ client: client(), tableName: env.TABLE_NAME ?? '', signal });

/**
 * A deployed function's handler: an HTTP API (payload 2.0) or REST API (payload 1.0)
 * event in, a result out; it never rejects. It reads its deadline from the context.
 */
export type ComposedHandler = (
  event: ApiGatewayEvent,
  context: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>,
) => Promise<ApiGatewayResult>;

/**
 * The composition root of every deployed function: reads the environment once, builds the
 * DynamoDB client, the repository and the use cases once per container, outside the
 * handler, and returns the handler. A wrong environment fails the cold start with one
 * clear log line instead of failing every request. Each invocation's store calls end
 * just before its deadline (`context.getRemainingTimeInMillis()`), so that a stalled
 * store is a 503 problem with `Retry-After`, never the platform's timeout.
 */
export const composeHttpHandler = (
  env: Readonly<Record<string, string | undefined>> = process.env,
  { stats: statsFor }: { stats?: StatsStoreFactory } = {},
): ComposedHandler => {
  const bootLogger = makeJsonLogger();
  const parsed = readEnvironment(env);
  if (!parsed.ok) {
    bootLogger.error('invalid environment: the function cannot start', {
      problems: parsed.problems,
    });
    throw new Error(`Invalid environment: ${parsed.problems.join('; ')}`);
  }
  const config = parsed.value;
  const deadlines = makeDeadlines();
  let documents: DocumentClient | undefined;
  const wiring: StoreWiring = {
    // One client per container, built only when a DynamoDB store needs it.
    client: () => {
      documents ??= documentClientOf(config);
      return documents;
    },
    signal: deadlines.signal,
  };
  const stats = statsFor?.(config, wiring);
  const http = makeHttpHandler({
    useCases: makeTaskUseCases({
      tasks: repositoryFor(config, wiring),
      ...(stats === undefined ? {} : { stats }),
    }),
    owner:
      config.AUTH_MODE === 'jwt' ? { mode: 'jwt' } : { mode: 'fixed', owner: config.FIXED_OWNER },
    logger: makeJsonLogger({ level: config.LOG_LEVEL }),
    ...(config.CORS_ALLOWED_ORIGINS === undefined
      ? {}
      : {
          cors: {
            allowOrigins: config.CORS_ALLOWED_ORIGINS.includes('*')
              ? '*'
              : config.CORS_ALLOWED_ORIGINS,
          },
        }),
  });
  return (event, context) => deadlines.within(context, () => http(event, context));
};
