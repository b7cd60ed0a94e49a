/**
 * The composition root as Lambda runs it: the environment read once, a DynamoDB client
 * and repository built once, and a handler for both payload formats. A wrong environment
 * must fail the cold start with one line that says what to fix, not every request.
 */
import { InMemoryStatsStore, InMemoryTaskRepository } from '@tasks/adapter-inmemory';
import { makeGetStats, systemClock } from '@tasks/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeStatsRoute } from '../../src/composition/stats-store.js';
import {
  type ApiGatewayEvent,
  getStatsController,
  HOST_STATS_STORE,
  HOST_TASK_REPOSITORY,
} from '../../src/index.js';
import { httpEvent, lambdaContext, restEvent } from '../http/events.js';
import { createdId, JSON_HEADERS, type Reply, toReply } from '../http/harness.js';
import { composeApi } from '../support/api-handler.js';
import { endpoint, freshTable } from './support/local-table.js';

/** Everything written to standard output from now on, as the runtime would ship it. */
const captureStdout = (): string[] => {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  return chunks;
};

const linesOf = (chunks: readonly string[]): string[] =>
  chunks
    .join('')
    .split('\n')
    .filter((line) => line !== '');

describe('composeApi with a wrong environment', () => {
  it.each([
    { variable: 'TABLE_NAME', env: {} },
    { variable: 'TABLE_NAME', env: { TABLE_NAME: '' } },
    // Names DynamoDB refuses: the SDK's ValidationException on every call, otherwise. (The
    // statistics table named apart, so that it is not the one refused.)
    { variable: 'TABLE_NAME', env: { TABLE_NAME: 'ab', STATS_TABLE_NAME: 'tasks-stats' } },
    {
      variable: 'TABLE_NAME',
      env: { TABLE_NAME: 'tasks local', STATS_TABLE_NAME: 'tasks-stats' },
    },
    { variable: 'AUTH_MODE', env: { TABLE_NAME: 'tasks', AUTH_MODE: 'maybe' } },
    { variable: 'DYNAMODB_ENDPOINT', env: { TABLE_NAME: 'tasks', DYNAMODB_ENDPOINT: 'nowhere' } },
  ])('throws and logs one JSON line naming $variable for $env', ({ variable, env }) => {
    const chunks = captureStdout();

    expect(() => composeApi(env)).toThrow(variable);
    const lines = linesOf(chunks);
    expect(lines).toHaveLength(1);
    const line: unknown = JSON.parse(lines[0] ?? '');
    expect(line).toMatchObject({ level: 'error', message: expect.stringContaining('environment') });
    expect(JSON.stringify(line)).toContain(variable);
  });
});

describe('composeApi on DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable();
  });
  afterAll(async () => {
    await table?.drop();
  });

  const compose = (env: Record<string, string> = {}) => {
    const handler = composeApi({
      TABLE_NAME: table.tableName,
      DYNAMODB_ENDPOINT: endpoint(),
      AUTH_MODE: 'none',
      LOG_LEVEL: 'warn',
      ...env,
    });
    return async (event: ApiGatewayEvent): Promise<Reply> =>
      toReply(await handler(event, lambdaContext()));
  };
  const body = JSON.stringify({ title: 'Composed' });

  it('creates a task in the table from a payload 2.0 POST, and reads it back with a GET', async () => {
    const invoke = compose();

    const created = await invoke(
      httpEvent({ method: 'POST', rawPath: '/tasks', body, headers: JSON_HEADERS }),
    );
    const read = await invoke(httpEvent({ rawPath: `/tasks/${createdId(created)}` }));

    expect(created.status).toBe(201);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ taskId: createdId(created), title: 'Composed' });
    // In the table, under the fixed owner that AUTH_MODE=none implies: not in memory.
    expect(await table.repository().get('local', createdId(created))).toEqual(read.body);
  });

  it('serves a REST API (payload 1.0) event the same way', async () => {
    const invoke = compose();

    const created = await invoke(
      restEvent({ httpMethod: 'POST', path: '/tasks', body, headers: JSON_HEADERS }),
    );
    const read = await invoke(restEvent({ path: `/tasks/${createdId(created)}` }));

    expect(created.status).toBe(201);
    expect(read.status).toBe(200);
    expect(read.header('ETag')).toBe('"1"');
  });

  it('answers 401 with AUTH_MODE=jwt when the event carries no verified claims', async () => {
    const invoke = compose({ AUTH_MODE: 'jwt' });
    const { authorizer: _none, ...requestContext } = httpEvent().requestContext;

    const withoutAuthorizer = await invoke({ ...httpEvent(), requestContext });
    const withoutSubject = await invoke(httpEvent({ sub: null }));
    const withSubject = await invoke(httpEvent({ sub: 'user-bob' }));

    expect(withoutAuthorizer.status).toBe(401);
    expect(withoutAuthorizer.header('WWW-Authenticate')).toBe('Bearer');
    expect(withoutSubject.status).toBe(401);
    expect(withSubject.status).toBe(200);
  });

  // Issue 12: CORS is API Gateway's (the template's CorsConfiguration), as the local
  // runtime imitates it; a function never adds its headers, whatever its environment says.
  it('adds no CORS header, even with CORS_ALLOWED_ORIGINS set', async () => {
    const event = httpEvent({ headers: { origin: 'https://app.example.com' } });

    const reply = await compose({ CORS_ALLOWED_ORIGINS: '*' })(event);

    expect(reply.status).toBe(200);
    expect(Object.keys(reply.raw.headers).filter((name) => /^access-control/i.test(name))).toEqual(
      [],
    );
  });
});

