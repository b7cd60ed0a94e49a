import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../src/index.js';
import { type Api, apiAt } from './api.js';
import { documentedExchange } from './openapi-exchanges.js';

/** A store the contract runs against, and how to start a local runtime on it. */
export interface StoreUnderTest {
  readonly name: string;
  start(options?: LocalRuntimeOptions): Promise<LocalRuntime>;
}

// A free port, and only failures in the functions' logs: the suite stays readable.
const QUIET: LocalRuntimeOptions = { host: '127.0.0.1', port: 0, logLevel: 'warn' };

/**
 * Both stores of SPEC §7. Each runtime gets a store of its own: in memory, its bundles'
 * module instances share one store no other runtime sees (see `loadFunctions`); on
 * DynamoDB Local (the one the global setup started, as `DYNAMODB_ENDPOINT`), a table of
 * its own, created from the template.
 */
export const STORES: readonly StoreUnderTest[] = [
  {
    name: 'in memory',
    start: (options = {}) => startLocalRuntime({ ...QUIET, store: 'memory', ...options }),
  },
  {
    name: 'on DynamoDB Local',
    start: (options = {}) =>
      startLocalRuntime({
        ...QUIET,
        store: 'dynamodb',
        dynamoDbEndpoint: inject('dynamodbEndpoint'),
        tableName: `tasks-test-${randomUUID()}`,
        ...options,
      }),
  },
];

/**
 * Starts a runtime on `store` before the tests of the enclosing `describe` and stops it
 * after them; returns a client of its API, whose every answer is checked against
 * openapi.json (`documentedExchange`).
 */
export const useRuntime = (store: StoreUnderTest, options?: LocalRuntimeOptions): Api => {
  let runtime: LocalRuntime | undefined;
  beforeAll(async () => {
    runtime = await store.start(options);
  });
  afterAll(async () => {
    await runtime?.stop();
  });
  const started = (): LocalRuntime => {
    if (runtime === undefined) throw new Error('the runtime did not start');
    return runtime;
  };
  return apiAt(
    () => started().url,
    documentedExchange((path) => started().answeredBy(path)),
  );
};
