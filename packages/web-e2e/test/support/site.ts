import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTasksClient, type TasksClient } from '@tasks/client';
import {
  DEFAULT_WEB_DIR,
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '@tasks/local-runtime';
import { parseWebConfig, WEB_CONFIG_PATH } from '@tasks/web-config';
import { afterEach, beforeEach, expect, inject } from 'vitest';
import { PageNotBuiltError, SignInFailedError } from './errors.js';

/** The stores of SPEC §7; every journey runs on both. */
export type StoreName = 'memory' | 'dynamodb';
export const STORES: readonly StoreName[] = ['memory', 'dynamodb'];

export interface SiteOptions {
  /** `none` (every request is the fixed owner) or `jwt` (sign-in through the local issuer). */
  readonly auth?: 'none' | 'jwt';
}

/** A local runtime serving the page and the API on one port, as `npm start` does. */
export interface Site {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** The owner of every task when authentication is off. */
  readonly fixedOwner: string;
  /** The API as `user` (signed in through the local issuer), or as the fixed owner. */
  api(user?: string): TasksClient;
  /** Resolves once every write made so far has reached the stream processor. */
  caughtUp(): Promise<void>;
}

/** What the local issuer gives `user`, as the page's sign-in form asks for it. */
export const signIn = async (url: string, user: string): Promise<string> => {
  const answer = await fetch(`${url}/local-issuer/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user }),
  });
  const body: unknown = await answer.json();
  if (answer.ok && typeof body === 'object' && body !== null && 'token' in body) {
    return String(body.token);
  }
  throw new SignInFailedError(user, answer.status);
};

const storeOptions = (store: StoreName): LocalRuntimeOptions =>
  store === 'memory'
    ? { store: 'memory' }
    : {
        store: 'dynamodb',
        // The run's one DynamoDB Local (the global setup's), a table of this site's own.
        dynamoDbEndpoint: inject('dynamodbEndpoint'),
        tableName: `tasks-e2e-${randomUUID()}`,
      };

/** How the page signs in, as the runtime's `/config.json` tells it (the page's own parser). */
const pageSignInKind = async (url: string): Promise<string> => {
  const answer = await fetch(`${url}${WEB_CONFIG_PATH}`);
  return parseWebConfig(await answer.json()).auth.kind;
};

const SIGN_IN_KIND = { none: 'none', jwt: 'local' } as const;

/**
 * Before each test of the enclosing `describe`, starts a local runtime on `store` with
 * the page's build as `npm start` serves it, a free port and an empty data directory of
 * its own (so each test starts with no tasks and no statistics), and checks that it
 * serves the page set up to sign in as `auth` says; after the test, stops the runtime,
 * removes the directory, and fails the test if the runtime reported a failed invocation.
 */
export const useSite = (store: StoreName, { auth = 'none' }: SiteOptions = {}): (() => Site) => {
  let runtime: LocalRuntime | undefined;
  let dataDir: string | undefined;
  const diagnostics: string[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tasks-web-e2e-'));
    runtime = await startLocalRuntime({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      dataDir,
      auth: { mode: auth },
      web: { dir: DEFAULT_WEB_DIR },
      log: (line) => diagnostics.push(line),
      ...storeOptions(store),
    });
    if (runtime.page.state !== 'served') throw new PageNotBuiltError(DEFAULT_WEB_DIR);
    expect(await pageSignInKind(runtime.url), 'the sign-in of the page served').toBe(
      SIGN_IN_KIND[auth],
    );
  });
  afterEach(async () => {
    await runtime?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    expect(diagnostics.splice(0), "the runtime's diagnostics").toEqual([]);
  });
  return () => {
    if (runtime === undefined) throw new Error('the runtime did not start');
    const { url, fixedOwner, streams } = runtime;
    return {
      url,
      fixedOwner,
      caughtUp: () => streams.caughtUp(),
      api: (user) =>
        createTasksClient({
          baseUrl: url,
          ...(user === undefined ? {} : { token: () => signIn(url, user) }),
        }),
    };
  };
};
