import { describe, expect, it } from 'vitest';
import { createTasksClient, isUnexpectedResponse, TasksNetworkError } from '../../src/index.js';
import {
  aTask,
  created,
  fakeFetch,
  json,
  networkFailure,
  problem,
  type Scripted,
} from '../support/fake-fetch.js';

const TASK = aTask({ version: 3 });
const BASE = 'https://api.example.com/dev';

const clientOn = (...script: Scripted[]) => {
  const fake = fakeFetch(...script);
  return { client: createTasksClient({ baseUrl: `${BASE}/`, fetch: fake.fetch }), ...fake };
};

describe('the API root', () => {
  it.each([`${BASE}?key=1`, `${BASE}/#top`, new URL(`${BASE}?stage=dev`)])(
    'refuses %s, whose query or fragment the paths would land in, before any request',
    (baseUrl) => {
      const fake = fakeFetch();

      expect(() => createTasksClient({ baseUrl, fetch: fake.fetch })).toThrow(
        /has a query or a fragment/,
      );
      expect(fake.requests).toEqual([]);
    },
  );
});

describe('the requests each operation sends', () => {
  it('creates with POST /tasks, a JSON body and an idempotency key; answers the task', async () => {
    const { client, requests } = clientOn(created(TASK));
    await expect(client.create({ title: 'Write the client', status: 'TODO' })).resolves.toEqual(
      TASK,
    );
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', url: `${BASE}/tasks` });
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ title: 'Write the client', status: 'TODO' });
  });

  it('reads one task by its id, escaped into the path', async () => {
    const { client, requests } = clientOn(json(200, TASK));
    await expect(client.get('a/b?c')).resolves.toEqual(TASK);
    expect(requests[0]?.url).toBe(`${BASE}/tasks/a%2Fb%3Fc`);
  });

  it('lists with the given query only', async () => {
    const { client, requests } = clientOn(json(200, { items: [TASK], nextKey: 'k2' }));
    await expect(client.list({ limit: 5, status: 'DONE', lastKey: 'k 1' })).resolves.toEqual({
      items: [TASK],
      nextKey: 'k2',
    });
    await client.list();
    expect(requests.map((request) => request.url)).toEqual([
      `${BASE}/tasks?limit=5&status=DONE&lastKey=k+1`,
      `${BASE}/tasks`,
    ]);
  });

  it('walks every page, passing each nextKey on, until a page has none', async () => {
    const pages = [
      json(200, { items: [aTask({ taskId: 'c' }), aTask({ taskId: 'b' })], nextKey: 'b' }),
      json(200, { items: [aTask({ taskId: 'a' })] }),
    ];
    const { client, requests } = clientOn(...pages);
    const ids: string[] = [];
    for await (const task of client.listAll({ status: 'TODO', pageSize: 2 })) ids.push(task.taskId);
    expect(ids).toEqual(['c', 'b', 'a']);
    expect(requests.map((request) => request.url)).toEqual([
      `${BASE}/tasks?status=TODO&limit=2`,
      `${BASE}/tasks?status=TODO&limit=2&lastKey=b`,
    ]);
  });

  it('patches as a merge patch, conditional on the version of the task passed', async () => {
    const { client, requests } = clientOn(json(200, aTask({ version: 4 })));
    await client.update(TASK, { description: null, status: 'DONE' });
    const [request] = requests;
    expect(request?.method).toBe('PATCH');
    expect(request?.headers.get('content-type')).toBe('application/merge-patch+json');
    expect(request?.headers.get('if-match')).toBe('"3"');
    expect(JSON.parse(request?.body ?? '')).toEqual({ description: null, status: 'DONE' });
  });

  it('sends If-Match for an id only when asked, and an explicit ifMatch wins', async () => {
    const { client, requests } = clientOn(
      json(200, TASK),
      json(200, TASK),
      new Response(null, { status: 204 }),
    );
    await client.update(TASK.taskId, { title: 'x' });
    await client.update(TASK, { title: 'x' }, { ifMatch: 7 });
    await client.delete(TASK.taskId, { ifMatch: 2 });
    expect(requests.map((request) => request.headers.get('if-match'))).toEqual([
      null,
      '"7"',
      '"2"',
    ]);
  });

  it('deletes conditionally on the version of the task passed', async () => {
    const { client, requests } = clientOn(new Response(null, { status: 204 }));
    await expect(client.delete(TASK)).resolves.toBeUndefined();
    expect(requests[0]).toMatchObject({ method: 'DELETE', url: `${BASE}/tasks/${TASK.taskId}` });
    expect(requests[0]?.headers.get('if-match')).toBe('"3"');
  });
});

