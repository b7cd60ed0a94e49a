import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  CorruptItemError,
  DynamoDbStatsStore,
  documentClientFor,
  toTaskItem,
} from '@tasks/adapter-dynamodb';
import { makeJsonLogger } from '@tasks/adapter-lambda';
import type { StatsRebuildStore, TaskChange } from '@tasks/domain';
import { commandsArb, deliveriesArb, type History, historyOf } from '@tasks/domain/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDbStatsRebuildStore,
  dynamoDbTaskFacts,
  MAX_ROUNDS,
  processTaskChanges,
  rebuildStats,
  type TaskFactsSource,
} from '../src/index.js';
import { freshTables, localClient } from './support/local-tables.js';
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
            tasks: dynamoDbTaskFacts(client, tables.tableName),
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

describe('the rebuild while the stream is counted', () => {
  const created = Date.UTC(2026, 11, 1, 9);
  const facts = (version: number, status: 'TODO' | 'DONE') => ({
    taskId: '01a22d5d-75c2-7126-84f2-795f36bb5059',
    status,
    createdAtMs: created,
    updatedAtMs: created + version,
    version,
  });
  const write = async (owner: string, task: ReturnType<typeof facts>) => {
    const item = toTaskItem(owner, {
      taskId: task.taskId,
      title: 'A task',
      status: task.status,
      createdAt: new Date(task.createdAtMs).toISOString(),
      updatedAt: new Date(task.updatedAtMs).toISOString(),
      version: task.version,
    });
    await tables.documents().send(new PutCommand({ TableName: tables.tableName, Item: item }));
  };
  /** The processor counting these changes, delivered in this order. */
  const countChanges = (...changes: TaskChange[]) =>
    processTaskChanges({ Records: changes.map(recordOf) }, { stats: tables.stats(), log: quiet });
  const count = (owner: string, task: ReturnType<typeof facts>) =>
    countChanges({ owner, kind: 'upsert', task, atMs: task.updatedAtMs });

  type Hook = () => Promise<void>;
  /** `race`, the first time it is called only; `raced` tells whether it was. */
  const once = (race: Hook) => {
    const state = { raced: false };
    const run: Hook = async () => {
      if (state.raced) return;
      state.raced = true;
      await race();
    };
    return { run, raced: () => state.raced };
  };
  /**
   * The rebuild over the statistics table, with `hooks` run around its steps for `owner`
   * (the table holds other tests' owners too, rebuilt first or after).
   */
  const rebuildWith = (
    owner: string,
    hooks: { afterTasks?: Hook; beforeReplace?: Hook; afterReplace?: Hook },
  ) => {
    const client = tables.documents();
    const store = new DynamoDbStatsRebuildStore({ client, tableName: tables.statsTableName });
    const at = async (hook: Hook | undefined, who: string) => {
      if (who === owner) await hook?.();
    };
    const source = dynamoDbTaskFacts(client, tables.tableName);
    const tasks: TaskFactsSource = {
      owners: () => source.owners(),
      ofOwner: async (who) => {
        const read = await source.ofOwner(who);
        await at(hooks.afterTasks, who);
        return read;
      },
    };
    const hooked: StatsRebuildStore = {
      owners: () => store.owners(),
      tallies: (who) => store.tallies(who),
      replace: async (who, tallies, read) => {
        await at(hooks.beforeReplace, who);
        const repaired = await store.replace(who, tallies, read);
        await at(hooks.afterReplace, who);
        return repaired;
      },
    };
    return rebuildStats({ tasks, store: hooked });
  };

  // The processor counts a change between the rebuild's read of the owner's tasks and its
  // replace: the replace overwrites that count, and the record will not come again.
  it('keeps a change counted between its read of the tasks and its replace', async () => {
    run++;
    const owner = `racer-${run}`;
    await write(owner, facts(1, 'TODO'));
    await count(owner, facts(1, 'TODO'));
    const race = once(async () => {
      await write(owner, facts(2, 'DONE'));
      await count(owner, facts(2, 'DONE'));
    });

    const report = await rebuildWith(owner, { afterTasks: race.run });

    expect(race.raced()).toBe(true);
    expect(report.unsettled).toEqual([]);
    const read = await tables.stats().read(owner, '2026-12-01', '2026-12-01');
    expect(read.byStatus).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 1 });
    expect(read.days['2026-12-01']).toMatchObject({ created: 1, completed: 1 });
    expect(read.asOfMs).toBe(created + 2);
  });

  // The stream is two versions behind the table: one record is counted before the replace
  // (so the repair to the table's version is not written, the counters computed from it
  // are), the other after it, which brings the tally to the repair's value and adds its
  // change to counters that already had it. Only another round can tell.
  it('rebuilds again when a count kept a repair from being written, even once the stream catches up', async () => {
    run++;
    const owner = `behind-${run}`;
    await count(owner, facts(1, 'TODO'));
    await write(owner, facts(3, 'DONE'));
    const early = once(async () => {
      await count(owner, facts(2, 'TODO'));
    });
    const late = once(async () => {
      await count(owner, facts(3, 'DONE'));
    });

    const report = await rebuildWith(owner, { beforeReplace: early.run, afterReplace: late.run });

    expect([early.raced(), late.raced()]).toEqual([true, true]);
    expect(report.unsettled).toEqual([]);
    const read = await tables.stats().read(owner, '2026-12-01', '2026-12-01');
    expect(read.byStatus).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 1 });
    expect(read.days['2026-12-01']).toMatchObject({ created: 1, completed: 1 });
  });

  // Created and deleted between the read and the replace: in neither read of the table,
  // yet counted (a deleted task keeps its history); only its tally tells.
  it('keeps a task created and deleted between its read of the tasks and its replace', async () => {
    run++;
    const owner = `brief-${run}`;
    await write(owner, facts(1, 'TODO'));
    await count(owner, facts(1, 'TODO'));
    const brief = { ...facts(1, 'DONE'), taskId: '01a22d5d-75c2-7126-84f2-795f36bb5060' };
    const race = once(async () => {
      await countChanges(
        { owner, kind: 'upsert', task: brief, atMs: brief.updatedAtMs },
        { owner, kind: 'remove', task: brief, atMs: brief.updatedAtMs + 1 },
      );
    });

    const report = await rebuildWith(owner, { beforeReplace: race.run });

    expect(race.raced()).toBe(true);
    expect(report.unsettled).toEqual([]);
    const read = await tables.stats().read(owner, '2026-12-01', '2026-12-01');
    expect(read.byStatus).toEqual({ TODO: 1, IN_PROGRESS: 0, DONE: 0 });
    expect(read.days['2026-12-01']).toMatchObject({ created: 2, completed: 1 });
  });

  // The table no longer has the task when the rebuild reads it; the stream, behind, is
  // still to deliver its completion and its delete: counted between the read of the
  // tallies and the replace, which must not put the older tally back.
  it('keeps a deleted task’s late changes counted between its read of the tallies and its replace', async () => {
    run++;
    const owner = `late-${run}`;
    const gone = { ...facts(1, 'TODO'), taskId: '01a22d5d-75c2-7126-84f2-795f36bb5061' };
    await count(owner, gone);
    const done = {
      ...gone,
      status: 'DONE' as const,
      version: 2,
      updatedAtMs: gone.updatedAtMs + 1,
    };
    const race = once(async () => {
      await countChanges(
        { owner, kind: 'upsert', task: done, atMs: done.updatedAtMs },
        { owner, kind: 'remove', task: done, atMs: done.updatedAtMs + 1 },
      );
    });

    const report = await rebuildWith(owner, { beforeReplace: race.run });

    expect(race.raced()).toBe(true);
    expect(report.unsettled).toEqual([]);
    const read = await tables.stats().read(owner, '2026-12-01', '2026-12-01');
    expect(read.byStatus).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 0 });
    expect(read.days['2026-12-01']).toMatchObject({ created: 1, completed: 1 });
  });

  // The stream is behind: the task is gone from the table, its REMOVE not counted yet. A
  // count reads the tally, the rebuild repairs it at the same order (the task's history,
  // no status), and only then does the count's transaction arrive: it must fail, and count
  // again against the repaired tally, not ADD a delta computed from the one it read.
  it('makes a count that read the tally before a repair at the same order count again', async () => {
    run++;
    const owner = `same-order-${run}`;
    const task = { ...facts(1, 'TODO'), taskId: '01a22d5d-75c2-7126-84f2-795f36bb5099' };
    await tables.stats().count({ owner, kind: 'upsert', task, atMs: task.updatedAtMs });
    let reached = (): void => undefined;
    const atGate = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = localClient();
    held.middlewareStack.add(
      (next, context) => async (args) => {
        if (String(context.commandName).startsWith('TransactWrite')) {
          reached();
          await gate;
        }
        return next(args);
      },
      { step: 'initialize', name: 'holdTransactions' },
    );
    const processor = new DynamoDbStatsStore({
      client: documentClientFor(held),
      tableName: tables.statsTableName,
    });
    const counting = processor.count({ owner, kind: 'remove', task, atMs: task.updatedAtMs + 1 });
    await atGate;

    const client = tables.documents();
    const report = await rebuildStats({
      tasks: dynamoDbTaskFacts(client, tables.tableName),
      store: new DynamoDbStatsRebuildStore({ client, tableName: tables.statsTableName }),
    });
    release();

    expect(report.unsettled).toEqual([]);
    await expect(counting).resolves.toBe('counted');
    // The whole history, a create then a delete: nothing left to count by status.
    const read = await tables.stats().read(owner, '2026-12-01', '2026-12-01');
    expect(read.byStatus).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 0 });
    expect(read.days['2026-12-01']).toMatchObject({ created: 1 });
  });

  it('reports an owner whose tasks change at every round as unsettled', async () => {
    run++;
    const owner = `busy-${run}`;
    await write(owner, facts(1, 'TODO'));
    let version = 1;

    const report = await rebuildWith(owner, {
      afterReplace: () => write(owner, facts(++version, 'TODO')),
    });

    expect(report.unsettled).toContain(owner);
    expect(version).toBe(1 + MAX_ROUNDS);
  });
});

describe('the read of the tasks table, on DynamoDB Local', () => {
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

    const read = () => dynamoDbTaskFacts(own.documents(), own.tableName).ofOwner('alice');

    await expect(read()).rejects.toThrow(CorruptItemError);
    await expect(read()).rejects.toThrow(
      'unexpected task item: v: Invalid type: Expected number but received "2"',
    );
  });
});
