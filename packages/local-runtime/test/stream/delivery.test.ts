import { loadTemplate } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import {
  deliverRecords,
  type FailureRecord,
  firstFailedIndex,
  type InvocationResult,
} from '../../src/stream/delivery.js';
import { streamMappings } from '../../src/stream/event-source-mapping.js';
import type { LambdaStreamRecord } from '../../src/stream/lambda-stream-record.js';
import { samCliDynamoDbUpdate } from './fixtures/aws-sam-cli-dynamodb-update.js';

const [mapping] = streamMappings(loadTemplate());
if (mapping === undefined) throw new Error('the template has no stream mapping');
const NOW = 1_800_000_000_000;

/** A task's record with sequence number `sequence` (the AWS sample INSERT, with a task image). */
const task = (sequence: string, name = `task-${sequence}`): LambdaStreamRecord => ({
  ...samCliDynamoDbUpdate.Records[0],
  dynamodb: {
    ...samCliDynamoDbUpdate.Records[0].dynamodb,
    ApproximateCreationDateTime: NOW / 1000 - 10,
    SequenceNumber: sequence,
    NewImage: { pk: { S: 'alice' }, sk: { S: name }, g: { S: `TODO#${name}` } },
  },
});

/** A function that fails on `poison` records as told, and remembers what it processed. */
const fakeFunction = (poison: (record: LambdaStreamRecord) => 'report' | 'throw' | undefined) => {
  const processed: string[] = [];
  const invocations: string[][] = [];
  let invoke = async (records: readonly LambdaStreamRecord[]): Promise<InvocationResult> => {
    invocations.push(records.map((record) => record.dynamodb.SequenceNumber));
    for (const record of records) {
      const failure = poison(record);
      if (failure === 'throw') return { kind: 'error', error: new Error('poison') };
      if (failure === 'report') {
        return {
          kind: 'returned',
          value: { batchItemFailures: [{ itemIdentifier: record.dynamodb.SequenceNumber }] },
        };
      }
      processed.push(record.dynamodb.SequenceNumber);
    }
    return { kind: 'returned', value: { batchItemFailures: [] } };
  };
  return {
    get invoke() {
      return invoke;
    },
    set invoke(next) {
      invoke = next;
    },
    processed,
    invocations,
  };
};

const deliver = async (records: LambdaStreamRecord[], fn: ReturnType<typeof fakeFunction>) => {
  const failures: FailureRecord[] = [];
  await deliverRecords(records, {
    mapping,
    functionArn:
      'arn:aws:lambda:us-east-1:000000000000:function:tasks-local-StatsProcessorFunction',
    shardId: 'shardId-1',
    invoke: fn.invoke,
    sendToFailure: async (failure) => {
      failures.push(failure);
    },
    now: () => NOW,
  });
  return failures;
};

