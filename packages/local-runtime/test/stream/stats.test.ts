import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalDynamoDbClient, documentClientFor } from '@tasks/adapter-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalRuntime } from '../../src/index.js';
import { type Api, apiAt, createdId } from '../support/api.js';
import { useAuthRuntime } from '../support/auth-runtime.js';
import { STORES } from '../support/stores.js';

const today = () => new Date().toISOString().slice(0, 10);

const fieldsOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};

// SPEC §4 GET /tasks/stats and §10, end to end: the API's writes, the table's stream (the
// in-memory store's writes, or DynamoDB Local's stream), the processor's bundle run as its
// event source mapping runs it, the statistics read by the GET /tasks/stats bundle.
describe.each(STORES)('GET /tasks/stats, $name', (store) => {
  let runtime: LocalRuntime | undefined;
  let dataDir: string | undefined;
  const api: Api = apiAt(() => runtime?.url ?? '');
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tasks-stats-'));
    runtime = await store.start({ dataDir });
  });
  afterAll(async () => {
    await runtime?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('counts creates, completions and deletes once each, idempotent replays included', async () => {
    const ids: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      ids.push(createdId(await api.post('/tasks', { json: { title } })));
    }
    const key = { 'idempotency-key': 'stats-once' };
    await api.post('/tasks', { json: { title: 'Once' }, headers: key });
    await api.post('/tasks', { json: { title: 'Once' }, headers: key });
    const [one, two, three] = ids;
    await api.patch(`/tasks/${one}`, { json: { status: 'DONE' } });
    await api.patch(`/tasks/${one}`, { json: { title: 'One, edited after done' } });
    await api.patch(`/tasks/${two}`, { json: { status: 'IN_PROGRESS' } });
    await api.patch(`/tasks/${two}`, { json: { status: 'DONE' } });
    await api.delete(`/tasks/${three}`);
    await runtime?.streams.caughtUp();

    const reply = await api.get('/tasks/stats?days=7');
    expect(reply.status).toBe(200);
    const stats = fieldsOf(reply.json);
    expect(stats['byStatus']).toEqual({ TODO: 1, IN_PROGRESS: 0, DONE: 2 });
    expect(stats['total']).toBe(3);
    const daily = Array.isArray(stats['daily']) ? stats['daily'] : [];
    expect(daily).toHaveLength(7);
    expect(daily.at(-1)).toEqual({ date: today(), created: 4, completed: 2 });
    expect(fieldsOf(stats['leadTime'])['count']).toBe(2);
    expect(typeof stats['asOf']).toBe('string');
  });

  it('answers 400 to days out of range, as problem details', async () => {
    const reply = await api.get('/tasks/stats?days=91');
    expect(reply.status).toBe(400);
    expect(reply.header('content-type')).toBe('application/problem+json');
  });
});

describe.each(STORES)('GET /tasks/stats with TASKS_AUTH=jwt over HTTP, $name', (store) => {
  const runtime = useAuthRuntime(store);
  const alice = runtime.as('alice');
  const bob = runtime.as('bob');

  it("never shows bob alice's counts", async () => {
    const taskId = createdId(await alice.post('/tasks', { json: { title: "Alice's" } }));
    await alice.patch(`/tasks/${taskId}`, { json: { status: 'DONE' } });
    await runtime.caughtUp();

    const hers = fieldsOf((await alice.get('/tasks/stats')).json);
    const his = fieldsOf((await bob.get('/tasks/stats')).json);
    expect(hers['byStatus']).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 1 });
    expect(his['byStatus']).toEqual({ TODO: 0, IN_PROGRESS: 0, DONE: 0 });
    expect(his['total']).toBe(0);
    expect(fieldsOf(his['leadTime'])['count']).toBe(0);
    expect(his['asOf']).toBeNull();
  });

  it('answers 401 without a token', async () => {
    expect((await runtime.api.get('/tasks/stats')).status).toBe(401);
  });
});

describe("a poison record in DynamoDB Local's stream", () => {
  const [, dynamodb] = STORES;
  let runtime: LocalRuntime | undefined;
  let dataDir: string | undefined;
  const tableName = `tasks-poison-${Date.now()}`;
  const api: Api = apiAt(() => runtime?.url ?? '');
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tasks-poison-'));
    runtime = await dynamodb?.start({ dataDir, tableName });
  });
  afterAll(async () => {
    await runtime?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('goes to the failure queue after its retries, and the records after it are counted', async () => {
    // A task item whose index key names another task: the processor cannot count it.
    const documents = documentClientFor(createLocalDynamoDbClient(inject('dynamodbEndpoint')));
    const poison = {
      pk: 'local',
      sk: '01a22d5d-75c2-7126-84f2-795f36bb5059',
      g: 'DONE#another',
      t: 'x',
      c: 1,
      u: 1,
      v: 1,
    };
    await documents.send(new PutCommand({ TableName: tableName, Item: poison }));
    createdId(await api.post('/tasks', { json: { title: 'After the poison' } }));
    await runtime?.streams.caughtUp();

    const stats = fieldsOf((await api.get('/tasks/stats')).json);
    expect(stats['byStatus']).toEqual({ TODO: 1, IN_PROGRESS: 0, DONE: 0 });
    const queued = (await readFile(runtime?.streams.failureQueueFile ?? '', 'utf8'))
      .trim()
      .split('\n');
    expect(queued).toHaveLength(1);
    const message = fieldsOf(JSON.parse(queued[0] ?? '{}'));
    expect(fieldsOf(message['requestContext'])['condition']).toBe('RetryAttemptsExhausted');
    expect(fieldsOf(message['DDBStreamBatchInfo'])['batchSize']).toBe(1);
  });
});
