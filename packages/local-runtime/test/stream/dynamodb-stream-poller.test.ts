import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate } from '@tasks/sam-template';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type StreamPoller,
  startDynamoDbStreamPoller,
} from '../../src/stream/dynamodb-stream-poller.js';
import { streamMappings } from '../../src/stream/event-source-mapping.js';
import type { LambdaStreamRecord } from '../../src/stream/lambda-stream-record.js';
import type { StreamsApi } from '../../src/stream/streams-api.js';
import { samCliDynamoDbUpdate } from './fixtures/aws-sam-cli-dynamodb-update.js';

const [templateMapping] = streamMappings(loadTemplate());
if (templateMapping === undefined) throw new Error('the template has no stream mapping');
const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/tasks/stream/local';

/**
 * DynamoDB Local's stream of one shard, holding what `write` puts in it; `reads(n)`
 * resolves once the poller has read records `n` more times.
 */
const fakeStream = () => {
  const records: unknown[] = [];
  let readers: { left: number; resolve: () => void }[] = [];
  const [sample] = samCliDynamoDbUpdate.Records;
  const { eventSourceARN: _arn, awsRegion: _region, ...wire } = sample;
  const api: StreamsApi = {
    describeTable: async () => ({ streamArn: STREAM_ARN, streamLabel: 'local' }),
    shards: async () => [{ shardId: 'shardId-1' }],
    iterator: async (_stream, _shard, from) => ('after' in from ? from.after : '0'),
    records: async (iterator, limit) => {
      const read = records.filter((_, index) => index + 1 > Number(iterator)).slice(0, limit);
      if (read.length > 0) {
        for (const reader of readers) reader.left -= 1;
        for (const reader of readers.filter(({ left }) => left === 0)) reader.resolve();
        readers = readers.filter(({ left }) => left > 0);
      }
      return { records: read };
    },
  };
  return {
    api,
    reads: (count: number) =>
      new Promise<void>((resolve) => {
        readers.push({ left: count, resolve });
      }),
    write: (count: number) => {
      for (let index = 0; index < count; index++) {
        const sequence = String(records.length + 1);
        records.push({
          ...wire,
          awsRegion: 'ddblocal',
          dynamodb: { ...wire.dynamodb, SequenceNumber: sequence },
        });
      }
    },
  };
};

// SPEC §10: the local runtime reads DynamoDB Local's stream as the template's event source
// mapping reads the table's (MaximumBatchingWindowInSeconds, BatchSize).
describe("DynamoDB Local's stream poller, with a batching window", () => {
  let dataDir = '';
  let poller: StreamPoller | undefined;
  let clock = 0;
  const deliveries: string[][] = [];

  const start = async (stream: ReturnType<typeof fakeStream>, batchSize = 100) => {
    poller = await startDynamoDbStreamPoller({
      api: stream.api,
      tableName: 'tasks',
      region: 'us-east-1',
      accountId: '000000000000',
      mapping: { ...templateMapping, batchSize, batchingWindowMs: 1000 },
      deliver: async (records: readonly LambdaStreamRecord[]) => {
        deliveries.push(records.map((record) => record.dynamodb.SequenceNumber));
      },
      checkpointFile: join(dataDir, 'checkpoints.json'),
      intervalMs: 5,
      now: () => clock,
      log: () => undefined,
    });
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tasks-poller-'));
    clock = 0;
    deliveries.length = 0;
  });
  afterEach(async () => {
    await poller?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers the records read within one window together, once it ends', async () => {
    const stream = fakeStream();
    await start(stream);
    // Two reads each: the poller has decided about the first before it makes the second.
    stream.write(2);
    await stream.reads(2);
    clock = 600;
    stream.write(1);
    await stream.reads(2);
    expect(deliveries).toEqual([]);

    clock = 1000;
    await vi.waitFor(() => expect(deliveries).toEqual([['1', '2', '3']]));
  });

  it('delivers a full batch without waiting for the window', async () => {
    const stream = fakeStream();
    await start(stream, 3);
    stream.write(3);
    await vi.waitFor(() => expect(deliveries).toEqual([['1', '2', '3']]));
  });

  // Lambda processes a closed parent shard's records before any of its child's.
  it("holds a child shard back until its parent's records are delivered", async () => {
    const [sample] = samCliDynamoDbUpdate.Records;
    const { eventSourceARN: _arn, awsRegion: _region, ...wire } = sample;
    const record = (sequence: number) => ({
      ...wire,
      dynamodb: { ...wire.dynamodb, SequenceNumber: String(sequence) },
    });
    const byShard: Record<string, ReturnType<typeof record>[]> = {
      parent: [1, 2, 3].map(record),
      child: Array.from({ length: 100 }, (_, index) => record(100 + index)),
      grandchild: [record(500)],
    };
    let polls = 0;
    const api: StreamsApi = {
      describeTable: async () => ({ streamArn: STREAM_ARN, streamLabel: 'local' }),
      shards: async () => {
        polls++;
        // Listed children first: the order must come from the lineage, not the listing.
        return [
          { shardId: 'grandchild', parentShardId: 'child' },
          { shardId: 'child', parentShardId: 'parent' },
          { shardId: 'parent' },
        ];
      },
      iterator: async (_stream, shardId, from) =>
        `${shardId}:${'after' in from ? from.after : '0'}`,
      records: async (iterator) => {
        const [shardId = '', after = '0'] = iterator.split(':');
        const records = (byShard[shardId] ?? []).filter(
          (each) => BigInt(each.dynamodb.SequenceNumber) > BigInt(after),
        );
        return { records };
      },
    };
    const order: string[] = [];
    poller = await startDynamoDbStreamPoller({
      api,
      tableName: 'tasks',
      region: 'us-east-1',
      accountId: '000000000000',
      mapping: { ...templateMapping, batchSize: 100, batchingWindowMs: 1000 },
      deliver: async (records, shardId) => {
        order.push(`${shardId} ${records[0]?.dynamodb.SequenceNumber}`);
      },
      checkpointFile: join(dataDir, 'checkpoints.json'),
      intervalMs: 5,
      now: () => clock,
      log: () => undefined,
    });
    const seen = polls;
    // Real polls, on a fake clock: a loaded machine may take seconds for them.
    const patient = { timeout: 15_000 };
    await vi.waitFor(() => expect(polls).toBeGreaterThan(seen + 2), patient);
    // The parent's three records wait for the window; the child's full batch waits for them.
    expect(order).toEqual([]);

    clock = 1000;
    await vi.waitFor(() => expect(order).toEqual(['parent 1', 'child 100']), patient);
    // The grandchild's one record was first read once the child was done: its own window.
    clock = 2000;
    await vi.waitFor(
      () => expect(order).toEqual(['parent 1', 'child 100', 'grandchild 500']),
      patient,
    );
  });

  it('delivers what it has read at once when asked to catch up', async () => {
    const stream = fakeStream();
    await start(stream);
    stream.write(2);
    await poller?.caughtUp();
    expect(deliveries).toEqual([['1', '2']]);
  });
});