describe('the event source mapping, as the template sets it', () => {
  it('is the one of infra/template.yaml: partial responses, bounded retries and age, bisect, a queue', () => {
    expect(mapping).toMatchObject({
      functionId: 'StatsProcessorFunction',
      tableId: 'TasksTable',
      batchSize: 100,
      batchingWindowMs: 1000,
      reportBatchItemFailures: true,
      bisectOnError: true,
      onFailure: 'StatsFailureQueue',
    });
    expect(mapping.maximumRetryAttempts).toBeGreaterThanOrEqual(0);
    expect(mapping.maximumRecordAgeSeconds).toBeGreaterThan(0);
  });

  const RECORDS = ['101', '102', '103', '104', '105'];
  const POISON = '102';

  /** As the stream processor answers: a partial response, or an error when the first record fails. */
  const likeTheProcessor =
    (records: readonly LambdaStreamRecord[]) => (record: LambdaStreamRecord) =>
      record.dynamodb.SequenceNumber !== POISON
        ? undefined
        : record === records[0]
          ? 'throw'
          : 'report';

  it.each([
    ['reports it, or fails when it comes first (as the stream processor does)', 'processor'],
    ['always fails', 'throw'],
  ] as const)(
    'sends a poison record alone to the failure queue after its retries, when the function %s, and delivers every later record',
    async (_, how) => {
      const records = RECORDS.map((sequence) => task(sequence));
      let batch: readonly LambdaStreamRecord[] = [];
      const fn = fakeFunction((record) =>
        how === 'throw'
          ? record.dynamodb.SequenceNumber === POISON
            ? 'throw'
            : undefined
          : likeTheProcessor(batch)(record),
      );
      const invoke = fn.invoke;
      fn.invoke = async (next) => {
        batch = next;
        return invoke(next);
      };
      const failures = await deliver(records, fn);
      expect([...new Set(fn.processed)].sort()).toEqual(['101', '103', '104', '105']);
      expect(failures).toHaveLength(1);
      expect(failures[0]?.DDBStreamBatchInfo).toMatchObject({
        startSequenceNumber: POISON,
        endSequenceNumber: POISON,
        batchSize: 1,
        shardId: 'shardId-1',
        streamArn: samCliDynamoDbUpdate.Records[0].eventSourceARN,
      });
      expect(failures[0]?.requestContext.condition).toBe('RetryAttemptsExhausted');
      const poisonAttempts = fn.invocations.filter((b) => b.length === 1 && b[0] === POISON);
      // Every retry counts, a partial response's too; bisecting costs none.
      expect(poisonAttempts.length).toBeGreaterThan(0);
      expect(poisonAttempts.length).toBeLessThanOrEqual(mapping.maximumRetryAttempts + 1);
    },
  );

  it('retries a partially failed batch from the reported record with the rest, as Lambda does, and gives the rest up with it', async () => {
    const fn = fakeFunction((record) =>
      record.dynamodb.SequenceNumber === POISON ? 'report' : undefined,
    );
    const failures = await deliver(
      RECORDS.map((sequence) => task(sequence)),
      fn,
    );
    expect(fn.invocations[1]).toEqual(['102', '103', '104', '105']);
    expect(fn.invocations).toHaveLength(mapping.maximumRetryAttempts + 1);
    expect(failures.map((failure) => failure.DDBStreamBatchInfo.batchSize)).toEqual([4]);
  });

  it('retries from the lowest failed sequence number, compared as numbers, not as text', () => {
    // 21 digits (DynamoDB Local) sorts after 40 digits as text, before them as numbers.
    const short = task('999999999999999999999');
    const long = task('1000000000000000000000000000000000000000');
    const response = {
      batchItemFailures: [
        { itemIdentifier: long.dynamodb.SequenceNumber },
        { itemIdentifier: short.dynamodb.SequenceNumber },
      ],
    };
    expect(firstFailedIndex([task('5'), short, long], response)).toBe(1);
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['an identifier not in the batch', { batchItemFailures: [{ itemIdentifier: '7' }] }],
    ['a malformed response', { batchItemFailures: 'all' }],
  ])('treats %s as the whole batch failed', (_, response) => {
    expect(firstFailedIndex([task('5'), task('6')], response)).toBe(0);
  });

  it('delivers only task items: the filter drops idempotency records', async () => {
    const idempotency: LambdaStreamRecord = {
      ...samCliDynamoDbUpdate.Records[0],
      dynamodb: {
        ...samCliDynamoDbUpdate.Records[0].dynamodb,
        ApproximateCreationDateTime: NOW / 1000,
        SequenceNumber: '201',
        NewImage: { pk: { S: 'alice' }, sk: { S: 'idempotency#k' } },
      },
    };
    const fn = fakeFunction(() => undefined);
    await deliver([task('200'), idempotency, task('202')], fn);
    expect(fn.processed).toEqual(['200', '202']);
  });

  it('gives up on records older than the maximum record age', async () => {
    const old = task('300');
    const stale: LambdaStreamRecord = {
      ...old,
      dynamodb: {
        ...old.dynamodb,
        ApproximateCreationDateTime: NOW / 1000 - mapping.maximumRecordAgeSeconds - 60,
      },
    };
    const fn = fakeFunction(() => undefined);
    const failures = await deliver([stale, task('301')], fn);
    expect(fn.processed).toEqual(['301']);
    expect(failures.map((failure) => failure.requestContext.condition)).toEqual([
      'RecordAgeExceeded',
    ]);
  });
});
