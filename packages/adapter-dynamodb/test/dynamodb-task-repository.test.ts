import { describeTaskRepositoryContract } from '@tasks/domain/testing';
import { freshTable } from './support/dynamodb.js';

// The same suite as every other adapter, on a real DynamoDB Local, a new table per test.
// Its client refuses a Scan; commands-sent.test.ts shows what the adapter sends instead.
describeTaskRepositoryContract(
  'DynamoDB (DynamoDB Local)',
  async () => {
    const table = await freshTable();
    return { repository: table.repository, teardown: table.drop };
  },
  { propertyRuns: 20 },
);