describe('composeRoute in a host that provides the repository', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, HOST_TASK_REPOSITORY);
  });

  it('uses the repository the host put on globalThis, not DynamoDB', async () => {
    const repository = new InMemoryTaskRepository();
    Reflect.set(globalThis, HOST_TASK_REPOSITORY, repository);
    // Nothing listens there: a DynamoDB call would fail.
    const handler = composeApi({
      TABLE_NAME: 'tasks',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      AUTH_MODE: 'none',
      LOG_LEVEL: 'warn',
    });
    const post = httpEvent({
      method: 'POST',
      rawPath: '/tasks',
      body: '{"title":"Here"}',
      headers: JSON_HEADERS,
    });

    const created = toReply(await handler(post, lambdaContext()));

    expect(created.status).toBe(201);
    expect(await repository.get('local', createdId(created))).toMatchObject({ title: 'Here' });
  });

  it('fails the cold start when what the host put there is no repository', () => {
    Reflect.set(globalThis, HOST_TASK_REPOSITORY, { get: () => undefined });

    expect(() => composeApi({ TABLE_NAME: 'tasks', LOG_LEVEL: 'error' })).toThrow(
      'not a TaskRepository',
    );
  });
});

describe('composeStatsRoute, the composition root of GET /tasks/stats', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, HOST_STATS_STORE);
    vi.restoreAllMocks();
  });
  const composeStats = (env: Record<string, string>) =>
    composeStatsRoute(
      (stats) => getStatsController(makeGetStats({ stats, clock: systemClock })),
      env,
    );

  it('fails the cold start with one line naming STATS_TABLE_NAME when it is missing', () => {
    const chunks = captureStdout();

    expect(() => composeStats({ TABLE_NAME: 'tasks' })).toThrow('STATS_TABLE_NAME');
    const lines = linesOf(chunks);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('STATS_TABLE_NAME');
  });

  it('fails the cold start with one line naming STATS_TABLE_NAME when DynamoDB would refuse it', () => {
    const chunks = captureStdout();

    expect(() => composeStats({ TABLE_NAME: 'tasks', STATS_TABLE_NAME: 'x'.repeat(256) })).toThrow(
      'STATS_TABLE_NAME: must be a DynamoDB table name',
    );
    const lines = linesOf(chunks);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('STATS_TABLE_NAME');
  });

  it('reads the statistics store the host put on globalThis, not DynamoDB', async () => {
    const stats = new InMemoryStatsStore();
    const read = vi.spyOn(stats, 'read');
    Reflect.set(globalThis, HOST_STATS_STORE, stats);
    // Nothing listens there, and no STATS_TABLE_NAME: a DynamoDB store could not answer.
    const handler = composeStats({
      TABLE_NAME: 'tasks',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      AUTH_MODE: 'none',
      LOG_LEVEL: 'warn',
    });

    const reply = toReply(
      await handler(httpEvent({ method: 'GET', rawPath: '/tasks/stats' }), lambdaContext()),
    );

    expect(reply.status).toBe(200);
    expect(read).toHaveBeenCalledOnce();
  });

  it('fails the cold start when what the host put there is no statistics store', () => {
    Reflect.set(globalThis, HOST_STATS_STORE, { read: () => undefined });

    expect(() => composeStats({ TABLE_NAME: 'tasks', LOG_LEVEL: 'error' })).toThrow(
      'not a StatsStore',
    );
  });
});
