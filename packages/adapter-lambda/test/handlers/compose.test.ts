/**
 * The composition root as Lambda runs it: the environment read once, a DynamoDB client
 * and repository built once, and a handler for both payload formats. A wrong environment
 * must fail the cold start with one line that says what to fix, not every request.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeHttpHandler } from '../../src/composition/compose.js';
import type { ApiGatewayEvent } from '../../src/index.js';
import { httpEvent, lambdaContext, restEvent } from '../http/events.js';
import { createdId, JSON_HEADERS, type Reply, toReply } from '../http/harness.js';
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

describe('composeHttpHandler with a wrong environment', () => {
  it.each([
    { variable: 'TABLE_NAME', env: {} },
    { variable: 'TABLE_NAME', env: { TASKS_STORE: 'dynamodb' } },
    { variable: 'AUTH_MODE', env: { TABLE_NAME: 'tasks', AUTH_MODE: 'maybe' } },
    { variable: 'DYNAMODB_ENDPOINT', env: { TABLE_NAME: 'tasks', DYNAMODB_ENDPOINT: 'nowhere' } },
  ])('throws and logs one JSON line naming $variable for $env', ({ variable, env }) => {
    const chunks = captureStdout();

    expect(() => composeHttpHandler(env)).toThrow(variable);
    const lines = linesOf(chunks);
    expect(lines).toHaveLength(1);
    const line: unknown = JSON.parse(lines[0] ?? '');
    expect(line).toMatchObject({ level: 'error', message: expect.stringContaining('environment') });
    expect(JSON.stringify(line)).toContain(variable);
  });

  it('needs no table when TASKS_STORE is memory', () => {
    expect(() => composeHttpHandler({ TASKS_STORE: 'memory', LOG_LEVEL: 'warn' })).not.toThrow();
  });
});

describe('composeHttpHandler on DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable();
  });
  afterAll(async () => {
    await table?.drop();
  });

  const compose = (env: Record<string, string> = {}) => {
    const handler = composeHttpHandler({
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

  it('adds CORS headers for the origins in CORS_ALLOWED_ORIGINS only', async () => {
    const invoke = compose({ CORS_ALLOWED_ORIGINS: 'https://app.example.com, https://b.example' });
    const from = (origin: string) => invoke(httpEvent({ sub: null, headers: { origin } }));

    const allowed = await from('https://app.example.com');
    const other = await from('https://evil.example');

    expect(allowed.header('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(allowed.header('Access-Control-Expose-Headers')).toContain('ETag');
    expect(allowed.header('Vary')).toBe('Origin');
    expect(other.header('Access-Control-Allow-Origin')).toBeUndefined();
  });

  it('adds no CORS header without CORS_ALLOWED_ORIGINS, and * for any origin with *', async () => {
    const event = httpEvent({ headers: { origin: 'https://app.example.com' } });

    const off = await compose()(event);
    const any = await compose({ CORS_ALLOWED_ORIGINS: '*' })(event);

    expect(off.header('Access-Control-Allow-Origin')).toBeUndefined();
    expect(any.header('Access-Control-Allow-Origin')).toBe('*');
  });
});
