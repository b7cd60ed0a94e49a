/**
 * `@tasks/stream-processor`: the statistics kept from the tasks table's stream (SPEC §10).
 * `handlers/` are the deployed functions' composition roots; the rest is what they wire.
 */
export type { TaskStreamRecord } from '@tasks/adapter-dynamodb';
export {
  composeStatsProcessor,
  composeStatsRebuild,
  type RebuildHandler,
  type StreamHandler,
} from './composition/compose.js';
export {
  SHARED_MEMORY_STATE,
  SHARED_MEMORY_STATS,
  sharedMemoryStats,
} from './composition/shared-memory.js';
export {
  BatchHeadFailedError,
  type BatchResponse,
  processTaskChanges,
  type TaskStreamEvent,
} from './process-task-changes.js';
export { DynamoDbStatsRebuildStore } from './rebuild/dynamodb-stats-rebuild-store.js';
export { MAX_ROUNDS, type RebuildReport, rebuildStats } from './rebuild/rebuild-stats.js';
export {
  dynamoDbTaskFacts,
  memoryTaskFacts,
  type TaskFactsSource,
} from './rebuild/task-facts-source.js';
