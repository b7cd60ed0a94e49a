// DynamoDB Local checks no credentials: whoever reaches its port reads every owner's
// tasks (issue 11). The banner says who can, for each store.
import { describe, expect, it } from 'vitest';
import { bannerLines, type LocalRuntime } from '../../src/index.js';

const runtime = (
  storage: LocalRuntime['storage'],
  functionIds: readonly string[] = [],
): LocalRuntime => ({
  url: 'http://127.0.0.1:3000',
  host: '127.0.0.1',
  port: 3000,
  storage,
  fixedOwner: 'local',
  auth: { mode: 'none', fixedOwner: 'local' },
  page: { state: 'off' },
  answeredBy: () => 'api',
  routes: [
    {
      routeKey: 'GET /tasks',
      method: 'GET',
      path: '/tasks',
      functionId: 'ListTasksFunction',
      authorized: true,
    },
  ],
  streams: {
    functionIds,
    failureQueueFile: '/data/stats-failure-queue.jsonl',
    caughtUp: async () => undefined,
  },
  storeLost: new Promise(() => undefined),
  stop: async () => undefined,
});

const dynamoDbLocal = (listensOn: 'loopback' | 'every-interface'): LocalRuntime['storage'] => ({
  kind: 'dynamodb-local',
  description: 'DynamoDB Local at http://127.0.0.1:41117 (jar, data in /data), table tasks-local',
  notes: [],
  endpoint: 'http://127.0.0.1:41117',
  listensOn,
});

describe('bannerLines', () => {
  it('names the functions on the stream and the failure queue file, when there are any', () => {
    const memory: LocalRuntime['storage'] = { kind: 'memory', description: 'in memory', notes: [] };
    expect(bannerLines(runtime(memory, ['StatsProcessorFunction']))).toContain(
      "Stream: StatsProcessorFunction on the tasks table's stream, as its event source mapping feeds it; failed batches to /data/stats-failure-queue.jsonl",
    );
    expect(bannerLines(runtime(memory)).some((line) => line.startsWith('Stream:'))).toBe(false);
  });

  it('says that DynamoDB Local listens on loopback only when it does', () => {
    expect(bannerLines(runtime(dynamoDbLocal('loopback'))).slice(1, 3)).toEqual([
      'Store: DynamoDB Local at http://127.0.0.1:41117 (jar, data in /data), table tasks-local',
      '  DynamoDB Local listens on loopback only (127.0.0.1:41117)',
    ]);
  });

  it('warns, with its port, when DynamoDB Local listens on every interface', () => {
    expect(bannerLines(runtime(dynamoDbLocal('every-interface'))).slice(2, 4)).toEqual([
      '  Warning: DynamoDB Local listens on every network interface (port 41117), not only loopback:',
      "  anyone who can reach port 41117 of this machine can read and change every owner's tasks. Block it with a firewall on shared networks.",
    ]);
  });

  it.each([
    {
      kind: 'memory',
      description: 'in memory (TASKS_STORE=memory): data is lost on exit',
      notes: [],
    },
    {
      kind: 'dynamodb-endpoint',
      description: 'DynamoDB at http://db:8000 (DYNAMODB_ENDPOINT), table tasks-local',
      notes: [],
      endpoint: 'http://db:8000',
    },
  ] as const)(
    'says nothing of interfaces for $kind, a store the runtime does not run',
    (storage) => {
      expect(bannerLines(runtime(storage))[2]).toBe(
        'Authentication: off (AUTH_MODE=none): every request acts as the fixed owner "local"',
      );
    },
  );
});

describe('bannerLines with the local issuer', () => {
  const memory: LocalRuntime['storage'] = { kind: 'memory', description: 'in memory', notes: [] };
  const withLocalIssuer = (signIn: 'served' | 'off'): LocalRuntime => ({
    ...runtime(memory),
    host: '0.0.0.0',
    auth: {
      mode: 'jwt',
      issuer: 'tasks-local',
      audience: ['tasks-api'],
      jwksUrl: 'http://0.0.0.0:3000/.well-known/jwks.json',
      tokenCommand: 'npm run token -- --sub alice',
      signIn,
    },
  });

  it('says in one line, without a page, that there is no sign-in beyond loopback', () => {
    expect(bannerLines(withLocalIssuer('off')).filter((line) => line.includes('sign-in'))).toEqual([
      '  No sign-in (POST /local-issuer/sign-in): the runtime listens on 0.0.0.0, beyond loopback, where anyone could sign in as any user; use npm run token',
    ]);
    expect(bannerLines(withLocalIssuer('served')).some((line) => line.includes('sign-in'))).toBe(
      false,
    );
  });
});
