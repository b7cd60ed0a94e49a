import type { StreamMapping } from './event-source-mapping.js';
import { passesFilters } from './filter-pattern.js';
import type { LambdaStreamRecord } from './lambda-stream-record.js';

/** What one invocation of the function came to, as the event source mapping reads it. */
export type InvocationResult =
  | { readonly kind: 'returned'; readonly value: unknown }
  /** It threw, timed out or crashed: a function error. */
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * What Lambda sends to the on-failure destination of a stream mapping: metadata of the
 * records it gave up on, never the records (the Lambda developer guide, "Retain discarded
 * records for a DynamoDB event source"). Read them again from the stream with the
 * sequence numbers, within its 24 hours, or rebuild.
 */
export interface FailureRecord {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
    readonly approximateInvokeCount: number;
  };
  readonly responseContext: {
    readonly statusCode: number;
    readonly executedVersion: string;
    readonly functionError: string;
  };
  readonly version: '1.0';
  readonly timestamp: string;
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly approximateArrivalOfFirstRecord: string;
    readonly approximateArrivalOfLastRecord: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
}

export interface DeliveryOptions {
  readonly mapping: StreamMapping;
  readonly functionArn: string;
  readonly shardId: string;
  /** Invokes the function with `{ Records }`; never rejects. */
  readonly invoke: (records: readonly LambdaStreamRecord[]) => Promise<InvocationResult>;
  /** Sends to the on-failure destination (when the mapping has one). */
  readonly sendToFailure: (record: FailureRecord) => Promise<void>;
  readonly now?: () => number;
}

/**
 * The first record not processed, from the function's partial batch response: the lowest
 * reported sequence number, compared as a number (they are 21 to 40 digits). `undefined`
 * when every record was processed; 0 (the whole batch) for a malformed response or an
 * identifier that is empty or not in the batch, as Lambda treats them.
 */
export const firstFailedIndex = (
  batch: readonly LambdaStreamRecord[],
  value: unknown,
): number | undefined => {
  const failures =
    typeof value === 'object' && value !== null
      ? Reflect.get(value, 'batchItemFailures')
      : undefined;
  if (failures === undefined || failures === null) return undefined;
  if (!Array.isArray(failures)) return 0;
  if (failures.length === 0) return undefined;
  let lowest: bigint | undefined;
  for (const failure of failures) {
    const id: unknown =
      typeof failure === 'object' && failure !== null
        ? Reflect.get(failure, 'itemIdentifier')
        : undefined;
    if (typeof id !== 'string' || !/^\d+$/.test(id)) return 0;
    const sequence = BigInt(id);
    if (lowest === undefined || sequence < lowest) lowest = sequence;
  }
  const index = batch.findIndex((record) => BigInt(record.dynamodb.SequenceNumber) === lowest);
  return Math.max(index, 0);
};

/**
 * Delivers records of one shard, in order, to the function, with the event source
 * mapping's rules: the filter (records it rejects are skipped), batches of `batchSize`,
 * the record age limit, a partial batch response checkpointing before the lowest failed
 * sequence number (the rest is retried), a function error bisecting the batch (which
 * costs no retry here) until a failing record stands alone, `maximumRetryAttempts`
 * retries, then the failure destination with what is left. A function that fails the
 * batch when its first record fails (as the stream processor does) therefore sends a
 * poison record alone to the failure queue, and the records after it go on.
 * Resolves once every record is processed or given up on.
 */
export const deliverRecords = async (
  records: readonly LambdaStreamRecord[],
  { mapping, functionArn, shardId, invoke, sendToFailure, now = Date.now }: DeliveryOptions,
): Promise<void> => {
  const giveUp = async (
    batch: readonly LambdaStreamRecord[],
    condition: FailureRecord['requestContext']['condition'],
    invokeCount: number,
  ): Promise<void> => {
    const first = batch[0];
    const last = batch.at(-1);
    if (first === undefined || last === undefined || mapping.onFailure === undefined) return;
    const arrival = (record: LambdaStreamRecord) =>
      new Date(record.dynamodb.ApproximateCreationDateTime * 1000).toISOString();
    await sendToFailure({
      requestContext: {
        requestId: crypto.randomUUID(),
        functionArn,
        condition,
        approximateInvokeCount: invokeCount,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date(now()).toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: first.dynamodb.SequenceNumber,
        endSequenceNumber: last.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: arrival(first),
        approximateArrivalOfLastRecord: arrival(last),
        batchSize: batch.length,
        streamArn: first.eventSourceARN,
      },
    });
  };

  const tooOld = (record: LambdaStreamRecord): boolean =>
    mapping.maximumRecordAgeSeconds >= 0 &&
    now() - record.dynamodb.ApproximateCreationDateTime * 1000 >
      mapping.maximumRecordAgeSeconds * 1000;

  /** Runs `batch` until it is processed or given up on; `retries` already spent on it. */
  const run = async (batch: readonly LambdaStreamRecord[], retries: number): Promise<void> => {
    let pending = batch;
    let spent = retries;
    for (let invocations = 1; pending.length > 0; invocations++) {
      const expired = pending.filter(tooOld);
      if (expired.length > 0) {
        await giveUp(expired, 'RecordAgeExceeded', invocations - 1);
        pending = pending.filter((record) => !tooOld(record));
        if (pending.length === 0) return;
      }
      const result = await invoke(pending);
      const failedAt =
        result.kind === 'error'
          ? 0
          : mapping.reportBatchItemFailures
            ? firstFailedIndex(pending, result.value)
            : undefined;
      if (failedAt === undefined) return;
      // A partial response splits the batch at the reported record, retried with the rest;
      // only a function error halves it (Lambda developer guide, "Configuring partial batch
      // response with DynamoDB and Lambda": bisecting a batch).
      pending = pending.slice(failedAt);
      if (result.kind === 'error' && mapping.bisectOnError && pending.length > 1) {
        const half = Math.ceil(pending.length / 2);
        await run(pending.slice(0, half), spent);
        await run(pending.slice(half), spent);
        return;
      }
      if (mapping.maximumRetryAttempts >= 0 && spent >= mapping.maximumRetryAttempts) {
        await giveUp(pending, 'RetryAttemptsExhausted', invocations);
        return;
      }
      spent++;
    }
  };

  const passing = records.filter((record) => passesFilters(mapping.filters, record));
  for (let start = 0; start < passing.length; start += mapping.batchSize) {
    await run(passing.slice(start, start + mapping.batchSize), 0);
  }
};
