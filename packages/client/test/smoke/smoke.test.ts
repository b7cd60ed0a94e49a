import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  createTasksClient,
  isTaskNotFound,
  isUnauthorized,
  isVersionConflict,
  type Task,
  type TasksClient,
} from '../../src/index.js';

// The smoke suite (SPEC §8, §13): through the client, against whatever deployment the
// target names: in `npm test` the local runtime with TASKS_AUTH=jwt (test/global-setup.ts),
// after a deploy the stage (`npm run smoke` with TASKS_BASE_URL and TASKS_TOKEN). It
// removes every task it created, whatever fails.
const target = inject('smokeTarget');
const run = `smoke ${new Date().toISOString()} ${randomUUID().slice(0, 8)}`;
const client = createTasksClient({ baseUrl: target.baseUrl, token: target.token });
const created = new Set<string>();

const create = async (on: TasksClient, title: string, status?: Task['status']) => {
  const task = await on.create({ title: `${run}: ${title}`, ...(status ? { status } : {}) });
  created.add(task.taskId);
  return task;
};

const failureOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );

afterAll(async () => {
  for (const taskId of created) {
    await client.delete(taskId).catch((error: unknown) => {
      if (!isTaskNotFound(error)) throw error;
    });
  }
});

describe(`smoke: ${target.baseUrl}`, () => {
  it('creates a task and reads it back', async () => {
    const task = await create(client, 'read me');
    expect(task).toMatchObject({ status: 'TODO', version: 1 });
    await expect(client.get(task.taskId)).resolves.toEqual(task);
  });

  it('lists the newest first, and walks every page to the tasks it created', async () => {
    const made = [await create(client, 'one'), await create(client, 'two', 'IN_PROGRESS')];
    const page = await client.list({ limit: 1 });
    expect(page.items).toEqual([made[1]]);
    expect(page.nextKey).toBeTypeOf('string');
    const seen = new Map<string, number>();
    for await (const task of client.listAll({ pageSize: 1 })) {
      seen.set(task.taskId, (seen.get(task.taskId) ?? 0) + 1);
    }
    for (const task of made) expect(seen.get(task.taskId)).toBe(1);
  });

  it('updates with the version it holds, and answers 412 to a stale one', async () => {
    const task = await create(client, 'finish me');
    const done = await client.update(task, { status: 'DONE' });
    expect(done).toMatchObject({ taskId: task.taskId, status: 'DONE', version: 2 });
    const stale = await failureOf(client.update(task, { title: `${run}: stale` }));
    expect(isVersionConflict(stale)).toBe(true);
    expect(stale).toMatchObject({ status: 412 });
    await expect(client.get(task.taskId)).resolves.toEqual(done);
  });

  it('deletes conditionally, after which the task is gone', async () => {
    const task = await create(client, 'delete me');
    await client.delete(task);
    created.delete(task.taskId);
    expect(isTaskNotFound(await failureOf(client.get(task.taskId)))).toBe(true);
  });

  // Counted from the stream, seconds behind: the smoke checks the endpoint and its shape,
  // not counts a deployed stage's other traffic (or the stream's lag) would make flaky.
  it('reads its statistics: as many days as asked, ending today, no count below zero', async () => {
    const stats = await client.stats({ days: 7 });
    const today = new Date().toISOString().slice(0, 10);
    expect(stats.daily).toHaveLength(7);
    expect([today, new Date(Date.now() - 60_000).toISOString().slice(0, 10)]).toContain(
      stats.daily.at(-1)?.date,
    );
    const counts = [
      ...Object.values(stats.byStatus),
      stats.total,
      stats.leadTime.count,
      ...stats.daily.flatMap((day) => [day.created, day.completed]),
    ];
    expect(counts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
  });

  it('answers 401 without a token', async () => {
    const anonymous = createTasksClient({ baseUrl: target.baseUrl });
    const failure = await failureOf(anonymous.list());
    expect(isUnauthorized(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 401 });
  });

  // Needs a second user's token (TASKS_TOKEN_2): `npm test` always gives one.
  it.runIf(target.secondToken !== undefined)(
    "hides each user's tasks from the other (needs TASKS_TOKEN_2)",
    async () => {
      const other = createTasksClient({ baseUrl: target.baseUrl, token: target.secondToken });
      const task = await create(client, 'private');
      expect(isTaskNotFound(await failureOf(other.get(task.taskId)))).toBe(true);
      expect(isTaskNotFound(await failureOf(other.update(task, { title: 'mine' })))).toBe(true);
      expect(isTaskNotFound(await failureOf(other.delete(task)))).toBe(true);
      for await (const seen of other.listAll()) expect(seen.taskId).not.toBe(task.taskId);
      await expect(client.get(task.taskId)).resolves.toEqual(task);
    },
  );
});
