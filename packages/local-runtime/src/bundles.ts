import { pathToFileURL } from 'node:url';
import { HOST_STATS_STORE, HOST_TASK_REPOSITORY } from '@tasks/adapter-lambda';
import { SHARED_MEMORY_STATE, SHARED_MEMORY_STATS } from '@tasks/stream-processor';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { FunctionInitError, InvalidTemplateError } from './errors.js';
import type { FunctionConfig } from './function-config.js';
import type { FunctionIdentity } from './lambda-context.js';
import type { MemoryStores } from './memory-stores.js';

/** A Lambda handler as the Node.js runtime calls it: its result may be a promise. */
export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => unknown;

/** One function, imported once and ready to invoke. */
export interface LoadedFunction extends FunctionIdentity {
  readonly handler: LambdaHandler;
}

/** Where the functions run, as Lambda would tell them. */
export interface LoadOptions {
  /**
   * Added to each function's template environment: the local store, owner, log level. An
   * `undefined` value unsets the variable, so that nothing leaks in from this process.
   */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly region: string;
  readonly accountId: string;
  /**
   * The in-memory stores the functions use instead of DynamoDB, put where their
   * composition roots look while they are imported; none, and they use DynamoDB.
   */
  readonly memory?: MemoryStores;
}

let instances = 0;
let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every load started before it: loads must not interleave their env. */
const exclusively = <T>(task: () => Promise<T>): Promise<T> => {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
};

const assign = (name: string, value: string | undefined): void => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

/** Sets (or unsets) `variables` in `process.env`; returns what puts the previous values back. */
const setEnvironment = (variables: Readonly<Record<string, string | undefined>>): (() => void) => {
  const previous = Object.keys(variables).map((name) => [name, process.env[name]] as const);
  for (const [name, value] of Object.entries(variables)) assign(name, value);
  return () => {
    for (const [name, value] of previous) assign(name, value);
  };
};

const setGlobal = (key: symbol, value: unknown): void => {
  if (value === undefined) Reflect.deleteProperty(globalThis, key);
  else Reflect.set(globalThis, key, value);
};

/** Sets (or deletes) `entries` on `globalThis`; returns what puts the previous values back. */
const setGlobals = (entries: readonly (readonly [symbol, unknown])[]): (() => void) => {
  const previous = entries.map(([key]) => [key, Reflect.get(globalThis, key)] as const);
  for (const [key, value] of entries) setGlobal(key, value);
  return () => {
    for (const [key, value] of previous) setGlobal(key, value);
  };
};

/**
 * Imports each function's bundle once, as a Lambda cold start does. The bundles read their
 * environment when imported (the composition root runs at module scope), so each import
 * runs with that function's environment in `process.env`, restored right after.
 *
 * Every call gets module instances of its own: the bundle URL carries `?instance=N`, and
 * Node's ESM loader keys modules by URL. Two runtimes in one process (tests) therefore
 * never share a composed handler. The bundles of one call get `options.memory` (stores
 * that no other call sees) or none. Calls are serialised so that no two imports see each
 * other's environment or stores.
 */
export const loadFunctions = (
  configs: readonly FunctionConfig[],
  options: LoadOptions,
): Promise<LoadedFunction[]> =>
  exclusively(async () => {
    instances += 1;
    const instance = instances;
    const restoreHost = setGlobals([
      [HOST_TASK_REPOSITORY, options.memory?.repository],
      [HOST_STATS_STORE, options.memory?.stats],
      [SHARED_MEMORY_STATE, options.memory?.taskState],
      [SHARED_MEMORY_STATS, options.memory?.statsState],
    ]);
    try {
      const loaded: LoadedFunction[] = [];
      for (const config of configs) {
        const functionName = `tasks-local-${config.functionId}`;
        const { NODE_OPTIONS, ...environment } = config.environment;
        // What NODE_OPTIONS=--enable-source-maps does in Lambda, for a process already running.
        if (NODE_OPTIONS?.includes('--enable-source-maps')) process.setSourceMapsEnabled(true);
        const restore = setEnvironment({
          ...environment,
          AWS_REGION: options.region,
          AWS_LAMBDA_FUNCTION_NAME: functionName,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
          ...options.environment,
        });
        let module: unknown;
        try {
          const url = `${pathToFileURL(config.bundleFile).href}?instance=${instance}`;
          module = await import(/* @vite-ignore */ url);
        } catch (error) {
          throw new FunctionInitError(config.functionId, { cause: error });
        } finally {
          restore();
        }
        const handler: unknown = Reflect.get(Object(module), config.exportName);
        if (typeof handler !== 'function') {
          throw new InvalidTemplateError(
            `${config.bundleFile} exports no function named ${config.exportName}`,
          );
        }
        loaded.push({
          functionId: config.functionId,
          functionName,
          memoryMb: config.memoryMb,
          timeoutMs: config.timeoutMs,
          region: options.region,
          accountId: options.accountId,
          handler: (event, context) => Reflect.apply(handler, undefined, [event, context]),
        });
      }
      return loaded;
    } finally {
      restoreHost();
    }
  });
