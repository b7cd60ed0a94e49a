import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RetryEvent, Task } from '../../src/index.js';
import { STORES, useAuthRuntime } from '../support/runtime.js';

/** Every task of a client's owner. */
const allTasks = async (client: { listAll(): AsyncIterable<Task> }): Promise<Task[]> => {
  const tasks: Task[] = [];
  for await (const task of client.listAll()) tasks.push(task);
  return tasks;
};

// Faults injected between the client and the real local runtime, on both stores: an
// answer lost after the server acted, a 503 with Retry-After, a cancelled call.
describe.each(STORES)('@tasks/client under faults, $name', (store) => {
  const api = useAuthRuntime(store);

  it('replays a create whose answer was lost: one task, the one the server made', async () => {
    const lost: unknown[] = [];
    // Lets the first request reach the server and act, then drops its answer.
    const losingFirstAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (lost.length > 0) return response;
      const body: unknown = await response.json();
      lost.push(typeof body === 'object' && body !== null && 'task' in body ? body.task : body);
      throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    };
    const retries: RetryEvent[] = [];
    const client = api.as(`owner-${randomUUID()}`, {
      fetch: losingFirstAnswer,
      retry: { onRetry: (event) => retries.push(event) },
    });

    const task = await client.create({ title: 'Pay the invoice' });
    expect(retries.map((retry) => retry.error.name)).toEqual(['TasksNetworkError']);
    expect(task).toEqual(lost[0]);
    await expect(allTasks(client)).resolves.toEqual([task]);
  });

  it('waits out a 503 Retry-After, then creates once', async () => {
    let answered503 = false;
    const unavailableFirst: typeof fetch = async (input, init) => {
      if (answered503) return fetch(input, init);
      answered503 = true;
      return new Response(
        JSON.stringify({ status: 503, code: 'storage_unavailable', detail: 'throttled' }),
        {
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        },
      );
    };
    const retries: RetryEvent[] = [];
    const client = api.as(`owner-${randomUUID()}`, {
      fetch: unavailableFirst,
      retry: { onRetry: (event) => retries.push(event) },
    });

    const task = await client.create({ title: 'After the storm' });
    // The wait itself is checked on a fake clock in test/unit/retry-rules.test.ts.
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 1000 })]);
    await expect(allTasks(client)).resolves.toEqual([task]);
  });

  it('cancels a request in flight with the AbortError fetch throws', async () => {
    const controller = new AbortController();
    const abortingOnSend: typeof fetch = (input, init) => {
      controller.abort();
      return fetch(input, init);
    };
    const client = api.as(`owner-${randomUUID()}`, { fetch: abortingOnSend });
    const failure = await client
      .create({ title: 'Never mind' }, { signal: controller.signal })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DOMException);
    expect(failure).toMatchObject({ name: 'AbortError' });
  });

  it('cancels a wait between retries, sending nothing more', async () => {
    const controller = new AbortController();
    let requests = 0;
    const alwaysUnavailable: typeof fetch = async () => {
      requests++;
      return new Response('{"code":"storage_unavailable"}', {
        status: 503,
        headers: { 'retry-after': '3600' },
      });
    };
    // An hour's wait, allowed: only the abort can end the call within the test's timeout.
    const client = api.as(`owner-${randomUUID()}`, {
      fetch: alwaysUnavailable,
      retry: {
        maxDelayMs: 3_600_000,
        totalMs: 7_200_000,
        // Aborts once the wait has begun (the timer fires after the client's own is set).
        onRetry: () => setTimeout(() => controller.abort(), 0),
      },
    });
    await expect(client.list({ signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(requests).toBe(1);
  });
});
