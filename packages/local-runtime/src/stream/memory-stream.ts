import { marshall } from '@aws-sdk/util-dynamodb';
import { toTaskItem } from '@tasks/adapter-dynamodb';
import type { TaskWrite } from '@tasks/adapter-inmemory';
import { type LambdaStreamRecord, type StreamOrigin, streamArnOf } from './lambda-stream-record.js';

export interface MemoryStream {
  /** The in-memory store's listener: each write becomes the record the table's stream would carry. */
  readonly onWrite: (write: TaskWrite) => void;
  /** Resolves once every record written before the call has been delivered. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** The one shard of the in-memory stream. */
export const MEMORY_SHARD_ID = 'shardId-00000000000000000000-memory';

/**
 * The table's stream, for the in-memory store: each write of the repository becomes the
 * record DynamoDB would put in the stream (the item as the DynamoDB adapter stores it,
 * old and new images, INSERT, MODIFY or REMOVE, a growing 21-digit sequence number), and
 * the records are delivered in order, one read at a time, with the same rules as the
 * records of DynamoDB Local's stream.
 */
export const startMemoryStream = ({
  origin,
  deliver,
  log,
}: {
  origin: StreamOrigin;
  deliver: (records: readonly LambdaStreamRecord[], shardId: string) => Promise<void>;
  log: (line: string) => void;
}): MemoryStream => {
  let sequence = 10n ** 20n;
  let pending: LambdaStreamRecord[] = [];
  let draining: Promise<void> = Promise.resolve();
  let stopped = false;

  const recordOf = ({ owner, before, after }: TaskWrite): LambdaStreamRecord => {
    sequence += 1n;
    const newImage = after === undefined ? undefined : marshall(toTaskItem(owner, after));
    const oldImage = before === undefined ? undefined : marshall(toTaskItem(owner, before));
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

  const drain = (): Promise<void> => {
    draining = draining.then(async () => {
      while (pending.length > 0 && !stopped) {
        const records = pending;
        pending = [];
        try {
          await deliver(records, MEMORY_SHARD_ID);
        } catch (error) {
          log(`In-memory stream: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    });
    return draining;
  };

  return {
    onWrite: (write) => {
      if (stopped) return;
      pending.push(recordOf(write));
      // After the write's own request: the stream is read asynchronously, as DynamoDB's is.
      setImmediate(() => void drain());
    },
    caughtUp: () => drain(),
    stop: async () => {
      stopped = true;
      await draining;
    },
  };
};
