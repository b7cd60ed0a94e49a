import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StreamMapping } from './event-source-mapping.js';
import { type LambdaStreamRecord, toLambdaStreamRecord } from './lambda-stream-record.js';
import type { StreamsApi } from './streams-api.js';

export interface DynamoDbStreamPollerOptions {
  readonly api: StreamsApi;
  readonly tableName: string;
  readonly region: string;
  readonly accountId: string;
  readonly mapping: StreamMapping;
  /** Delivers one read of a shard, in order (see `deliverRecords`). */
  readonly deliver: (records: readonly LambdaStreamRecord[], shardId: string) => Promise<void>;
  /** Where the checkpoints are kept between runs, as the mapping keeps them in AWS. */
  readonly checkpointFile: string;
  /** Lambda polls a shard about four times a second. */
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly log: (line: string) => void;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been delivered. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Records read per GetRecords (DynamoDB's maximum). */
const READ_LIMIT = 1000;

type Checkpoints = Record<string, Record<string, string>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The saved checkpoints; none when the file is missing or not what this poller writes. */
const readCheckpoints = async (file: string): Promise<Checkpoints> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return {};
  }
  const checkpoints: Checkpoints = {};
  for (const [arn, shards] of Object.entries(isRecord(parsed) ? parsed : {})) {
    const own: Record<string, string> = {};
    for (const [shard, sequence] of Object.entries(isRecord(shards) ? shards : {})) {
      if (typeof sequence === 'string' && /^\d+$/.test(sequence)) own[shard] = sequence;
    }
    checkpoints[arn] = own;
  }
  return checkpoints;
};

/**
 * Lambda's poller, locally: reads the table's stream on DynamoDB Local shard by shard
 * (parents first), from the mapping's checkpoint (`AFTER_SEQUENCE_NUMBER`) or its
 * starting position, turns each record into Lambda's shape and hands the records to
 * `deliver`, then moves the checkpoint past them. Fewer records than the batch size wait
 * for the mapping's batching window, counted from the poll that first read them, and are
 * read again with what came after them (`caughtUp` delivers them at once). A failure to
 * read is logged and tried again at the next poll. Checkpoints are per stream ARN, so a
 * new table starts afresh.
 */
/** Shards with every parent before its children (a parent the stream no longer lists counts as read). */
const inLineageOrder = <T extends { readonly shardId: string; readonly parentShardId?: string }>(
  shards: readonly T[],
): T[] => {
  const byId = new Map(shards.map((shard) => [shard.shardId, shard]));
  const depth = (shard: T, seen = new Set<string>()): number => {
    const parent = shard.parentShardId === undefined ? undefined : byId.get(shard.parentShardId);
    if (parent === undefined || seen.has(parent.shardId)) return 0;
    seen.add(parent.shardId);
    return 1 + depth(parent, seen);
  };
  return shards
    .map((shard, index) => ({ shard, index, depth: depth(shard) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map(({ shard }) => shard);
};

export const startDynamoDbStreamPoller = async (
  options: DynamoDbStreamPollerOptions,
): Promise<StreamPoller> => {
  const { api, tableName, mapping, deliver, log } = options;
  const intervalMs = options.intervalMs ?? 250;
  const now = options.now ?? Date.now;
  /** By stream and shard: when the records not yet delivered were first read. */
  const gathering = new Map<string, number>();
  let flushRequested = false;
  const checkpoints = await readCheckpoints(options.checkpointFile);
  let stopped = false;
  let wake: (() => void) | undefined;
  let polls = 0;
  const waiters: { after: number; resolve: () => void }[] = [];

  /** Whether to deliver `count` records read from `key` now, or to wait for more. */
  const deliverNow = (key: string, count: number, flush: boolean): boolean => {
    if (flush || count >= mapping.batchSize) return true;
    const since = gathering.get(key) ?? now();
    gathering.set(key, since);
    return now() - since >= mapping.batchingWindowMs;
  };

  const pollOnce = async (flush: boolean): Promise<void> => {
    const { streamArn, streamLabel } = await api.describeTable(tableName);
    if (streamArn === undefined || streamLabel === undefined) return;
    const origin = { region: options.region, accountId: options.accountId, tableName, streamLabel };
    const done = checkpoints[streamArn] ?? {};
    checkpoints[streamArn] = done;
    const shards = await api.shards(streamArn);
    // Lambda reads a child shard only once its parent's records are all processed: a
    // shard whose records wait (for the window, or the next poll) holds back its children.
    const waiting = new Set<string>();
    for (const { shardId, parentShardId } of inLineageOrder(shards)) {
      if (parentShardId !== undefined && waiting.has(parentShardId)) {
        waiting.add(shardId);
        continue;
      }
      let drained = false;
      for (let round = 0; round < 20 && !stopped; round++) {
        const after = done[shardId];
        const iterator = await api.iterator(
          streamArn,
          shardId,
          after === undefined ? { type: mapping.startingPosition } : { after },
        );
        if (iterator === undefined) {
          drained = true;
          break;
        }
        const { records } = await api.records(iterator, READ_LIMIT);
        if (records.length === 0) {
          drained = true;
          break;
        }
        const key = `${streamArn} ${shardId}`;
        if (!deliverNow(key, records.length, flush)) break;
        gathering.delete(key);
        const lambdaRecords = records.map((record) => toLambdaStreamRecord(record, origin));
        await deliver(lambdaRecords, shardId);
        const last = lambdaRecords.at(-1);
        if (last !== undefined) done[shardId] = last.dynamodb.SequenceNumber;
        await mkdir(dirname(options.checkpointFile), { recursive: true });
        await writeFile(options.checkpointFile, JSON.stringify(checkpoints));
      }
      if (!drained) waiting.add(shardId);
    }
  };

  const loop = (async () => {
    while (!stopped) {
      const started = polls;
      const flush = flushRequested;
      flushRequested = false;
      try {
        await pollOnce(flush);
      } catch (error) {
        log(`Stream poller: ${error instanceof Error ? error.message : String(error)} (retrying)`);
      }
      polls = started + 1;
      for (const waiter of waiters.filter((w) => polls > w.after)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  return {
    caughtUp: () =>
      new Promise<void>((resolve) => {
        // A poll that starts after this call reads, and delivers, everything written before it.
        flushRequested = true;
        waiters.push({ after: polls + 1, resolve });
        wake?.();
      }),
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
      for (const waiter of waiters.splice(0)) waiter.resolve();
    },
  };
};
