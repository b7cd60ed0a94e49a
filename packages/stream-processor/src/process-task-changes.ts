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

/**
 * Counts a batch's records one after another, in stream order, and stops at the first
 * that fails. Reporting only that one is exact: Lambda retries from the lowest sequence
 * number reported, so every later record comes again, and none is counted before an
 * earlier change of its task. A change counted before the failure is counted once,
 * however often it comes again (see `StatsStore.count`).
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
      // An empty identifier would make Lambda retry the whole batch, which is still exact.
      return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
    }
  }
  log.info('batch', { records: event.Records.length, counted, ignored, failed: 0 });
  return { batchItemFailures: [] };
};
