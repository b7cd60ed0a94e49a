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
