import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startChildServer } from './child-server.js';
import { inTurns } from './handler-throughput.js';
import { roundRatios } from './stats.js';

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
  /** Each round's ratio of the runtime's requests per second to the bare server's. */
  readonly rounds: readonly number[];
}

interface Operation {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
}

interface Round {
  readonly requests: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

const load = async (url: string, operation: Operation, seconds: number): Promise<Round> => {
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
    requests: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
};

const perSecond = (round: Round): number => round.requests / round.seconds;

/** Rounds as one figure: all their requests over all their time, the median p50, the worst p99. */
const figuresOf = (rounds: readonly Round[]): LoadFigures => {
  const p50s = rounds.map((round) => round.p50).sort((a, b) => a - b);
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  return {
    requestsPerSecond: sum((round) => round.requests) / sum((round) => round.seconds),
    p50: p50s[Math.floor((p50s.length - 1) / 2)] ?? 0,
    p99: Math.max(...rounds.map((round) => round.p99)),
    failures: sum((round) => round.failures),
  };
};

/**
 * Uncounted load on each server and route before its figures: V8 optimises the runtime's
 * much larger code (the HTTP layer, the gateway, each bundle) over seconds, not one.
 */
export const WARM_UP_SECONDS = 3;
/** The counted load of each side, in rounds that take turns (ABBA), as the in-process figures. */
export const LOAD_ROUNDS = 4;

/**
 * Requests per second and latency of the local runtime (`npm start`, with the deployed
 * bundles) for create, get and list, and of a bare `node:http` server answering the same
 * JSON, each in its own process, loaded by autocannon from this one: after
 * {@link WARM_UP_SECONDS} of uncounted load each, `seconds` of counted load each in
 * {@link LOAD_ROUNDS} rounds that take turns. Loopback only.
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
        // Each server's code optimised, the runtime's function instances imported (a cold
        // start each), before the figures are taken.
        await load(runtime.url, operation, WARM_UP_SECONDS);
        await load(bare.url, operation, WARM_UP_SECONDS);
        const ours: Round[] = [];
        const theirs: Round[] = [];
        for (let round = 0; round < LOAD_ROUNDS; round++) {
          await inTurns(
            round,
            async () => {
              ours.push(await load(runtime.url, operation, seconds / LOAD_ROUNDS));
            },
            async () => {
              theirs.push(await load(bare.url, operation, seconds / LOAD_ROUNDS));
            },
          );
        }
        rows.push({
          store: store.name,
          operation: operation.name,
          runtime: figuresOf(ours),
          bare: figuresOf(theirs),
          rounds: roundRatios(ours.map(perSecond), theirs.map(perSecond)),
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
