import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InMemoryTaskRepository } from '@tasks/adapter-inmemory';
import { HOST_TASK_REPOSITORY } from '@tasks/adapter-lambda';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createEvent, lambdaContext, listEvent, taskEvent } from './api-gateway-event.js';
import { mean, roundRatios } from './stats.js';

interface Result {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}
export type Handler = (
  event: APIGatewayProxyEventV2,
  context: typeof lambdaContext,
) => Promise<Result>;

const isHandler = (value: unknown): value is Handler => typeof value === 'function';

/**
 * Imports a deployed bundle into this process. The environment is read by the bundle at
 * import, so it is set first; the query string makes each call a new module instance.
 */
export const importHandler = async (
  functionsDir: string,
  name: string,
  env: Record<string, string>,
  instance: string,
): Promise<Handler> => {
  Object.assign(process.env, env);
  const url = `${pathToFileURL(join(functionsDir, name, 'index.mjs')).href}?instance=${instance}`;
  const module: unknown = await import(url);
  const handler: unknown =
    typeof module === 'object' && module !== null ? Reflect.get(module, 'handler') : undefined;
  if (!isHandler(handler)) throw new Error(`${url} exports no handler`);
  return handler;
};

/**
 * Events per second of `run`, awaited one after another, for `milliseconds` or until
 * `more` says that the events are spent (the deletes of a pool of tasks), if sooner.
 */
export const eventsPerSecond = async (
  run: () => Promise<unknown>,
  milliseconds: number,
  more: () => boolean = () => true,
): Promise<number> => {
  let count = 0;
  const started = performance.now();
  const end = started + milliseconds;
  let now = started;
  while (now < end && more()) {
    await run();
    count++;
    now = performance.now();
  }
  return (count * 1000) / (now - started);
};

const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;

/**
 * Rounds per figure: short ones, the two sides taking turns, first one then the other
 * (ABBA), so that neither always runs right after the other's garbage or the machine's
 * last spike.
 */
export const ROUNDS = 6;

/** Runs `first` then `second` in even rounds and the other way round in odd ones. */
export const inTurns = async (
  round: number,
  first: () => Promise<void>,
  second: () => Promise<void>,
): Promise<void> => {
  if (round % 2 === 0) {
    await first();
    await second();
  } else {
    await second();
    await first();
  }
};

export interface ThroughputRow {
  readonly operation: string;
  readonly handler: number;
  readonly bare: number;
  /** Each round's ratio of ours to the bare handler's. */
  readonly rounds: readonly number[];
  /** SPEC §9: ≥ 0.5× for get and list, ≥ 0.25× for create, update and delete. */
  readonly target: number;
}

/**
 * Events per second through the deployed handlers (in-memory store, access log off), and
 * through a bare handler that serialises the same JSON, taking turns in {@link ROUNDS}
 * rounds.
 */
export const measureHandlerThroughput = async (
  functionsDir: string,
  milliseconds = 300,
): Promise<ThroughputRow[]> => {
  const env = { TABLE_NAME: 'tasks-bench', AUTH_MODE: 'none', LOG_LEVEL: 'warn' };
  // The in-memory store, handed to the bundles as the local runtime hands it (they know
  // only DynamoDB, and take the host's repository when one is there at import).
  Reflect.set(globalThis, HOST_TASK_REPOSITORY, new InMemoryTaskRepository());
  const create = await importHandler(functionsDir, 'create-task', env, 'throughput');
  const get = await importHandler(functionsDir, 'get-task', env, 'throughput');
  const list = await importHandler(functionsDir, 'list-tasks', env, 'throughput');
  const update = await importHandler(functionsDir, 'update-task', env, 'throughput');
  const remove = await importHandler(functionsDir, 'delete-task', env, 'throughput');
  Reflect.deleteProperty(globalThis, HOST_TASK_REPOSITORY);
  const benchmarkTask = () => createEvent('{"title":"Benchmark task"}');
  const seed = await create(benchmarkTask(), lambdaContext);
  for (let index = 0; index < 30; index++) await create(benchmarkTask(), lambdaContext);
  const taskId: unknown = JSON.parse(seed.body ?? '{}').taskId;
  if (typeof taskId !== 'string') throw new Error(`create answered ${seed.statusCode}`);

  // Each delete of ours removes a task of its own, a sixth of the pool in each round at
  // most (a round ends sooner if its sixth runs out); the bare handler's events name the
  // seed task: it deletes nothing. The pool is created just before the deletes, so that
  // its tasks are the newest, as a task deleted soon after its create is: the in-memory
  // store's ids are a sorted array, and a delete deep inside it would measure the copy
  // of the ids after it (the create rounds add about a hundred thousand).
  const pool = 90_000;
  const doomed: string[] = [];
  const fillPool = async () => {
    for (let index = 0; index < pool; index++) {
      const reply = await create(benchmarkTask(), lambdaContext);
      doomed.push(String(JSON.parse(reply.body ?? '{}').taskId));
    }
  };
  let status = 0;
  const cases: [
    string,
    Handler,
    () => APIGatewayProxyEventV2,
    ((round: number) => () => boolean)?,
  ][] = [
    ['create (POST /tasks)', create, benchmarkTask],
    ['get (GET /tasks/{taskId})', get, () => taskEvent('GET', taskId)],
    ['list (GET /tasks?limit=20)', list, () => listEvent('limit=20')],
    [
      'update (PATCH /tasks/{taskId})',
      update,
      () => taskEvent('PATCH', taskId, `{"status":"${STATUSES[status++ % 3]}"}`),
    ],
    [
      'delete (DELETE /tasks/{taskId})',
      remove,
      () => taskEvent('DELETE', doomed.pop() ?? taskId),
      (round) => {
        const floor = (pool * (ROUNDS - 1 - round)) / ROUNDS;
        return () => doomed.length > floor;
      },
    ],
  ];
  const rows: ThroughputRow[] = [];
  for (const [operation, handler, event, more] of cases) {
    if (more !== undefined) await fillPool();
    const sample = await handler(event(), lambdaContext);
    if (sample.statusCode >= 300) throw new Error(`${operation} answered ${sample.statusCode}`);
    // The bare handler returns the same JSON as a handler does: it serialises the value
    // for each event (as the bare node:http server of the local API figures does). A text
    // made once would charge our side alone with the serialisation every JSON API pays: a
    // page of 20 tasks takes JSON.stringify about 5 µs here, four times the event's making.
    // (A 204 has no body: the bare delete returns none either.)
    const text = sample.body ?? '';
    const value: unknown = text === '' ? undefined : JSON.parse(text);
    const bare: Handler = async () => ({
      statusCode: sample.statusCode,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: value === undefined ? '' : JSON.stringify(value),
    });
    const ours: number[] = [];
    const baseline: number[] = [];
    // The same events for the bare handler, but for the pool: its deletes take no task.
    const bareEvent = more === undefined ? event : () => taskEvent('DELETE', taskId);
    for (let round = 0; round < ROUNDS; round++) {
      await inTurns(
        round,
        async () => {
          ours.push(
            await eventsPerSecond(
              () => handler(event(), lambdaContext),
              milliseconds,
              more?.(round),
            ),
          );
        },
        async () => {
          baseline.push(
            await eventsPerSecond(() => bare(bareEvent(), lambdaContext), milliseconds),
          );
        },
      );
    }
    const target = /^(get|list)/.test(operation) ? 0.5 : 0.25;
    rows.push({
      operation,
      handler: mean(ours),
      bare: mean(baseline),
      rounds: roundRatios(ours, baseline),
      target,
    });
  }
  return rows;
};
