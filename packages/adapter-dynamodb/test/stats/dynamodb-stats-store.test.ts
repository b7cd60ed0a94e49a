import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { describeStatsStoreContract } from '@tasks/domain/testing';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { DynamoDbStatsStore, documentClientFor, ensureTable } from '../../src/index.js';
import { localClient } from '../support/dynamodb.js';

const template = loadTemplate();

// The same suite as the in-memory store, on the template's StatsTable in DynamoDB Local.
describeStatsStoreContract(
  'DynamoDB (DynamoDB Local)',
  async () => {
    const client = localClient();
    const tableName = `stats-test-${randomUUID()}`;
    await ensureTable(client, tableDefinition(template, { logicalId: 'StatsTable', tableName }));
    return {
      store: new DynamoDbStatsStore({ client: documentClientFor(client), tableName }),
      teardown: async () => {
        await client.send(new DeleteTableCommand({ TableName: tableName }));
      },
    };
  },
  { propertyRuns: 15 },
);
