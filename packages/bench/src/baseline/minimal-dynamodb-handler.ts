import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';

/**
 * SPEC §9's baseline for import time: a handler that only builds the DynamoDB client and
 * sends a Query. Bundled with exactly the deployed bundles' esbuild options.
 */
const client = new DynamoDBClient({});

export const handler = async () => {
  const output = await client.send(
    new QueryCommand({
      TableName: process.env['TABLE_NAME'],
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'owner' } },
    }),
  );
  return { statusCode: 200, body: JSON.stringify(output.Items ?? []) };
};
