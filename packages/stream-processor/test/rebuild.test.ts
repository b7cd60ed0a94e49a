import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { CorruptItemError, toTaskItem } from '@tasks/adapter-dynamodb';
import { makeJsonLogger } from '@tasks/adapter-lambda';
import { commandsArb, deliveriesArb, type History, historyOf } from '@tasks/domain/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDbStatsRebuildStore,
  processTaskChanges,
  rebuildStats,
  scanTaskFacts,
} from '../src/index.js';
import { freshTables } from './support/local-tables.js';
import { recordOf } from './support/stream-records.js';

const quiet = makeJsonLogger({ sink: () => {} });
const ALL_DAYS: [string, string] = ['2000-01-01', '2100-01-01'];

let tables: Awaited<ReturnType<typeof freshTables>>;
beforeAll(async () => {
  tables = await freshTables();
});
afterAll(async () => {
  await tables?.drop();
});

let run = 0;

/** Writes the tasks a history leaves (deleted ones gone) into the tasks table, as the API would have. */
const writeTable = async (history: History): Promise<void> => {
  const documents = tables.documents();
  for (const { owner, facts, deleted } of history.tasks) {
    if (deleted) continue;
    const item = toTaskItem(owner, {
      taskId: facts.taskId,
      title: 'A task',
      status: facts.status,
      createdAt: new Date(facts.createdAtMs).toISOString(),
      updatedAt: new Date(facts.updatedAtMs).toISOString(),
      version: facts.version,
    });
    await documents.send(new PutCommand({ TableName: tables.tableName, Item: item }));
  }
};

describe('the rebuild, on DynamoDB Local', () => {
  it('yields the statistics the stream kept, after any creates, updates and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(
        commandsArb.chain((commands) => {
          run++;
          const history = historyOf(commands, { owners: [`alice-${run}`, `bob-${run}`] });
          return fc.tuple(fc.constant(history), deliveriesArb(history.changes));
        }),
        async ([history, deliveries]) => {
          const stats = tables.stats();
          await processTaskChanges({ Records: deliveries.map(recordOf) }, { stats, log: quiet });
          await writeTable(history);
          const owners = [...new Set(history.tasks.map((task) => task.owner))];
          const kept = await Promise.all(owners.map((owner) => stats.read(owner, ...ALL_DAYS)));

          const client = tables.documents();
          await rebuildStats({
            tasks: scanTaskFacts(client, tables.tableName),
            store: new DynamoDbStatsRebuildStore({ client, tableName: tables.statsTableName }),
          });

          const rebuilt = await Promise.all(owners.map((owner) => stats.read(owner, ...ALL_DAYS)));
          expect(rebuilt).toEqual(kept);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('the scan of the tasks table, on DynamoDB Local', () => {
  let own: Awaited<ReturnType<typeof freshTables>>;
  beforeAll(async () => {
    own = await freshTables();
  });
  afterAll(async () => {
    await own?.drop();
  });

  it('refuses a task item of another shape as CorruptItemError, naming the attribute', async () => {
    const taskId = '01a22d5d-75c2-7126-84f2-795f36bb5059';
    const item = { pk: 'alice', sk: taskId, g: `TODO#${taskId}`, c: 1, u: 1, v: '2' };
    await own.documents().send(new PutCommand({ TableName: own.tableName, Item: item }));

    const read = async () => {
      const facts = [];
      for await (const task of scanTaskFacts(own.documents(), own.tableName)) facts.push(task);
      return facts;
    };

    await expect(read()).rejects.toThrow(CorruptItemError);
    await expect(read()).rejects.toThrow(
      'unexpected task item: v: Invalid type: Expected number but received "2"',
    );
  });
});
