import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createTasksClient,
  isTaskNotFound,
  isUnauthorized,
  isValidationFailed,
  isVersionConflict,
  type Task,
  type TaskStats,
} from '../../src/index.js';
import { STORES, useAuthRuntime } from '../support/runtime.js';

const failureOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );

// SPEC §11 over real HTTP: the client against the local runtime, which checks tokens as
// API Gateway's JWT authorizer does and serves the deployed bundles, on both stores.
describe.each(STORES)(
  '@tasks/client against the local runtime with TASKS_AUTH=jwt, $name',
  (store) => {
    const api = useAuthRuntime(store);

    it('creates, reads, lists, updates with the version it holds, and deletes', async () => {
      const client = api.as(`owner-${randomUUID()}`);
      const task = await client.create({ title: '  Finish cloud project ', description: 'today' });
      expect(task).toMatchObject({ title: 'Finish cloud project', status: 'TODO', version: 1 });

      await expect(client.get(task.taskId)).resolves.toEqual(task);
      await expect(client.list()).resolves.toEqual({ items: [task] });

      const done = await client.update(task, { status: 'DONE', description: null });
      expect(done).toMatchObject({ taskId: task.taskId, status: 'DONE', version: 2 });
      expect(done).not.toHaveProperty('description');
      await expect(client.get(task.taskId)).resolves.toEqual(done);

      await client.delete(done);
      expect(isTaskNotFound(await failureOf(client.get(task.taskId)))).toBe(true);
    });

    it('walks every page of the owner, newest first, each task once, filtered or not', async () => {
      const client = api.as(`owner-${randomUUID()}`);
      const made: Task[] = [];
      for (let index = 0; index < 7; index++) {
        made.push(
          await client.create({ title: `Task ${index}`, status: index % 2 ? 'DONE' : 'TODO' }),
        );
      }
      const walked: string[] = [];
      for await (const task of client.listAll({ pageSize: 3 })) walked.push(task.taskId);
      expect(walked).toEqual(made.map((task) => task.taskId).reverse());

      const first = await client.list({ limit: 3 });
      expect(first.items).toHaveLength(3);
      const second = await client.list({ limit: 3, lastKey: first.nextKey });
      expect(second.items.map((task) => task.taskId)).toEqual(walked.slice(3, 6));

      // The status index is eventually consistent on DynamoDB (SPEC §5); Local is immediate.
      const done: string[] = [];
      for await (const task of client.listAll({ status: 'DONE', pageSize: 2 }))
        done.push(task.taskId);
      expect(done).toEqual(
        made
          .filter((task) => task.status === 'DONE')
          .map((t) => t.taskId)
          .reverse(),
      );
    });

    it('surfaces a stale version as a 412 version_conflict, changing nothing', async () => {
      const client = api.as(`owner-${randomUUID()}`);
      const task = await client.create({ title: 'Contended' });
      const moved = await client.update(task, { title: 'Moved on' });
      const failure = await failureOf(client.update(task, { title: 'Stale' }));
      expect(isVersionConflict(failure)).toBe(true);
      expect(failure).toMatchObject({ status: 412, code: 'version_conflict' });
      expect(isVersionConflict(await failureOf(client.delete(task)))).toBe(true);
      await expect(client.get(task.taskId)).resolves.toEqual(moved);
    });

    it('surfaces a validation problem with its field errors', async () => {
      const client = api.as(`owner-${randomUUID()}`);
      const failure = await failureOf(client.create({ title: '' }));
      expect(isValidationFailed(failure)).toBe(true);
      expect(failure).toMatchObject({ status: 400, errors: [{ path: 'title' }] });
    });

    it("answers 404 for another owner's task: no read or write reaches it", async () => {
      const alice = api.as(`alice-${randomUUID()}`);
      const bob = api.as(`bob-${randomUUID()}`);
      const task = await bob.create({ title: "Bob's" });
      expect(isTaskNotFound(await failureOf(alice.get(task.taskId)))).toBe(true);
      expect(isTaskNotFound(await failureOf(alice.update(task, { title: 'Mine' })))).toBe(true);
      expect(isTaskNotFound(await failureOf(alice.delete(task.taskId)))).toBe(true);
      await expect(alice.list()).resolves.toEqual({ items: [] });
      await expect(bob.get(task.taskId)).resolves.toEqual(task);
    });

    it("reads the caller's statistics once the stream has counted its changes, and only its own", async () => {
      const alice = api.as(`alice-${randomUUID()}`);
      const bob = api.as(`bob-${randomUUID()}`);
      await alice.create({ title: 'Stays to do' });
      const finished = await alice.create({ title: 'Gets done' });
      await alice.update(finished, { status: 'DONE' });
      // Eventually consistent (SPEC §4): the local poller runs the processor's bundle on the
      // stream; ask until both creates and the completion are counted, a bounded number of times.
      const counted = (seen: TaskStats) => seen.total === 2 && seen.byStatus.DONE === 1;
      let stats = await alice.stats({ days: 7 });
      for (let asked = 1; asked < 100 && !counted(stats); asked++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stats = await alice.stats({ days: 7 });
      }
      expect(stats.byStatus).toEqual({ TODO: 1, IN_PROGRESS: 0, DONE: 1 });
      expect(stats.total).toBe(2);
      expect(stats.daily).toHaveLength(7);
      expect(stats.daily.at(-1)).toMatchObject({ created: 2, completed: 1 });
      expect(stats.leadTime.count).toBe(1);
      await expect(bob.stats()).resolves.toMatchObject({
        byStatus: { TODO: 0, IN_PROGRESS: 0, DONE: 0 },
        total: 0,
        asOf: null,
      });
    });

    it("maps the authorizer's plain 401 to unauthorized, without retrying it", async () => {
      let requests = 0;
      const counting: typeof fetch = (input, init) => {
        requests++;
        return fetch(input, init);
      };
      const anonymous = createTasksClient({ baseUrl: api.url(), fetch: counting });
      const failure = await failureOf(anonymous.list());
      expect(isUnauthorized(failure)).toBe(true);
      expect(failure).toMatchObject({ status: 401, detail: 'Unauthorized' });
      expect(requests).toBe(1);
    });
  },
);
