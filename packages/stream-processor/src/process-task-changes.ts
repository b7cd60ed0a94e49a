import { changeOfStreamRecord, type TaskStreamRecord } from '@tasks/adapter-dynamodb';
import { errorFields, type Logger } from '@tasks/adapter-lambda';
import type { StatsStore } from '@tasks/domain';

/** A batch of stream records, as Lambda's event source mapping sends it. */
export interface TaskStreamEvent {
  readonly Records: readonly TaskStreamRecord[];
}

/**
 * Lambda's partial batch response: the sequence number of the first record not counted.
 * Lambda checkpoints before it and sends the batch again from there; an empty list means
 * every record was counted.
 */
export interface BatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** The first record of a batch could not be counted: a function error, so that Lambda bisects. */
export class BatchHeadFailedError extends Error {
  override readonly name = 'BatchHeadFailedError';
  constructor(
    readonly sequenceNumber: string,
    options?: ErrorOptions,
  ) {
    super(`the first record of the batch (${sequenceNumber}) could not be counted`, options);
  }
}

/**
 * Counts a batch's records one after another, in stream order, and stops at the first
 * that fails. Reporting only that one is exact: Lambda retries from the lowest sequence
 * number reported, so every later record comes again, and none is counted before an
 * earlier change of its task. A change counted before the failure is counted once,
 * however often it comes again (see `StatsStore.count`).
 *
 * When the failing record is the batch's first, the handler rejects instead: a partial
 * response there would only split the batch at that record and retry it whole until the
 * retries run out, sending the good records after a poison record to the failure queue
 * with it; a function error makes Lambda bisect the batch (BisectBatchOnFunctionError)
 * until the poison record fails alone (Lambda developer guide, "Configuring partial batch
 * response with DynamoDB and Lambda", bisecting a batch).
 */
export const processTaskChanges = async (
  event: TaskStreamEvent,
  { stats, log }: { stats: StatsStore; log: Logger },
): Promise<BatchResponse> => {
  let counted = 0;
  let ignored = 0;
  for (const record of event.Records) {
    try {
      const change = changeOfStreamRecord(record);
      if (change === undefined || (await stats.count(change)) === 'ignored') ignored++;
      else counted++;
    } catch (error) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      log.error('stream record not counted: the batch is retried from it', {
        sequenceNumber,
        eventName: record.eventName,
        error: errorFields(error),
      });
      log.info('batch', { records: event.Records.length, counted, ignored, failed: 1 });
      if (record === event.Records[0])
        throw new BatchHeadFailedError(sequenceNumber, { cause: error });
      return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
    }
  }
  log.info('batch', { records: event.Records.length, counted, ignored, failed: 0 });
  return { batchItemFailures: [] };
};
