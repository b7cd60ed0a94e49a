import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTasksClient } from '../../src/index.js';
import { aTask, fakeFetch, json, problem } from '../support/fake-fetch.js';

const TASK = aTask();
const unavailable = () => problem(503, 'storage_unavailable', { 'retry-after': '30' });

afterEach(() => {
  vi.useRealTimers();
});

describe('a signal cancels any call', () => {
  it('rejects with the AbortError the platform throws, without a request, when already aborted', async () => {
    const fake = fakeFetch(json(200, TASK));
    const client = createTasksClient({ baseUrl: 'http://x', fetch: fake.fetch });
    const failure = await client
      .get(TASK.taskId, { signal: AbortSignal.abort() })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DOMException);
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(0);
  });

  it('ends a wait between retries at once, with no further request', async () => {
    vi.useFakeTimers();
    const fake = fakeFetch(unavailable(), json(200, TASK));
    const controller = new AbortController();
    const client = createTasksClient({
      baseUrl: 'http://x',
      fetch: fake.fetch,
      retry: {
        maxDelayMs: 30_000,
        totalMs: 60_000,
        onRetry: () => setTimeout(() => controller.abort(), 100),
      },
    });
    let settled = false;
    const failure = client
      .get(TASK.taskId, { signal: controller.signal })
      .catch((error: unknown) => error)
      .finally(() => {
        settled = true;
      });
    await vi.advanceTimersByTimeAsync(100);
    expect(settled).toBe(true);
    expect(await failure).toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects with the reason the signal was given', async () => {
    const reason = new Error('user left the page');
    const fake = fakeFetch(json(200, { items: [] }));
    const client = createTasksClient({ baseUrl: 'http://x', fetch: fake.fetch });
    await expect(client.list({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('stops a page walk between pages', async () => {
    const controller = new AbortController();
    const fake = fakeFetch(json(200, { items: [TASK], nextKey: TASK.taskId }));
    const client = createTasksClient({ baseUrl: 'http://x', fetch: fake.fetch });
    const walk = async () => {
      for await (const _ of client.listAll({ signal: controller.signal })) controller.abort();
    };
    await expect(walk()).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(1);
  });
});
