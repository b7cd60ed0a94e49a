import { toTaskAttributes } from '@tasks/adapter-dynamodb';
import type { TaskWrite } from '@tasks/adapter-inmemory';
import { type LambdaStreamRecord, type StreamOrigin, streamArnOf } from './lambda-stream-record.js';

export interface MemoryStream {
  /** The in-memory store's listener: each write becomes the record the table's stream would carry. */
  readonly onWrite: (write: TaskWrite) => void;
  /**
   * Resolves once every record written before the call has been delivered: what is
   * gathered goes now, without waiting for the rest of the batching window.
   */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** The one shard of the in-memory stream. */
export const MEMORY_SHARD_ID = 'shardId-00000000000000000000-memory';

/**
 * The table's stream, for the in-memory store: each write of the repository becomes the
 * record DynamoDB would put in the stream (the item as the DynamoDB adapter stores it,
 * old and new images, INSERT, MODIFY or REMOVE, a growing 21-digit sequence number), and
 * the records are delivered in order, one delivery at a time, with the same rules as the
 * records of DynamoDB Local's stream. As the event source mapping gathers them: the
 * records of `windowMs` from the first one not yet delivered go together, or sooner once
 * there are `batchSize` of them (`MaximumBatchingWindowInSeconds` and `BatchSize`; a
 * window of 0 delivers right after the write's own request).
 */
export const startMemoryStream = ({
  origin,
  deliver,
  log,
  batchSize,
  windowMs,
}: {
  origin: StreamOrigin;
  deliver: (records: readonly LambdaStreamRecord[], shardId: string) => Promise<void>;
  log: (line: string) => void;
  batchSize: number;
  windowMs: number;
}): MemoryStream => {
  let sequence = 10n ** 20n;
  let pending: LambdaStreamRecord[] = [];
  let draining: Promise<void> = Promise.resolve();
  let stopped = false;

  const recordOf = ({ owner, before, after }: TaskWrite): LambdaStreamRecord => {
    sequence += 1n;
    const newImage = after === undefined ? undefined : toTaskAttributes(owner, after);
    const oldImage = before === undefined ? undefined : toTaskAttributes(owner, before);
    const image = newImage ?? oldImage ?? {};
    return {
      eventID: crypto.randomUUID(),
      eventName: before === undefined ? 'INSERT' : after === undefined ? 'REMOVE' : 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: origin.region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        Keys: { pk: image['pk'], sk: image['sk'] },
        ...(newImage === undefined ? {} : { NewImage: newImage }),
        ...(oldImage === undefined ? {} : { OldImage: oldImage }),
        SequenceNumber: String(sequence),
        SizeBytes: JSON.stringify([newImage, oldImage]).length,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streamArnOf(origin),
    };
  };

  /** Delivers what is gathered when the delivery before it ends; records after it wait their turn. */
  const drain = (): Promise<void> => {
    draining = draining.then(async () => {
      if (stopped || pending.length === 0) return;
      const records = pending;
      pending = [];
      try {
        await deliver(records, MEMORY_SHARD_ID);
      } catch (error) {
        log(`In-memory stream: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return draining;
  };

  /** The one wake-up scheduled for the records gathered: the window's end, or sooner. */
  let wakeUp: { readonly soon: boolean; cancel(): void } | undefined;
  const wake = (): void => {
    wakeUp = undefined;
    void drain();
  };
  const schedule = (soon: boolean): void => {
    if (wakeUp !== undefined && (wakeUp.soon || !soon)) return;
    wakeUp?.cancel();
    if (soon) {
      // After the write's own request: the stream is read asynchronously, as DynamoDB's is.
      const immediate = setImmediate(wake);
      wakeUp = { soon, cancel: () => clearImmediate(immediate) };
    } else {
      const timer = setTimeout(wake, windowMs);
      wakeUp = { soon, cancel: () => clearTimeout(timer) };
    }
  };
  const cancelWakeUp = (): void => {
    wakeUp?.cancel();
    wakeUp = undefined;
  };

  return {
    onWrite: (write) => {
      if (stopped) return;
      pending.push(recordOf(write));
      schedule(windowMs <= 0 || pending.length >= batchSize);
    },
    caughtUp: () => {
      cancelWakeUp();
      return drain();
    },
    stop: async () => {
      stopped = true;
      cancelWakeUp();
      await draining;
    },
  };
};
