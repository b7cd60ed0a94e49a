/**
 * The few DynamoDB Streams calls the local poller makes, as JSON over HTTP to DynamoDB
 * Local (which serves them at its one endpoint, DynamoDB Local 3.3.1): no SDK client, so
 * records arrive in their wire form (epoch seconds), as Lambda's poller reads them.
 * DynamoDB Local checks no signature; the header only has to look like one.
 */
const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';
const TIMEOUT_MS = 10_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A call DynamoDB Local answered with an error (its `__type` and message). */
export class StreamsCallError extends Error {
  override readonly name = 'StreamsCallError';
  constructor(
    readonly operation: string,
    readonly type: string,
    message: string,
  ) {
    super(`${operation}: ${type}: ${message}`);
  }
}

export interface StreamsApi {
  describeTable(tableName: string): Promise<{ streamArn?: string; streamLabel?: string }>;
  shards(streamArn: string): Promise<{ shardId: string; parentShardId?: string }[]>;
  iterator(
    streamArn: string,
    shardId: string,
    from: { after: string } | { type: 'TRIM_HORIZON' | 'LATEST' },
  ): Promise<string | undefined>;
  records(iterator: string, limit: number): Promise<{ records: unknown[]; next?: string }>;
}

export const streamsApi = (endpoint: string): StreamsApi => {
  const call = async (
    target: string,
    operation: string,
    body: unknown,
  ): Promise<Record<string, unknown>> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${target}.${operation}`,
        authorization: AUTHORIZATION,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer: unknown = await response.json();
    const value = isRecord(answer) ? answer : {};
    if (!response.ok) {
      const type =
        String(value['__type'] ?? response.status)
          .split('#')
          .at(-1) ?? '';
      throw new StreamsCallError(
        operation,
        type,
        String(value['message'] ?? value['Message'] ?? ''),
      );
    }
    return value;
  };
  const streams = (operation: string, body: unknown) =>
    call('DynamoDBStreams_20120810', operation, body);
  return {
    describeTable: async (tableName) => {
      const { Table } = await call('DynamoDB_20120810', 'DescribeTable', { TableName: tableName });
      const table = isRecord(Table) ? Table : {};
      const arn = table['LatestStreamArn'];
      const label = table['LatestStreamLabel'];
      return {
        ...(typeof arn === 'string' ? { streamArn: arn } : {}),
        ...(typeof label === 'string' ? { streamLabel: label } : {}),
      };
    },
    shards: async (streamArn) => {
      const shards: { shardId: string; parentShardId?: string }[] = [];
      let start: string | undefined;
      for (let page = 0; page < 100; page++) {
        const { StreamDescription } = await streams('DescribeStream', {
          StreamArn: streamArn,
          ...(start === undefined ? {} : { ExclusiveStartShardId: start }),
        });
        const description = isRecord(StreamDescription) ? StreamDescription : {};
        for (const shard of Array.isArray(description['Shards']) ? description['Shards'] : []) {
          if (!isRecord(shard) || typeof shard['ShardId'] !== 'string') continue;
          const parent = shard['ParentShardId'];
          shards.push({
            shardId: shard['ShardId'],
            ...(typeof parent === 'string' ? { parentShardId: parent } : {}),
          });
        }
        const last = description['LastEvaluatedShardId'];
        if (typeof last !== 'string') break;
        start = last;
      }
      return shards;
    },
    iterator: async (streamArn, shardId, from) => {
      const { ShardIterator } = await streams('GetShardIterator', {
        StreamArn: streamArn,
        ShardId: shardId,
        ...('after' in from
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: from.after }
          : { ShardIteratorType: from.type }),
      });
      return typeof ShardIterator === 'string' ? ShardIterator : undefined;
    },
    records: async (iterator, limit) => {
      const { Records, NextShardIterator } = await streams('GetRecords', {
        ShardIterator: iterator,
        Limit: limit,
      });
      return {
        records: Array.isArray(Records) ? Records : [],
        ...(typeof NextShardIterator === 'string' ? { next: NextShardIterator } : {}),
      };
    },
  };
};
