import { DynamoDbStatsStore } from '@tasks/adapter-dynamodb';
import type { StatsStore } from '@tasks/domain';
import type { StoreWiring } from './compose.js';
import type { Environment } from './environment.js';
import { sharedMemoryStats } from './shared-memory-stats.js';

/**
 * The statistics store of GET /tasks/stats: the local runtime's shared memory, or the
 * statistics table (`STATS_TABLE_NAME`); none when the environment names no table.
 */
export const statsStoreFor = (
  env: Environment,
  { client, signal }: StoreWiring,
): StatsStore | undefined => {
  if (env.TASKS_STORE === 'memory') return sharedMemoryStats();
  return env.STATS_TABLE_NAME === undefined
    ? undefined
    : new DynamoDbStatsStore({ client: client(), tableName: env.STATS_TABLE_NAME, signal });
};
