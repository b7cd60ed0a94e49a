import { join } from 'node:path';
import type { TaskWrite } from '@tasks/adapter-inmemory';
import type { SamTemplate } from '@tasks/sam-template';
import type { LoadedFunction } from '../bundles.js';
import { deliverRecords } from './delivery.js';
import { type StreamPoller, startDynamoDbStreamPoller } from './dynamodb-stream-poller.js';
import { type StreamMapping, streamMappings } from './event-source-mapping.js';
import { jsonLinesQueue } from './failure-queue.js';
import { functionArnOf, invokeStreamFunction } from './invoke-stream-function.js';
import type { LambdaStreamRecord } from './lambda-stream-record.js';
import { type MemoryStream, startMemoryStream } from './memory-stream.js';
import { checkpointFileFor, FAILURE_QUEUE_FILE } from './stats-table.js';
import { streamsApi } from './streams-api.js';

export interface StreamProcessingOptions {
  readonly template: SamTemplate;
  /** The local name of the table whose stream the mappings read. */
  readonly tableName: string;
  readonly region: string;
  readonly accountId: string;
  readonly dataDir: string;
  readonly log: (line: string) => void;
}

/** The template's stream functions, run locally as their event source mappings would run them. */
export interface StreamProcessing {
  /** The functions the mappings invoke: load them with the API's. */
  readonly functionIds: readonly string[];
  /** The failure queue's file (JSON lines), for the banner and the README. */
  readonly failureQueueFile: string;
  /** For the in-memory store: the listener its shared state carries. */
  readonly onWrite: (write: TaskWrite) => void;
  /** Starts delivering, once the functions are loaded: DynamoDB Local's stream at `endpoint`, or memory's. */
  start(loaded: readonly LoadedFunction[], endpoint: string | undefined): Promise<void>;
  /** Resolves once every change made before the call has been delivered. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Locally what Lambda's event source mappings do for the template's `Type: DynamoDB`
 * events on the tasks table (SPEC §10): read the stream (DynamoDB Local's, or the
 * in-memory store's writes), and deliver it to the function's bundle with the mapping's
 * rules; what the mapping gives up on goes to `<dataDir>/stats-failure-queue.jsonl`.
 */
export const prepareStreamProcessing = (options: StreamProcessingOptions): StreamProcessing => {
  const mappings = streamMappings(options.template).filter(
    (mapping) => mapping.tableId === 'TasksTable',
  );
  const failureQueueFile = join(options.dataDir, FAILURE_QUEUE_FILE);
  const sendToFailure = jsonLinesQueue(failureQueueFile);
  const memoryStreams: MemoryStream[] = [];
  const pollers: StreamPoller[] = [];
  const origin = {
    region: options.region,
    accountId: options.accountId,
    tableName: options.tableName,
    streamLabel: 'local',
  };

  const deliverer =
    (mapping: StreamMapping, fn: LoadedFunction) =>
    (records: readonly LambdaStreamRecord[], shardId: string): Promise<void> =>
      deliverRecords(records, {
        mapping,
        functionArn: functionArnOf(fn),
        shardId,
        invoke: (batch) => invokeStreamFunction(fn, batch),
        sendToFailure,
      });

  return {
    functionIds: [...new Set(mappings.map((mapping) => mapping.functionId))],
    failureQueueFile,
    onWrite: (write) => {
      for (const stream of memoryStreams) stream.onWrite(write);
    },
    start: async (loaded, endpoint) => {
      for (const mapping of mappings) {
        const fn = loaded.find((candidate) => candidate.functionId === mapping.functionId);
        if (fn === undefined) throw new Error(`${mapping.functionId} was not loaded`);
        if (endpoint === undefined) {
          memoryStreams.push(
            startMemoryStream({
              origin,
              deliver: deliverer(mapping, fn),
              log: options.log,
              batchSize: mapping.batchSize,
              windowMs: mapping.batchingWindowMs,
            }),
          );
          continue;
        }
        pollers.push(
          await startDynamoDbStreamPoller({
            api: streamsApi(endpoint),
            tableName: options.tableName,
            region: options.region,
            accountId: options.accountId,
            mapping,
            deliver: deliverer(mapping, fn),
            checkpointFile: join(options.dataDir, checkpointFileFor(options.tableName)),
            log: options.log,
          }),
        );
      }
    },
    caughtUp: async () => {
      await Promise.all([...memoryStreams, ...pollers].map((stream) => stream.caughtUp()));
    },
    stop: async () => {
      await Promise.all([...memoryStreams, ...pollers].map((stream) => stream.stop()));
    },
  };
};
