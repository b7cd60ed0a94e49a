import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TaskTally } from '@tasks/domain';
import { describeStatsStoreContract } from '@tasks/domain/testing';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDbStatsStore,
  documentClientFor,
  ensureTable,
  fromTallyItem,
  tallyCondition,
  toTallyItem,
} from '../../src/index.js';
import { tallyKey } from '../../src/stats/stats-items.js';
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

describe('a tally item on DynamoDB Local', () => {
  const tally: TaskTally = {
    order: 14,
    status: 'DONE',
    createdAtMs: Date.UTC(2026, 10, 30, 9),
    firstDoneAtMs: Date.UTC(2026, 10, 30, 10),
    doneAgain: { '2026-12-01': 2, '2026-12-02': 1 },
    atMs: Date.UTC(2026, 11, 2, 9),
  };
  let tableName: string;
  const client = localClient();
  const documents = documentClientFor(client);
  beforeAll(async () => {
    tableName = `stats-items-${randomUUID()}`;
    await ensureTable(client, tableDefinition(template, { logicalId: 'StatsTable', tableName }));
  });
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  });
  const put = (item: Record<string, unknown>, condition?: TaskTally) =>
    documents.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ...(condition === undefined ? {} : tallyCondition(condition)),
      }),
    );

  it('keeps the completions after the first, read back as written', async () => {
    await put(toTallyItem('alice', 'reopened', tally));

    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: tallyKey('alice', 'reopened') }),
    );

    expect(fromTallyItem(Item)).toEqual({ taskId: 'reopened', tally });
  });

  // A count conditions its write on the tally it read: one counted since, even on the
  // same day, must make it fail and count again.
  it('is replaced only when its completions are what the condition read, in any order', async () => {
    await put(toTallyItem('bob', 'reopened', tally));
    const next = { ...tally, order: 16 };
    const failed = (condition: TaskTally) =>
      put(toTallyItem('bob', 'reopened', next), condition).then(
        () => false,
        (error: unknown) => error instanceof ConditionalCheckFailedException,
      );

    expect(await failed({ ...tally, doneAgain: { '2026-12-01': 1, '2026-12-02': 1 } })).toBe(true);
    const { doneAgain: _none, ...withoutDoneAgain } = tally;
    expect(await failed(withoutDoneAgain)).toBe(true);
    expect(await failed({ ...tally, doneAgain: { '2026-12-02': 1, '2026-12-01': 2 } })).toBe(false);
  });
});
