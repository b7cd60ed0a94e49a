import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbStatsStore, documentClientFor } from '@tasks/adapter-dynamodb';
import { type TaskChange, utcDaysEndingAt } from '@tasks/domain';

/** SPEC §9 targets for the statistics: write units per counted change, read units per read. */
export const STATS_CAPACITY_TARGETS = [
  ['stream: a create', 'write', 6],
  ['stream: a completion (MODIFY into DONE)', 'write', 6],
  ['stream: a title edit (MODIFY)', 'write', 6],
  ['stream: a delete (REMOVE)', 'write', 6],
  ['stream: a change delivered again', 'write', 6],
  ['stats of 30 days (30 active days)', 'read', 1],
  ['stats of 90 days (90 active days)', 'read', 1],
] as const;
export type StatsCapacityOperation = (typeof STATS_CAPACITY_TARGETS)[number][0];

const READS = new Set(['GetItemCommand', 'QueryCommand']);

/**
 * Units one operation consumed on DynamoDB Local, and the write units AWS documents for
 * its transactions: 2 per item up to 1 KB (every statistics item is far smaller).
 * DynamoDB Local reports less for a transaction (2 for three items, seen on 3.3.1).
 */
export interface StatsCapacity {
  readonly read: number;
  readonly write: number;
  readonly awsTransactionRule: number;
}

const unitsOf = (consumed: unknown): number => {
  if (Array.isArray(consumed))
    return consumed.reduce((sum: number, entry) => sum + unitsOf(entry), 0);
  const units: unknown =
    typeof consumed === 'object' && consumed !== null ? Reflect.get(consumed, 'CapacityUnits') : 0;
  return typeof units === 'number' ? units : 0;
};

const DAY_MS = 86_400_000;

/**
 * The capacity of the statistics (SPEC §9): what counting one change costs the stream
 * processor in write units (its strongly consistent GetItem of the tally is a read, shown
 * apart), and what `GET /tasks/stats` reads for an owner active on every day of the window.
 */
export const measureStatsCapacity = async (
  client: DynamoDBClient,
  statsTableName: string,
): Promise<Record<StatsCapacityOperation, StatsCapacity>> => {
  const totals = { read: 0, write: 0, transactItems: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      Reflect.set(args.input, 'ReturnConsumedCapacity', 'TOTAL');
      const result = await next(args);
      const items: unknown = Reflect.get(args.input, 'TransactItems');
      if (Array.isArray(items)) totals.transactItems += items.length;
      const kind = READS.has(context.commandName ?? '') ? 'read' : 'write';
      totals[kind] += unitsOf(Reflect.get(result.output, 'ConsumedCapacity'));
      return result;
    },
    { step: 'initialize', name: 'recordStatsCapacity' },
  );
  const measure = async (run: () => Promise<unknown>): Promise<StatsCapacity> => {
    const before = { ...totals };
    await run();
    return {
      read: totals.read - before.read,
      write: totals.write - before.write,
      awsTransactionRule: 2 * (totals.transactItems - before.transactItems),
    };
  };
  const store = new DynamoDbStatsStore({
    client: documentClientFor(client),
    tableName: statsTableName,
  });
  const now = Date.now();

  // An owner active every day of 90: ten tasks a day, each completed with its own lead time.
  const owner = 'measured-stats';
  for (let day = 0; day < 90; day++) {
    for (let index = 0; index < 10; index++) {
      const createdAtMs = now - day * DAY_MS - 3_600_000;
      const task = {
        taskId: `task-${day}-${index}`,
        status: 'DONE' as const,
        createdAtMs,
        version: 2,
      };
      const doneAtMs = createdAtMs + 60_000 * 4 ** (index % 6);
      await store.count({
        owner,
        kind: 'upsert',
        task: { ...task, version: 1, status: 'TODO', updatedAtMs: createdAtMs },
        atMs: createdAtMs,
      });
      await store.count({
        owner,
        kind: 'upsert',
        task: { ...task, updatedAtMs: doneAtMs },
        atMs: doneAtMs,
      });
    }
  }

  // The measured task changes after every change of the fill (whose completions run up to
  // 17 hours past now), as changes mostly reach the stream: one counted out of order, after
  // a newer one of another task, pays a second tally read and a second transaction.
  const measuredAt = now + DAY_MS;
  const fresh = { taskId: 'measured-task', createdAtMs: measuredAt, updatedAtMs: measuredAt };
  const change = (
    kind: TaskChange['kind'],
    version: number,
    status: 'TODO' | 'DONE',
  ): TaskChange => ({
    owner,
    kind,
    task: { ...fresh, version, status, updatedAtMs: measuredAt + version },
    atMs: measuredAt + version,
  });
  const window = (days: number) => {
    const range = utcDaysEndingAt(now, days);
    return () => store.read(owner, range[0] ?? '', range.at(-1) ?? '');
  };
  return {
    'stream: a create': await measure(() => store.count(change('upsert', 1, 'TODO'))),
    'stream: a completion (MODIFY into DONE)': await measure(() =>
      store.count(change('upsert', 2, 'DONE')),
    ),
    'stream: a title edit (MODIFY)': await measure(() => store.count(change('upsert', 3, 'DONE'))),
    'stream: a delete (REMOVE)': await measure(() => store.count(change('remove', 3, 'DONE'))),
    'stream: a change delivered again': await measure(() =>
      store.count(change('upsert', 2, 'DONE')),
    ),
    'stats of 30 days (30 active days)': await measure(window(30)),
    'stats of 90 days (90 active days)': await measure(window(90)),
  };
};
