import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

/** A table as `@tasks/sam-template` reads it from infra/template.yaml. */
export interface TableSetup {
  readonly createTable: CreateTableCommandInput;
  readonly timeToLive?: { readonly AttributeName: string; readonly Enabled: boolean };
}

/**
 * Creates the table when it is missing (with its TTL), and waits until it is active.
 * For DynamoDB Local and tests: in AWS the stack creates the table.
 */
export const ensureTable = async (
  client: DynamoDBClient,
  { createTable, timeToLive }: TableSetup,
): Promise<'created' | 'exists'> => {
  const TableName = createTable.TableName;
  try {
    await client.send(new DescribeTableCommand({ TableName }));
    return 'exists';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  try {
    await client.send(new CreateTableCommand(createTable));
  } catch (error) {
    // Another process created it between our describe and create: that is fine.
    if (!(error instanceof ResourceInUseException)) throw error;
    return 'exists';
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName });
  if (timeToLive?.Enabled === true) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: timeToLive.AttributeName, Enabled: true },
      }),
    );
  }
  return 'created';
};
