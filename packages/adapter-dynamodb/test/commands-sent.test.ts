import { IDEMPOTENCY_KEY_LIFETIME_MS, type Task, type TaskStatus } from '@tasks/domain';
import { anOwner, aTask, itemsOf, newestFirst, walkPages } from '@tasks/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { STATUS_INDEX } from '../src/index.js';
import { freshTable } from './support/dynamodb.js';
import { recordingClient, type SentCommand } from './support/recording-client.js';

// DynamoDB Local answers every read as if strongly consistent, and the contract suite sees
// only results: what the adapter asks DynamoDB for is checked on the commands it sends.

type Table = Awaited<ReturnType<typeof freshTable>>;
let table: Table | undefined;
const open = async () => {
  const { client, sent } = recordingClient();
  table = await freshTable(client);
  // The table's creation is the test's, not the adapter's.
  sent.length = 0;
  return { ...table, sent };
};
afterEach(async () => {
  await table?.drop();
  table = undefined;
});

const named = (sent: readonly SentCommand[], name: string) =>
  sent.filter((command) => command.name === name);

const createAll = async (repository: Table['repository'], owner: string, tasks: Task[]) => {
  for (const task of tasks) await repository.create(owner, task);
};

describe('the commands the DynamoDB adapter sends', () => {
  it('reads a task with a strongly consistent GetItem, so a read after a write sees it', async () => {
    const { repository, sent } = await open();
    const owner = anOwner();
    const task = aTask();
    await repository.create(owner, task);

    await expect(repository.get(owner, task.taskId)).resolves.toStrictEqual(task);
    await expect(repository.get(owner, aTask().taskId)).resolves.toBeUndefined();

    const gets = named(sent, 'GetItemCommand');
    expect(gets).toHaveLength(2);
    for (const get of gets) expect(get.input).toMatchObject({ ConsistentRead: true });
  });

  it('lists without a filter with strongly consistent Queries on the table, first page and later ones', async () => {
    const { repository, sent } = await open();
    const owner = anOwner();
    await createAll(repository, owner, [aTask(), aTask(), aTask()]);

    const pages = await walkPages(repository, owner, { limit: 1 });

    expect(pages).toHaveLength(3);
    const queries = named(sent, 'QueryCommand');
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const query of queries) {
      expect(query.input).toMatchObject({ ConsistentRead: true });
      expect(query.input).not.toHaveProperty('IndexName');
    }
  });

  it('filters by status with Queries on the ByStatus index keyed by that status, reading only what it returns', async () => {
    const { repository, sent } = await open();
    const owner = anOwner();
    const statuses: TaskStatus[] = ['TODO', 'DONE', 'DONE', 'DONE', 'TODO', 'DONE', 'IN_PROGRESS'];
    const tasks = statuses.flatMap((status) => [aTask({ status }), aTask({ status: 'DONE' })]);
    await createAll(repository, owner, tasks);
    const todo = newestFirst(tasks.filter((task) => task.status === 'TODO'));

    const pages = await walkPages(repository, owner, { limit: 1, status: 'TODO' });

    expect(itemsOf(pages)).toEqual(todo);
    const queries = named(sent, 'QueryCommand');
    expect(queries).toHaveLength(pages.length);
    for (const query of queries) {
      expect(query.input).toMatchObject({
        IndexName: STATUS_INDEX,
        KeyConditionExpression: 'pk = :pk AND begins_with(g, :status)',
        ExpressionAttributeValues: { ':pk': { S: owner }, ':status': { S: 'TODO#' } },
      });
      expect(query.input).not.toHaveProperty('FilterExpression');
      // DynamoDB's own account: every item it read it returned, so none of another status.
      expect(query.output?.['ScannedCount']).toBe(query.output?.['Count']);
      const items = query.output?.['Items'];
      expect(Array.isArray(items)).toBe(true);
      for (const item of Array.isArray(items) ? items : []) {
        expect(item).toMatchObject({ g: { S: expect.stringMatching(/^TODO#/) } });
      }
    }
  });

  it('never sends a Scan, whatever the repository is asked', async () => {
    const { repository, sent } = await open();
    const owner = anOwner();
    const task = aTask();
    const keyed = aTask();
    const createdAt = new Date();
    const record = {
      key: 'k',
      fingerprint: 'f',
      task: keyed,
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS).toISOString(),
    };
    await repository.create(owner, task);
    await repository.create(owner, keyed, { idempotency: record });
    await repository.create(owner, aTask(), { idempotency: { ...record, task: aTask() } });
    await repository.get(owner, task.taskId);
    await repository.list(owner, { limit: 1 });
    await repository.list(owner, { limit: 1, after: keyed.taskId });
    await repository.list(owner, { limit: 1, status: 'TODO' });
    await repository.list(owner, { limit: 1, status: 'TODO', after: keyed.taskId });
    await repository.update(
      owner,
      task.taskId,
      { status: 'DONE' },
      { updatedAt: createdAt.toISOString() },
    );
    await repository.delete(owner, task.taskId, { expectedVersion: 2 });

    expect(named(sent, 'QueryCommand')).toHaveLength(4);
    expect(sent.filter((command) => /scan/i.test(command.name))).toEqual([]);
  });
});