describe('tokens', () => {
  it('sends a string token as a bearer token', async () => {
    const fake = fakeFetch(json(200, TASK));
    const client = createTasksClient({ baseUrl: BASE, fetch: fake.fetch, token: 'abc' });
    await client.get(TASK.taskId);
    expect(fake.requests[0]?.headers.get('authorization')).toBe('Bearer abc');
  });

  it('asks a token provider before every request, retries included', async () => {
    const fake = fakeFetch(networkFailure(), json(200, TASK));
    let issued = 0;
    const client = createTasksClient({
      baseUrl: BASE,
      fetch: fake.fetch,
      token: async () => `t${++issued}`,
      retry: { maxDelayMs: 0 },
    });
    await client.get(TASK.taskId);
    expect(fake.requests.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer t1',
      'Bearer t2',
    ]);
  });

  it('sends no Authorization header without a token', async () => {
    const fake = fakeFetch(json(200, TASK));
    const client = createTasksClient({ baseUrl: BASE, fetch: fake.fetch, token: () => undefined });
    await client.get(TASK.taskId);
    expect(fake.requests[0]?.headers.has('authorization')).toBe(false);
  });
});

describe('answers that are not the API', () => {
  it.each([
    ['a success that is not JSON', new Response('<html>', { status: 200 })],
    ['a JSON success that is not a task', json(200, { hello: 'world' })],
  ])('rejects %s as unexpected_response', async (_, response) => {
    const { client } = clientOn(response);
    const failure = await client.get(TASK.taskId).catch((error: unknown) => error);
    expect(isUnexpectedResponse(failure)).toBe(true);
  });

  it('reads the statistics with GET /tasks/stats, days only when given, and retries it as a read', async () => {
    const stats = {
      byStatus: { TODO: 1, IN_PROGRESS: 0, DONE: 2 },
      total: 3,
      daily: [{ date: '2026-12-02', created: 3, completed: 2 }],
      leadTime: { count: 2, p50Ms: 60_000, p90Ms: 120_000 },
      asOf: '2026-12-02T10:00:00.000Z',
    };
    const { client, requests } = clientOn(
      problem(503, 'storage_unavailable', { 'retry-after': '0' }),
      json(200, stats),
      json(200, stats),
    );
    await expect(client.stats({ days: 1 })).resolves.toEqual(stats);
    await expect(client.stats()).resolves.toEqual(stats);
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${BASE}/tasks/stats?days=1`,
      `GET ${BASE}/tasks/stats?days=1`,
      `GET ${BASE}/tasks/stats`,
    ]);
  });

  it('rejects statistics that are not statistics as unexpected_response', async () => {
    const { client } = clientOn(json(200, { items: [] }));
    const failure = await client.stats().catch((error: unknown) => error);
    expect(isUnexpectedResponse(failure)).toBe(true);
  });

  it('rejects a page that is not a page as unexpected_response', async () => {
    const { client } = clientOn(json(200, { items: 'none' }));
    const failure = await client.list().catch((error: unknown) => error);
    expect(isUnexpectedResponse(failure)).toBe(true);
  });

  it('keeps the failure of a request that got no answer as the cause', async () => {
    const cause = networkFailure();
    const { client } = clientOn(cause);
    const failure = await client
      .update(TASK.taskId, { title: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TasksNetworkError);
    expect(failure).toMatchObject({ code: 'network_error', cause });
  });

  it('never turns a failure of the token provider into a network error', async () => {
    const fake = fakeFetch(problem(500, 'internal_error'));
    const refused = new Error('signed out');
    const client = createTasksClient({
      baseUrl: BASE,
      fetch: fake.fetch,
      token: () => Promise.reject(refused),
    });
    await expect(client.get(TASK.taskId)).rejects.toBe(refused);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('what the platform gives', () => {
  it("calls fetch as a plain function, as a browser's window.fetch requires", async () => {
    const fake = fakeFetch(json(200, TASK));
    function windowFetch(this: unknown, input: string | URL | Request, init?: RequestInit) {
      // A browser's fetch throws "Illegal invocation" for a `this` that is not the window.
      if (this !== undefined) throw new TypeError('Illegal invocation');
      return fake.fetch(input, init);
    }
    const client = createTasksClient({ baseUrl: BASE, fetch: windowFetch });
    await expect(client.get(TASK.taskId)).resolves.toEqual(TASK);
  });

  it('makes idempotency keys where crypto.randomUUID is missing (a page on plain HTTP)', async () => {
    const fake = fakeFetch(created(TASK));
    const randomUUID = Reflect.get(crypto, 'randomUUID');
    Reflect.set(crypto, 'randomUUID', undefined);
    try {
      const client = createTasksClient({ baseUrl: BASE, fetch: fake.fetch });
      await expect(client.create({ title: 'Over HTTP' })).resolves.toEqual(TASK);
    } finally {
      Reflect.set(crypto, 'randomUUID', randomUUID);
    }
    expect(fake.requests[0]?.headers.get('idempotency-key')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('throws a token HTTP cannot carry as the TypeError it is, sending nothing and retrying nothing', async () => {
    const fake = fakeFetch(json(200, TASK));
    const client = createTasksClient({ baseUrl: BASE, fetch: fake.fetch, token: 'a\nb' });
    await expect(client.get(TASK.taskId)).rejects.toBeInstanceOf(TypeError);
    expect(fake.requests).toHaveLength(0);
  });

  it('takes the default of a retry option given as undefined', async () => {
    const fake = fakeFetch(networkFailure(), networkFailure(), json(200, TASK));
    const client = createTasksClient({
      baseUrl: BASE,
      fetch: fake.fetch,
      retry: { attempts: undefined, baseDelayMs: 0 },
    });
    await expect(client.get(TASK.taskId)).resolves.toEqual(TASK);
    expect(fake.requests).toHaveLength(3);
  });
});

describe('task ids a URL path cannot carry', () => {
  it.each(['.', '..', ''])(
    'refuses %j before sending anything (/tasks/.. would be /)',
    async (id) => {
      const fake = fakeFetch(json(200, TASK));
      const client = createTasksClient({ baseUrl: BASE, fetch: fake.fetch });
      await expect(client.get(id)).rejects.toBeInstanceOf(TypeError);
      await expect(client.delete(id)).rejects.toBeInstanceOf(TypeError);
      await expect(client.update(id, { title: 'x' })).rejects.toBeInstanceOf(TypeError);
      expect(fake.requests).toHaveLength(0);
    },
  );
});

describe('a failure with a body of any size', () => {
  it("reads no more than 64 KiB of it: a proxy's endless error page is a TasksApiError, its stream cancelled", async () => {
    let sent = 0;
    let cancelled = false;
    const page = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        sent += 16 * 1024;
        controller.enqueue(new TextEncoder().encode('<html>'.padEnd(16 * 1024, 'x')));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    const client = createTasksClient({
      baseUrl: BASE,
      fetch: async () =>
        new Response(page, { status: 502, headers: { 'content-type': 'text/html' } }),
      retry: { attempts: 1 },
    });
    const failure = await client.get(TASK.taskId).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 502, code: 'unexpected_response' });
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThanOrEqual(96 * 1024);
  });
});

describe('a fetch whose responses have no web stream (node-fetch, polyfills)', () => {
  it("still reads a failure's problem details, its code kept", async () => {
    const client = createTasksClient({
      baseUrl: BASE,
      fetch: async () => {
        const answer = problem(404, 'task_not_found');
        // As a polyfill's response: no `body` stream, only `text()`.
        Object.defineProperty(answer, 'body', { value: undefined });
        return answer;
      },
    });
    await expect(client.get(TASK.taskId)).rejects.toMatchObject({
      status: 404,
      code: 'task_not_found',
    });
  });
});
