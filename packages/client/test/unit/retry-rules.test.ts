import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createTasksClient,
  isStorageUnavailable,
  isTaskAlreadyExists,
  isTaskNotFound,
  type RetryEvent,
  type RetryOptions,
  TasksNetworkError,
} from '../../src/index.js';
import {
  aTask,
  created,
  fakeFetch,
  json,
  networkFailure,
  problem,
  type Scripted,
} from '../support/fake-fetch.js';

const TASK = aTask();
const UNAVAILABLE = () => problem(503, 'storage_unavailable', { 'retry-after': '1' });

/** A client on a fake fetch, recording the retries it announces. */
const clientOn = (script: Scripted[], retry: RetryOptions = {}) => {
  const fake = fakeFetch(...script);
  const retries: RetryEvent[] = [];
  const client = createTasksClient({
    baseUrl: 'https://api.example.com/dev/',
    fetch: fake.fetch,
    retry: { onRetry: (event) => retries.push(event), ...retry },
  });
  return { client, requests: fake.requests, retries };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('Retry-After', () => {
  it('waits exactly what Retry-After says before trying a read again', async () => {
    vi.useFakeTimers();
    const { client, requests } = clientOn([
      problem(503, 'storage_unavailable', { 'retry-after': '2' }),
      json(200, TASK),
    ]);
    const read = client.get(TASK.taskId);
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(read).resolves.toEqual(TASK);
    expect(requests).toHaveLength(2);
  });

  it('reads an HTTP-date Retry-After as the time until then', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00Z') });
    const { client, retries } = clientOn([
      problem(429, 'too_many_requests', { 'retry-after': 'Tue, 01 Dec 2026 10:00:03 GMT' }),
      json(200, TASK),
    ]);
    const read = client.get(TASK.taskId);
    await vi.advanceTimersByTimeAsync(3000);
    await expect(read).resolves.toEqual(TASK);
    expect(retries.map((retry) => retry.delayMs)).toEqual([3000]);
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    vi.useFakeTimers();
    const { client, retries } = clientOn(
      [problem(503, 'storage_unavailable', { 'retry-after': '3600' }), json(200, TASK)],
      { maxDelayMs: 700 },
    );
    const read = client.get(TASK.taskId);
    await vi.advanceTimersByTimeAsync(700);
    await expect(read).resolves.toEqual(TASK);
    expect(retries.map((retry) => retry.delayMs)).toEqual([700]);
  });

  it('retries API Gateway throttling, a plain 429 with no Retry-After, after a backoff', async () => {
    const gatewayThrottle = json(429, { message: 'Too Many Requests' });
    const { client, retries } = clientOn([gatewayThrottle, json(200, TASK)], { baseDelayMs: 1 });
    await expect(client.get(TASK.taskId)).resolves.toEqual(TASK);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(1);
  });
});

describe('bounds', () => {
  it('stops after `attempts` tries and rejects with the last answer', async () => {
    const { client, requests } = clientOn([UNAVAILABLE()], { attempts: 4, maxDelayMs: 0 });
    const failure = await client.get(TASK.taskId).catch((error: unknown) => error);
    expect(isStorageUnavailable(failure)).toBe(true);
    expect(requests).toHaveLength(4);
  });

  it('starts no retry whose wait would pass totalMs', async () => {
    vi.useFakeTimers();
    const { client, requests } = clientOn([UNAVAILABLE()], { attempts: 10, totalMs: 2500 });
    const read = client.get(TASK.taskId).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5000);
    expect(isStorageUnavailable(await read)).toBe(true);
    // 0 s: first try; 1 s: second; 2 s: third; a fourth would start at 3 s > 2.5 s.
    expect(requests).toHaveLength(3);
  });

  it('doubles the backoff after each lost answer, never past maxDelayMs', async () => {
    const { client, retries } = clientOn([networkFailure()], {
      attempts: 6,
      baseDelayMs: 4,
      maxDelayMs: 20,
    });
    await expect(client.get(TASK.taskId)).rejects.toBeInstanceOf(TasksNetworkError);
    expect(retries.map((retry) => retry.attempt)).toEqual([1, 2, 3, 4, 5]);
    for (const retry of retries) {
      expect(retry.delayMs).toBeGreaterThanOrEqual(0);
      expect(retry.delayMs).toBeLessThanOrEqual(Math.min(20, 4 * 2 ** (retry.attempt - 1)));
    }
  });
});

