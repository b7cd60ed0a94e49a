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
import { type HttpHandler, makeHttpHandler } from '../http/http-handler.js';
import { makeJsonLogger } from '../http/logger.js';
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

/**
 * Builds a function's statistics store, when it has one (only GET /tasks/stats reads them):
 * passed by that function's entry, so that no other bundle carries the statistics' code.
 */
export type StatsStoreFactory = (
  env: Environment,
  client: () => DocumentClient,
) => StatsStore | undefined;

const documentClientOf = (env: Environment): DocumentClient =>
  env.DYNAMODB_ENDPOINT === undefined
    ? createDocumentClient()
    : documentClientFor(
        createLocalDynamoDbClient(env.DYNAMODB_ENDPOINT, { region: env.AWS_REGION }),
      );

const repositoryFor = (env: Environment, client: () => DocumentClient): TaskRepository =>
  env.TASKS_STORE === 'memory'
    ? sharedMemoryStore()
    : new DynamoDbTaskRepository({ client: client(), tableName: env.TABLE_NAME ?? '' });

/**
 * The composition root of every deployed function: reads the environment once, builds the
 * DynamoDB client, the repository and the use cases once per container, outside the
 * handler, and returns the handler. A wrong environment fails the cold start with one
 * clear log line instead of failing every request.
 */
export const composeHttpHandler = (
  env: Readonly<Record<string, string | undefined>> = process.env,
  { stats: statsFor }: { stats?: StatsStoreFactory } = {},
): HttpHandler => {
  const bootLogger = makeJsonLogger();
  const parsed = readEnvironment(env);
  if (!parsed.ok) {
    bootLogger.error('invalid environment: the function cannot start', {
      problems: parsed.problems,
    });
    throw new Error(`Invalid environment: ${parsed.problems.join('; ')}`);
  }
  const config = parsed.value;
  let documents: DocumentClient | undefined;
  // One client per container, built only when a DynamoDB store needs it.
  const client = (): DocumentClient => {
    documents ??= documentClientOf(config);
    return documents;
  };
  const stats = statsFor?.(config, client);
  return makeHttpHandler({
    useCases: makeTaskUseCases({
      tasks: repositoryFor(config, client),
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
};
