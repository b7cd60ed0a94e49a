import { describeTaskRepositoryContract } from '@tasks/domain/testing';
import { afterAll, expect, it } from 'vitest';
import { freshTable, sentCommands } from './support/dynamodb.js';

// The same suite as every other adapter, on a real DynamoDB Local, a new table per test.
describeTaskRepositoryContract(
  'DynamoDB (DynamoDB Local)',
  async () => {
    const table = await freshTable();
    return { repository: table.repository, teardown: table.drop };
  },
  { propertyRuns: 20 },
);

afterAll(() => {
  expect(sentCommands.has('QueryCommand')).toBe(true);
  expect(sentCommands.has('ScanCommand')).toBe(false);
});

it('lists with Query only: the adapter never sends a Scan', () => {
  expect([...sentCommands].filter((name) => name.includes('Scan'))).toEqual([]);
});