describe('which calls are retried', () => {
  it('never retries a PATCH without If-Match: it could apply twice', async () => {
    const answered = clientOn([UNAVAILABLE(), json(200, TASK)], { maxDelayMs: 0 });
    await expect(answered.client.update(TASK.taskId, { title: 'x' })).rejects.toMatchObject({
      status: 503,
    });
    expect(answered.requests).toHaveLength(1);

    const lost = clientOn([networkFailure(), json(200, TASK)], { maxDelayMs: 0 });
    await expect(lost.client.update(TASK.taskId, { title: 'x' })).rejects.toBeInstanceOf(
      TasksNetworkError,
    );
    expect(lost.requests).toHaveLength(1);
  });

  it('retries a PATCH with If-Match, sending the same condition', async () => {
    const { client, requests } = clientOn([networkFailure(), json(200, aTask({ version: 2 }))], {
      maxDelayMs: 0,
    });
    await expect(client.update(TASK, { title: 'x' })).resolves.toMatchObject({ version: 2 });
    expect(requests.map((request) => request.headers.get('if-match'))).toEqual(['"1"', '"1"']);
  });

  it('sends every create with a fresh key, and the same key again on its retries', async () => {
    const { client, requests } = clientOn([networkFailure(), UNAVAILABLE(), created(), created()], {
      maxDelayMs: 0,
    });
    await client.create({ title: 'Write the client' });
    await client.create({ title: 'Write the client' });
    const keys = requests.map((request) => request.headers.get('idempotency-key'));
    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toBe(keys[0]);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('sends the idempotency key the caller gives', async () => {
    const { client, requests } = clientOn([created()]);
    await client.create({ title: 'Pay the invoice' }, { idempotencyKey: 'order-42' });
    expect(requests[0]?.headers.get('idempotency-key')).toBe('order-42');
  });

  it('retries a create whose key is still in flight, not one that conflicts otherwise', async () => {
    const inFlight = clientOn([problem(409, 'idempotency_key_in_flight'), created()], {
      maxDelayMs: 0,
    });
    await expect(inFlight.client.create({ title: 'a' })).resolves.toEqual(TASK);
    expect(inFlight.requests).toHaveLength(2);

    const exists = clientOn([problem(409, 'task_already_exists'), created()], { maxDelayMs: 0 });
    const failure = await exists.client.create({ title: 'a' }).catch((error: unknown) => error);
    expect(isTaskAlreadyExists(failure)).toBe(true);
    expect(exists.requests).toHaveLength(1);
  });

  it.each([400, 401, 404, 405, 412, 413, 415, 422, 500])('never retries a %i', async (status) => {
    const { client, requests } = clientOn([problem(status, 'any'), json(200, TASK)]);
    await expect(client.get(TASK.taskId)).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
  });

  it('counts a delete that finds nothing after a lost answer as done: the task is gone', async () => {
    const { client, requests } = clientOn([networkFailure(), problem(404, 'task_not_found')], {
      maxDelayMs: 0,
    });
    await expect(client.delete(TASK.taskId)).resolves.toBeUndefined();
    expect(requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('answers an update refused as stale after a lost answer with the task its first try wrote', async () => {
    const before = aTask({ version: 1, status: 'TODO' });
    const after = { ...before, status: 'DONE', version: 2 };
    const { client, requests } = clientOn(
      [networkFailure(), problem(412, 'version_conflict'), json(200, after)],
      { maxDelayMs: 0 },
    );
    await expect(client.update(before, { status: 'DONE' })).resolves.toEqual(after);
    expect(requests.map((request) => request.method)).toEqual(['PATCH', 'PATCH', 'GET']);
  });

  it('answers so after a 503 too, which says the API could not tell whether it wrote', async () => {
    const before = aTask({ version: 1, status: 'TODO' });
    const after = { ...before, status: 'DONE', version: 2 };
    const { client } = clientOn(
      [UNAVAILABLE(), problem(412, 'version_conflict'), json(200, after)],
      { maxDelayMs: 0 },
    );
    await expect(client.update(before, { status: 'DONE' })).resolves.toEqual(after);
  });

  it('keeps the 412 after a lost answer when given an id alone, reading nothing', async () => {
    const { client, requests } = clientOn(
      [networkFailure(), problem(412, 'version_conflict'), json(200, TASK)],
      { maxDelayMs: 0 },
    );
    await expect(
      client.update(TASK.taskId, { status: 'DONE' }, { ifMatch: 1 }),
    ).rejects.toMatchObject({ status: 412 });
    expect(requests.map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('rejects with the abort, not the 412, when the caller aborts during the read that checks', async () => {
    const before = aTask({ version: 1 });
    const controller = new AbortController();
    const { client } = clientOn(
      [
        networkFailure(),
        problem(412, 'version_conflict'),
        () => {
          // The caller aborts while the check reads; fetch rejects with the abort's reason.
          controller.abort(new Error('gone'));
          return controller.signal.reason;
        },
      ],
      { maxDelayMs: 0 },
    );
    await expect(
      client.update(before, { status: 'DONE' }, { signal: controller.signal }),
    ).rejects.toThrow('gone');
  });

  it('keeps the 412 after a lost answer when the read that checks fails', async () => {
    const before = aTask({ version: 1 });
    const { client } = clientOn(
      [networkFailure(), problem(412, 'version_conflict'), problem(404, 'task_not_found')],
      { maxDelayMs: 0 },
    );
    await expect(client.update(before, { status: 'DONE' })).rejects.toMatchObject({ status: 412 });
  });

  it.each([
    ['another version past it', { status: 'DONE', version: 3 }],
    ['what another writer set', { status: 'IN_PROGRESS', version: 2 }],
    ['the patch and another writer’s title', { status: 'DONE', title: 'Theirs', version: 2 }],
  ])('keeps the 412 of an update after a lost answer when the task holds %s', async (_, now) => {
    const before = aTask({ version: 1, status: 'TODO' });
    const { client } = clientOn(
      [networkFailure(), problem(412, 'version_conflict'), json(200, { ...before, ...now })],
      { maxDelayMs: 0 },
    );
    await expect(client.update(before, { status: 'DONE' })).rejects.toMatchObject({
      status: 412,
      code: 'version_conflict',
    });
  });

  it('keeps the 412 of an update at its first try, without reading the task', async () => {
    const before = aTask({ version: 1 });
    const { client, requests } = clientOn([problem(412, 'version_conflict')]);
    await expect(client.update(before, { title: 'x' })).rejects.toMatchObject({ status: 412 });
    expect(requests).toHaveLength(1);
  });

  it('counts a delete that finds nothing after a 503 as done: the API could not tell', async () => {
    const { client } = clientOn([UNAVAILABLE(), problem(404, 'task_not_found')], {
      maxDelayMs: 0,
    });
    await expect(client.delete(TASK.taskId)).resolves.toBeUndefined();
  });

  it('rejects a delete that finds nothing at its first try', async () => {
    const { client } = clientOn([problem(404, 'task_not_found')]);
    const failure = await client.delete(TASK.taskId).catch((error: unknown) => error);
    expect(isTaskNotFound(failure)).toBe(true);
  });
});
