import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTasksClient, type RetryEvent, TasksNetworkError } from '../../src/index.js';
import { aTask, json } from '../support/fake-fetch.js';

const TASK = aTask();

/** A fetch whose first `stalls` requests never answer (until their signal aborts). */
const stallingFetch = (stalls: number) => {
  let requests = 0;
  const fetch = (_: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    requests++;
    if (requests > stalls) return Promise.resolve(json(200, TASK));
    return new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  };
  return { fetch, requests: () => requests };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('a try that gets no answer within timeoutMs', () => {
  it('counts as a lost answer: a read is tried again and succeeds', async () => {
    vi.useFakeTimers();
    const stalling = stallingFetch(1);
    const retries: RetryEvent[] = [];
    const client = createTasksClient({
      baseUrl: 'http://x',
      fetch: stalling.fetch,
      timeoutMs: 1000,
      retry: { maxDelayMs: 0, onRetry: (event) => retries.push(event) },
    });
    const read = client.get(TASK.taskId);
    await vi.advanceTimersByTimeAsync(999);
    expect(stalling.requests()).toBe(1);
    await vi.advanceTimersByTimeAsync(10); // the timeout, then the (zero) wait before the retry
    await expect(read).resolves.toEqual(TASK);
    expect(stalling.requests()).toBe(2);
    expect(retries[0]?.error).toBeInstanceOf(TasksNetworkError);
    expect(retries[0]?.error.message).toMatch(/no answer within 1000 ms/);
  });

  it('rejects an unconditional update as a network error, never sending it again', async () => {
    vi.useFakeTimers();
    const stalling = stallingFetch(1);
    const client = createTasksClient({
      baseUrl: 'http://x',
      fetch: stalling.fetch,
      timeoutMs: 500,
    });
    const update = client.update(TASK.taskId, { title: 'x' }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(500);
    expect(await update).toBeInstanceOf(TasksNetworkError);
    expect(stalling.requests()).toBe(1);
  });

  it('is cut short by the caller’s abort, which rejects with the signal’s reason', async () => {
    const stalling = stallingFetch(1);
    const controller = new AbortController();
    const client = createTasksClient({ baseUrl: 'http://x', fetch: stalling.fetch });
    const read = client.get(TASK.taskId, { signal: controller.signal });
    controller.abort();
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    expect(stalling.requests()).toBe(1);
  });
});

describe('a token that does not come', () => {
  const never = () => new Promise<string>(() => undefined);

  it('counts against timeoutMs: the call ends, and nothing was sent', async () => {
    vi.useFakeTimers();
    const stalling = stallingFetch(0);
    const client = createTasksClient({
      baseUrl: 'http://x',
      fetch: stalling.fetch,
      token: never,
      timeoutMs: 500,
      retry: { attempts: 1 },
    });
    const read = client.get(TASK.taskId).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(500);
    const failure = await read;
    expect(failure).toBeInstanceOf(TasksNetworkError);
    expect(String(failure)).toMatch(/no token within 500 ms/);
    expect(stalling.requests()).toBe(0);
  });

  it('ends when the caller aborts, with the abort reason', async () => {
    const client = createTasksClient({
      baseUrl: 'http://x',
      fetch: stallingFetch(0).fetch,
      token: never,
    });
    const controller = new AbortController();
    const read = client.get(TASK.taskId, { signal: controller.signal });
    controller.abort(new Error('gone'));
    await expect(read).rejects.toThrow('gone');
  });

  it('is no lost answer: a delete whose first try had no token is not taken as done by a 404', async () => {
    vi.useFakeTimers();
    let tokens = 0;
    const notFound = () =>
      new Response(JSON.stringify({ code: 'task_not_found', status: 404 }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    const client = createTasksClient({
      baseUrl: 'http://x',
      fetch: async () => notFound(),
      token: () => (++tokens === 1 ? never() : 'token'),
      timeoutMs: 100,
      retry: { maxDelayMs: 0 },
    });
    const deleting = client.delete(TASK.taskId).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(200);
    expect(await deleting).toMatchObject({ status: 404, code: 'task_not_found' });
  });
});
