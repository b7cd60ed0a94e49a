import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbClient,
  DynamoDbStatsStore,
  DynamoDbTaskRepository,
  documentClientFor,
  ensureTable,
} from '@tasks/adapter-dynamodb';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { inject } from 'vitest';

/** The DynamoDB Local endpoint the global setup started (or DYNAMODB_ENDPOINT). */
export const endpoint = (): string => inject('dynamodbEndpoint');

/** One command a client sent: its SDK name (`GetItemCommand`) and its input. */
export interface SentCommand {
  readonly name: string;
  readonly input: unknown;
}

/** A client on DynamoDB Local; with `sent`, every command it sends is appended to it. */
export const localClient = (sent?: SentCommand[]): DynamoDBClient => {
  const client = createDynamoDbClient({
    endpoint: endpoint(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  if (sent !== undefined) {
    // On the client, not the document client: what IAM authorises is the low-level
    // operation (TransactWriteItems), whichever document command (TransactWrite) sent it.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input: unknown = args.input;
        sent.push({ name: context.commandName ?? 'unknown', input });
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
  }
  return client;
};

/** A new tasks table and statistics table named at random, as infra/template.yaml defines them. */
export const freshTable = async () => {
  const client = localClient();
  const tableName = `tasks-test-${randomUUID()}`;
  const statsTableName = `stats-test-${randomUUID()}`;
  const template = loadTemplate();
  await ensureTable(client, tableDefinition(template, { tableName }));
  await ensureTable(
    client,
    tableDefinition(template, { logicalId: 'StatsTable', tableName: statsTableName }),
  );
  return {
    tableName,
    statsTableName,
    /** A repository on this table whose client records what it sends in `sent`. */
    repository: (sent?: SentCommand[]) =>
      new DynamoDbTaskRepository({ client: localClient(sent), tableName }),
    /** The statistics store on the statistics table, recording as `repository` does. */
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
