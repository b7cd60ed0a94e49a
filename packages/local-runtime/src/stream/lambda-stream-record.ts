/**
 * A record of a DynamoDB stream as Lambda hands it to a function (the Lambda developer
 * guide's example event, and aws-sam-cli's generated DynamoDB sample event).
 */
export interface LambdaStreamRecord {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion: string;
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly dynamodb: {
    /** Epoch seconds. */
    readonly ApproximateCreationDateTime: number;
    readonly Keys: Readonly<Record<string, unknown>>;
    readonly NewImage?: Readonly<Record<string, unknown>>;
    readonly OldImage?: Readonly<Record<string, unknown>>;
    /** 21 to 40 decimal digits: compare as numbers (BigInt), never as strings of one length. */
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: string;
  };
  readonly eventSourceARN: string;
  /** Only on a delete by TTL. */
  readonly userIdentity?: {
    readonly type: 'Service';
    readonly principalId: 'dynamodb.amazonaws.com';
  };
}

/** Where the records come from, for the fields Lambda adds and DynamoDB Local leaves out. */
export interface StreamOrigin {
  readonly region: string;
  readonly accountId: string;
  readonly tableName: string;
  /** The stream's label (`LatestStreamLabel`), the last part of its ARN. */
  readonly streamLabel: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TTL_DELETE = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

/** The stream's ARN as Lambda reports it in `eventSourceARN`, in this region and account. */
export const streamArnOf = ({ region, accountId, tableName, streamLabel }: StreamOrigin): string =>
  `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}/stream/${streamLabel}`;

/**
 * One record of DynamoDB Local's GetRecords (its JSON wire form) as Lambda delivers it:
 * `eventSourceARN` and `awsRegion` of the local region and account (DynamoDB Local says
 * `ddblocal` and gives no ARN); `ApproximateCreationDateTime` in epoch seconds (DynamoDB
 * Local truncates it to the minute; an SDK would turn it into a Date); and a delete by
 * TTL, which DynamoDB Local names with an event the SDK does not know, as AWS sends it:
 * `REMOVE` with `userIdentity { type: Service, principalId: dynamodb.amazonaws.com }`.
 * Throws on a record that has no sequence number or keys: DynamoDB Local never sends one.
 */
export const toLambdaStreamRecord = (raw: unknown, origin: StreamOrigin): LambdaStreamRecord => {
  if (!isRecord(raw) || !isRecord(raw['dynamodb']))
    throw new Error('a stream record without dynamodb');
  const stream = raw['dynamodb'];
  const sequenceNumber = stream['SequenceNumber'];
  const keys = stream['Keys'];
  if (typeof sequenceNumber !== 'string' || !/^\d+$/.test(sequenceNumber) || !isRecord(keys)) {
    throw new Error('a stream record without its sequence number or keys');
  }
  const name = raw['eventName'];
  const known = name === 'INSERT' || name === 'MODIFY' || name === 'REMOVE';
  const approximate = stream['ApproximateCreationDateTime'];
  const seconds =
    typeof approximate === 'number'
      ? Math.floor(approximate)
      : approximate instanceof Date
        ? Math.floor(approximate.getTime() / 1000)
        : Math.floor(Date.now() / 1000);
  const newImage = stream['NewImage'];
  const oldImage = stream['OldImage'];
  return {
    eventID: typeof raw['eventID'] === 'string' ? raw['eventID'] : crypto.randomUUID(),
    eventName: known ? name : 'REMOVE',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: origin.region,
    dynamodb: {
      ApproximateCreationDateTime: seconds,
      Keys: keys,
      ...(isRecord(newImage) && known ? { NewImage: newImage } : {}),
      ...(isRecord(oldImage) ? { OldImage: oldImage } : {}),
      SequenceNumber: sequenceNumber,
      SizeBytes: typeof stream['SizeBytes'] === 'number' ? stream['SizeBytes'] : 0,
      StreamViewType:
        typeof stream['StreamViewType'] === 'string'
          ? stream['StreamViewType']
          : 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: streamArnOf(origin),
    ...(known ? {} : { userIdentity: TTL_DELETE }),
  };
};
