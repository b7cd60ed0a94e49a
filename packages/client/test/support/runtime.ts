import { randomUUID } from 'node:crypto';
import { issueToken } from '@tasks/local-issuer';
import type { LocalRuntimeOptions } from '@tasks/local-runtime';
import { afterAll, beforeAll, inject } from 'vitest';
import { createTasksClient, type TasksClient, type TasksClientOptions } from '../../src/index.js';
import { type AuthRuntime, startAuthRuntime } from './start-auth-runtime.js';

// Never undefined under vitest.config.ts; elsewhere the runtime would start a DynamoDB
// Local of its own that a hook timeout could leave running.
const providedEndpoint = (): string => {
  const endpoint: string | undefined = inject('dynamodbEndpoint');
  if (endpoint === undefined) throw new Error('no DynamoDB Local: run with vitest.config.ts');
  return endpoint;
};

/** A store of SPEC §7 and how to start a local runtime on it, with authentication on. */
export interface StoreUnderTest {
  readonly name: string;
  readonly options: () => LocalRuntimeOptions;
}

/**
 * Both stores: in memory (a store of the runtime's own), and the DynamoDB Local the
 * global setup started, a table of the runtime's own created from the template.
 */
export const STORES: readonly StoreUnderTest[] = [
  { name: 'in memory', options: () => ({ store: 'memory' }) },
  {
    name: 'on DynamoDB Local',
    options: () => ({
      store: 'dynamodb',
      dynamoDbEndpoint: providedEndpoint(),
      tableName: `tasks-client-${randomUUID()}`,
    }),
  },
];

/** The clients of a runtime started for the tests of the enclosing `describe`. */
export interface ClientsOfRuntime {
  /**
   * A client of the runtime acting as `sub`: a fresh token of the local issuer for each
   * request (the provider form of `token`); `options` override the rest.
   */
  as(sub: string, options?: Partial<TasksClientOptions>): TasksClient;
  url(): string;
}

/** Starts a runtime on `store` before the enclosing `describe`'s tests, stops it after. */
export const useAuthRuntime = (store: StoreUnderTest): ClientsOfRuntime => {
  let started: AuthRuntime | undefined;
  beforeAll(async () => {
    started = await startAuthRuntime(store.options());
  });
  afterAll(async () => {
    await started?.stop();
  });
  const running = (): AuthRuntime => {
    if (started === undefined) throw new Error('the runtime did not start');
    return started;
  };
  return {
    as: (sub, options = {}) =>
      createTasksClient({
        baseUrl: running().runtime.url,
        token: () => issueToken(running().key, { sub }),
        ...options,
      }),
    url: () => running().runtime.url,
  };
};
