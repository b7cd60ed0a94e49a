import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { inject } from 'vitest';
import {
  createDynamoDbClient,
  DynamoDbTaskRepository,
  documentClientFor,
  ensureTable,
} from '../../src/index.js';

/** The DynamoDB Local endpoint the global setup started (or DYNAMODB_ENDPOINT). */
export const endpoint = (): string => inject('dynamodbEndpoint');

/**
 * A client on DynamoDB Local that refuses to send a Scan: a test whose adapter scans fails
 * (commands-sent.test.ts asserts it directly, on the commands a recording client saw).
 *
 * Its timeouts are wider than the deployed client's (1 s to connect, 4 s an attempt): on a
 * shared CI machine running every suite at once, DynamoDB Local has taken longer than that
 * to answer, and a real timeout then used up the one retry a fault test had counted on
 * (the injected lost answer then came on the last attempt). These tests are about what the
 * adapter does with an answer, not how long the machine takes to give one.
 */
export const localClient = (options: { maxAttempts?: number } = {}): DynamoDBClient => {
  const client = createDynamoDbClient({
    endpoint: endpoint(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    connectionTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    ...options,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'ScanCommand') throw new Error('the adapter must never Scan');
      return next(args);
    },
    { step: 'initialize', name: 'refuseScans' },
  );
  return client;
};

const template = loadTemplate();

/** A new table, as infra/template.yaml defines it, and a repository on it. */
export const freshTable = async (client: DynamoDBClient = localClient()) => {
  const tableName = `tasks-test-${randomUUID()}`;
  await ensureTable(client, tableDefinition(template, { tableName }));
  const documents = documentClientFor(client);
  return {
    tableName,
    client,
    documents,
    repository: new DynamoDbTaskRepository({ client, tableName }),
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
};
