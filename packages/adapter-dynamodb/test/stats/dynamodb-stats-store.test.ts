import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DONE_AGAIN_DAYS, type TaskTally, utcDay } from '@tasks/domain';
import { describeStatsStoreContract } from '@tasks/domain/testing';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CorruptItemError,
  DynamoDbStatsStore,
  documentClientFor,
  ensureTable,
  fromTallyItem,
  tallyCondition,
  toTallyItem,
} from '../../src/index.js';
import { decodeDays, encodeDays, tallyKey } from '../../src/stats/stats-items.js';
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

/**
 * An item's size as DynamoDB counts it (Developer Guide, "DynamoDB item sizes and
 * formats"): names and UTF-8 strings by their bytes, a number 1 byte plus 1 per two
 * significant digits, a map 3 bytes plus 1 per element.
 */
const valueBytes = (value: unknown): number => {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') {
    const digits = String(Math.abs(value))
      .replace('.', '')
      .replace(/^0+|0+$/g, '');
    return 1 + Math.ceil(digits.length / 2);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).reduce(
      (sum, [name, nested]) => sum + Buffer.byteLength(name) + valueBytes(nested) + 1,
      3,
    );
  }
  throw new Error(`no size rule for ${typeof value}`);
};
const itemBytes = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value),
    0,
  );

/** A task completed, reopened, and completed again twice on one day and once the next. */
const tally: TaskTally = {
  order: 14,
  status: 'DONE',
  createdAtMs: Date.UTC(2026, 10, 30, 9),
  firstDoneAtMs: Date.UTC(2026, 10, 30, 10),
  doneAgain: { '2026-12-01': 2, '2026-12-02': 1 },
  atMs: Date.UTC(2026, 11, 2, 9),
};

describe('the later completions of a tally item, as text', () => {
  const dayArb = fc
    .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) })
    .map((ms) => utcDay(ms));
  const daysArb = fc.dictionary(dayArb, fc.integer({ min: 1, max: 1_000_000 }), {
    minKeys: 1,
    maxKeys: 120,
  });

  it('reads back as written, whatever the days and counts, in any order of the map', () => {
    fc.assert(
      fc.property(daysArb, (days) => {
        const text = encodeDays(days);
        const reversed = Object.fromEntries(Object.entries(days).reverse());

        expect(decodeDays(text)).toEqual(days);
        expect(encodeDays(reversed)).toBe(text);
        const item = toTallyItem('alice', 't', { ...tally, doneAgain: days });
        expect(fromTallyItem(item).tally.doneAgain).toEqual(days);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back the first and last days a clock gives, and counts up to 10^15', () => {
    const edges = { '0001-01-01': 1e15 - 1, '9999-12-31': 1 };

    expect(decodeDays(encodeDays(edges))).toEqual(edges);
  });

  it.each([
    '',
    '-0',
    '20423,0',
    '20423*1',
    '20423*0',
    '20423,-1',
    'x',
    '20423,,1',
    // Past 9999-12-31: a day no clock gives.
    `2932896,1`,
    Array.from({ length: 11 }, () => '9999999').join(','),
  ])('refuses %j as a tally item’s later completions', (text) => {
    const item = { ...toTallyItem('alice', 't', tally), r: text };

    expect(() => fromTallyItem(item)).toThrow(CorruptItemError);
  });
});

describe('a tally item on DynamoDB Local', () => {
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

  // Counting writes the tally in a transaction: 2 write units per item up to 1 KB, so a
  // change into DONE costs 6 (SPEC §9: at most 6) while every item stays within 1 KB.
  it(`stays under 1 KB with later completions on the ${DONE_AGAIN_DAYS} days it remembers`, () => {
    const day = (n: number) => utcDay(Date.UTC(2026, 0, 1) + n * 86_400_000);
    const doneAgain = Object.fromEntries(
      Array.from({ length: DONE_AGAIN_DAYS }, (_, n) => [day(n), 12]),
    );
    const longest: TaskTally = { ...tally, status: 'IN_PROGRESS', doneAgain };

    // The longest owner the API takes (256 characters), a UUID as the task id.
    const item = toTallyItem('o'.repeat(256), randomUUID(), longest);

    expect(itemBytes(item)).toBeLessThanOrEqual(1024);
  });

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
