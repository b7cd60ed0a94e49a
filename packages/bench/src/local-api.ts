import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startChildServer } from './child-server.js';

const LOCAL_RUNTIME = fileURLToPath(new URL('../../local-runtime/dist/main.js', import.meta.url));
const BARE_SERVER = fileURLToPath(new URL('./bare-server.js', import.meta.url));

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

export interface LocalApiRow {
  readonly store: string;
  readonly operation: string;
  readonly runtime: LoadFigures;
  readonly bare: LoadFigures;
}

interface Operation {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
}

const load = async (url: string, operation: Operation, seconds: number): Promise<LoadFigures> => {
  const result = await autocannon({
    url: `${url}${operation.path}`,
    method: operation.method,
    connections: 8,
    duration: seconds,
    timeout: 20,
    ...(operation.body === undefined
      ? {}
      : { body: operation.body, headers: { 'content-type': 'application/json' } }),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
};

/**
 * Requests per second and latency of the local runtime (`npm start`, with the deployed
 * bundles) for create, get and list, and of a bare `node:http` server answering the same
 * JSON, each in its own process, loaded in turn by autocannon from this one. Loopback only.
 */
export const measureLocalApi = async (
  store: { name: string; env: Record<string, string> },
  seconds = 4,
): Promise<LocalApiRow[]> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tasks-bench-api-'));
  const runtime = await startChildServer(LOCAL_RUNTIME, {
    TASKS_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...store.env,
  });
  try {
    const create = {
      name: 'create (POST /tasks)',
      method: 'POST',
      path: '/tasks',
      body: '{"title":"Benchmark task"}',
    };
    const samples = [];
    for (let index = 0; index < 25; index++) {
      samples.push(
        await fetch(`${runtime.url}/tasks`, {
          method: 'POST',
          body: create.body,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }
    const created: unknown = await (samples.at(-1) ?? new Response('{}')).json();
    const taskId: unknown =
      typeof created === 'object' && created !== null ? Reflect.get(created, 'taskId') : undefined;
    if (typeof taskId !== 'string') throw new Error('the local runtime did not create a task');
    const operations: Operation[] = [
      create,
      { name: 'get (GET /tasks/{taskId})', method: 'GET', path: `/tasks/${taskId}` },
      { name: 'list (GET /tasks?limit=20)', method: 'GET', path: '/tasks?limit=20' },
    ];
    const canned = await Promise.all(
      operations.map(async ({ method, path, body }) => {
        const response = await fetch(`${runtime.url}${path}`, {
          method,
          ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
        });
        const headers = Object.fromEntries(
          [...response.headers].filter(
            ([name]) =>
              !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(
                name,
              ),
          ),
        );
        return {
          method,
          path: path.split('?')[0],
          status: response.status,
          headers,
          body: await response.text(),
        };
      }),
    );
    const bare = await startChildServer(BARE_SERVER, { BARE_RESPONSES: JSON.stringify(canned) });
    try {
      const rows: LocalApiRow[] = [];
      for (const operation of operations) {
        // A second of load first, not counted: each server's code optimised, the runtime's
        // function instances imported (a cold start each), before the figures are taken.
        await load(runtime.url, operation, 1);
        await load(bare.url, operation, 1);
        rows.push({
          store: store.name,
          operation: operation.name,
          runtime: await load(runtime.url, operation, seconds),
          bare: await load(bare.url, operation, seconds),
        });
      }
      return rows;
    } finally {
      await bare.stop();
    }
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};
