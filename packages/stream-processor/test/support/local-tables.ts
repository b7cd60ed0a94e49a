import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbClient,
  DynamoDbStatsStore,
  documentClientFor,
  ensureTable,
} from '@tasks/adapter-dynamodb';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { inject } from 'vitest';

/** One command a client sent: its SDK name (`GetItemCommand`) and its input. */
export interface SentCommand {
  readonly name: string;
  readonly input: unknown;
}

/** A client on DynamoDB Local; with `sent`, every command it sends is appended to it. */
export const localClient = (sent?: SentCommand[]): DynamoDBClient => {
  const client = createDynamoDbClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  if (sent !== undefined) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push({ name: context.commandName ?? 'unknown', input: args.input });
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
  }
  return client;
};

/** A tasks table and a statistics table, named at random, as infra/template.yaml defines them. */
export const freshTables = async () => {
  const client = localClient();
  const template = loadTemplate();
  const tableName = `tasks-test-${randomUUID()}`;
  const statsTableName = `stats-test-${randomUUID()}`;
  await ensureTable(client, tableDefinition(template, { tableName }));
  await ensureTable(
    client,
    tableDefinition(template, { logicalId: 'StatsTable', tableName: statsTableName }),
  );
  return {
    tableName,
    statsTableName,
    documents: (sent?: SentCommand[]) => documentClientFor(localClient(sent)),
    stats: (sent?: SentCommand[]) =>
      new DynamoDbStatsStore({
        client: documentClientFor(localClient(sent)),
        tableName: statsTableName,
      }),
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      await client.send(new DeleteTableCommand({ TableName: statsTableName }));
    },
  };
};
