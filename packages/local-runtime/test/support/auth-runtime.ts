import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  issueToken,
  loadOrCreateSigningKey,
  type SigningKey,
  type TokenRequest,
} from '@tasks/local-issuer';
import { afterAll, beforeAll } from 'vitest';
import { issuerKeyDir, type LocalRuntime, type LocalRuntimeOptions } from '../../src/index.js';
import { type Api, apiAt, type RequestOptions } from './api.js';
import { documentedExchange } from './openapi-exchanges.js';
import type { StoreUnderTest } from './stores.js';

/** A running runtime with `TASKS_AUTH=jwt` and the local issuer, seen from its tests. */
export interface AuthRuntime {
  /** A client that sends no token (add an `authorization` header to send one); answers checked against openapi.json. */
  readonly api: Api;
  /** A client that sends a fresh token of the local issuer for `sub` with every request. */
  as(sub: string): Api;
  /** A token of the local issuer, with the key the runtime verifies against. */
  token(request: TokenRequest): Promise<string>;
  /** The key the runtime verifies with (the one in `<dataDir>/local-issuer/`). */
  key(): SigningKey;
  /** The runtime's temporary data directory, removed after the tests. */
  dataDir(): string;
  url(): string;
  /** Resolves once every change made so far has reached the stream processor. */
  caughtUp(): Promise<void>;
}

/** `api`, sending `authorization` (resolved at each request) unless a request sets its own. */
export const withAuthorization = (api: Api, authorization: () => Promise<string>): Api => {
  const request = async (method: string, path: string, options: RequestOptions = {}) =>
    api.request(method, path, {
      ...options,
      headers: { authorization: await authorization(), ...options.headers },
    });
  return {
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, options) => request('POST', path, options),
    patch: (path, options) => request('PATCH', path, options),
    delete: (path, options) => request('DELETE', path, options),
  };
};

/**
 * Starts a runtime on `store` with authentication on (the local issuer, its key in a
 * temporary data directory) before the tests of the enclosing `describe`, and stops it
 * and removes the directory after them.
 */
export const useAuthRuntime = (
  store: StoreUnderTest,
  options: LocalRuntimeOptions = {},
): AuthRuntime => {
  let runtime: LocalRuntime | undefined;
  let directory: string | undefined;
  let signingKey: SigningKey | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'tasks-local-auth-'));
    runtime = await store.start({ auth: { mode: 'jwt' }, dataDir: directory, ...options });
    signingKey = await loadOrCreateSigningKey(issuerKeyDir(directory));
  });
  afterAll(async () => {
    await runtime?.stop();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the runtime did not start');
    return value;
  };
  const key = () => started(signingKey);
  const token = (request: TokenRequest) => issueToken(key(), request);
  const api = apiAt(
    () => started(runtime).url,
    documentedExchange((path) => started(runtime).answeredBy(path)),
  );
  return {
    api,
    as: (sub) => withAuthorization(api, async () => `Bearer ${await token({ sub })}`),
    token,
    key,
    dataDir: () => started(directory),
    url: () => started(runtime).url,
    caughtUp: () => started(runtime).streams.caughtUp(),
  };
};
