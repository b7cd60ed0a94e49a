import {
  createDocumentClient,
  createLocalDynamoDbClient,
  DynamoDbStatsStore,
  documentClientFor,
} from '@tasks/adapter-dynamodb';
import { makeJsonLogger } from '@tasks/adapter-lambda';
import type { StatsRebuildStore, StatsStore } from '@tasks/domain';
import {
  type BatchResponse,
  processTaskChanges,
  type TaskStreamEvent,
} from '../process-task-changes.js';
import { DynamoDbStatsRebuildStore } from '../rebuild/dynamodb-stats-rebuild-store.js';
import { type RebuildReport, rebuildStats } from '../rebuild/rebuild-stats.js';
import {
  dynamoDbTaskFacts,
  memoryTaskFacts,
  type TaskFactsSource,
} from '../rebuild/task-facts-source.js';
import { readStreamEnvironment, type StreamEnvironment } from './environment.js';
import { SHARED_MEMORY_STATE, sharedMemoryStats } from './shared-memory.js';

type Env = Readonly<Record<string, string | undefined>>;

const documentClientOf = (env: StreamEnvironment) =>
  env.DYNAMODB_ENDPOINT === undefined
    ? createDocumentClient()
    : documentClientFor(
        createLocalDynamoDbClient(env.DYNAMODB_ENDPOINT, { region: env.AWS_REGION }),
      );

/** The handler of StatsProcessorFunction: one batch of the tasks table's stream. */
export type StreamHandler = (event: TaskStreamEvent) => Promise<BatchResponse>;

/**
 * The composition root of the stream processor: the environment read once, the
 * statistics store built once per container (the local runtime's shared memory, or the
 * statistics table), the handler returned. A wrong environment fails the cold start.
 */
export const composeStatsProcessor = (env: Env = process.env): StreamHandler => {
  const config = readStreamEnvironment(env, ['STATS_TABLE_NAME']);
  const stats: StatsStore =
    config.TASKS_STORE === 'memory'
      ? sharedMemoryStats()
      : new DynamoDbStatsStore({
          client: documentClientOf(config),
          tableName: config.STATS_TABLE_NAME ?? '',
        });
  const log = makeJsonLogger({ level: config.LOG_LEVEL });
  return (event) => processTaskChanges(event, { stats, log });
};

/** The handler of RebuildStatsFunction: invoked by hand, with any event. */
export type RebuildHandler = () => Promise<RebuildReport>;

/** The composition root of the rebuild: the tasks table's Scan, the statistics to replace. */
export const composeStatsRebuild = (env: Env = process.env): RebuildHandler => {
  const config = readStreamEnvironment(env, ['STATS_TABLE_NAME', 'TABLE_NAME']);
  const log = makeJsonLogger({ level: config.LOG_LEVEL });
  let tasks: TaskFactsSource;
  let store: StatsRebuildStore;
  if (config.TASKS_STORE === 'memory') {
    tasks = memoryTaskFacts(() => Reflect.get(globalThis, SHARED_MEMORY_STATE));
    store = sharedMemoryStats();
  } else {
    const client = documentClientOf(config);
    tasks = dynamoDbTaskFacts(client, config.TABLE_NAME ?? '');
    store = new DynamoDbStatsRebuildStore({ client, tableName: config.STATS_TABLE_NAME ?? '' });
  }
  return async () => {
    const report = await rebuildStats({ tasks, store });
    if (report.unsettled.length > 0) {
      log.warn('statistics rebuilt, but some owners kept changing: run the rebuild again', {
        ...report,
      });
    } else log.info('statistics rebuilt', { ...report });
    return report;
  };
};
