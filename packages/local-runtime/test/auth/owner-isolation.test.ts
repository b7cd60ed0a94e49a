import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Api, createdId, field, itemsOf } from '../support/api.js';
import { useAuthRuntime } from '../support/auth-runtime.js';
import { STORES } from '../support/stores.js';

// SPEC §3: "No request can read or change another owner's tasks", the owner being the
// verified token's sub. End to end: the token checked by the runtime as API Gateway does,
// its claims handed to the deployed bundles, the owner-keyed store behind them.
describe.each(STORES)('owner isolation with TASKS_AUTH=jwt over HTTP, $name', (store) => {
  const runtime = useAuthRuntime(store);
  const alice = runtime.as('alice');
  const bob = runtime.as('bob');

  /** Bob's new task: its id, and the body and ETag a GET answers him. */
  const bobsTask = async (headers: Record<string, string> = {}) => {
    const body = { title: `Bob's task ${randomUUID()}`, description: 'private' };
    const created = await bob.post('/tasks', { json: body, headers });
    expect(created.status).toBe(201);
    const taskId = createdId(created);
    const read = await bob.get(`/tasks/${taskId}`);
    return { taskId, body, json: read.json, etag: read.header('etag') };
  };

  /** Bob still reads his task exactly as it was. */
  const expectUnchanged = async (task: Awaited<ReturnType<typeof bobsTask>>) => {
    const read = await bob.get(`/tasks/${task.taskId}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(task.json);
    expect(read.header('etag')).toBe(task.etag);
  };

  const expectNotFound = (reply: Awaited<ReturnType<Api['get']>>) => {
    expect(reply.status).toBe(404);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.json).toMatchObject({ status: 404, code: 'task_not_found' });
  };

  it("answers 404, never 403, when alice reads bob's task", async () => {
    const task = await bobsTask();

    expectNotFound(await alice.get(`/tasks/${task.taskId}`));
  });

  it("leaves bob's tasks out of alice's list, and alice's out of bob's", async () => {
    const task = await bobsTask();
    const hers = createdId(await alice.post('/tasks', { json: { title: 'Alice only' } }));

    const aliceIds = itemsOf(await alice.get('/tasks?limit=100')).map((item) =>
      field(item, 'taskId'),
    );
    const bobIds = itemsOf(await bob.get('/tasks?limit=100')).map((item) => field(item, 'taskId'));

    expect(aliceIds).toContain(hers);
    expect(aliceIds).not.toContain(task.taskId);
    expect(bobIds).toContain(task.taskId);
    expect(bobIds).not.toContain(hers);
  });

  it("answers 404 when alice patches bob's task, with or without If-Match, and changes nothing", async () => {
    const task = await bobsTask();
    const patch = { json: { title: 'Taken over', status: 'DONE' } };

    expectNotFound(await alice.patch(`/tasks/${task.taskId}`, patch));
    expectNotFound(
      await alice.patch(`/tasks/${task.taskId}`, { ...patch, headers: { 'if-match': '"1"' } }),
    );
    await expectUnchanged(task);
  });

  it("answers 404 when alice deletes bob's task, with or without If-Match, and deletes nothing", async () => {
    const task = await bobsTask();

    expectNotFound(await alice.delete(`/tasks/${task.taskId}`));
    expectNotFound(await alice.delete(`/tasks/${task.taskId}`, { headers: { 'if-match': '"1"' } }));
    await expectUnchanged(task);
  });

  it("creates alice's own task when she replays bob's Idempotency-Key with his body", async () => {
    const key = randomUUID();
    const task = await bobsTask({ 'idempotency-key': key });

    const replay = await alice.post('/tasks', {
      json: task.body,
      headers: { 'idempotency-key': key },
    });

    expect(replay.status).toBe(201);
    expect(replay.header('idempotent-replayed')).toBeNull();
    const hers = createdId(replay);
    expect(hers).not.toBe(task.taskId);
    expect((await alice.get(`/tasks/${hers}`)).json).toMatchObject({ title: task.body.title });
    await expectUnchanged(task);
    // Bob's own replay still answers with his task, not hers.
    const his = await bob.post('/tasks', { json: task.body, headers: { 'idempotency-key': key } });
    expect(his.header('idempotent-replayed')).toBe('true');
    expect(createdId(his)).toBe(task.taskId);
  });
});
