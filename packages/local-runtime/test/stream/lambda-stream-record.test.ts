import { describe, expect, it } from 'vitest';
import { streamArnOf, toLambdaStreamRecord } from '../../src/stream/lambda-stream-record.js';
import { samCliDynamoDbUpdate, ttlRemove } from './fixtures/aws-sam-cli-dynamodb-update.js';

/** The shape of a value: its keys (sorted) and the type of each leaf, recursively. */
const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, shapeOf(inner)]),
    );
  }
  return typeof value;
};

const origin = {
  region: 'us-east-1',
  accountId: '123456789012',
  tableName: 'ExampleTableWithStream',
  streamLabel: '2015-06-27T00:48:05.899',
};

/** A record as DynamoDB Local's GetRecords sends it (seen on 3.3.1): no ARN, region ddblocal. */
const local = (
  record: (typeof samCliDynamoDbUpdate.Records)[number],
  eventName: string = record.eventName,
) => {
  const { eventSourceARN: _arn, awsRegion: _region, ...rest } = record;
  return { ...rest, eventName, awsRegion: 'ddblocal' };
};

describe('the records the local poller builds', () => {
  it.each(samCliDynamoDbUpdate.Records.map((record) => [record.eventName, record] as const))(
    'have the shape of the AWS sample %s record, field for field',
    (_, record) => {
      const built = toLambdaStreamRecord(local(record), origin);
      expect(shapeOf(built)).toEqual(shapeOf(record));
      expect(built).toEqual(record);
    },
  );

  it('turn a TTL delete, which DynamoDB Local names with an event the SDK does not know, into REMOVE with userIdentity', () => {
    const built = toLambdaStreamRecord(
      local(samCliDynamoDbUpdate.Records[2], 'TTL_REMOVE'),
      origin,
    );
    expect(built).toEqual(ttlRemove);
  });

  it('give ApproximateCreationDateTime in epoch seconds, also from a Date', () => {
    const record = { ...local(samCliDynamoDbUpdate.Records[0]) };
    const withDate = {
      ...record,
      dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: new Date(1428537600_000) },
    };
    expect(toLambdaStreamRecord(withDate, origin).dynamodb.ApproximateCreationDateTime).toBe(
      1428537600,
    );
  });

  it('name the stream as Lambda does', () => {
    expect(streamArnOf(origin)).toBe(samCliDynamoDbUpdate.Records[0].eventSourceARN);
  });
});
