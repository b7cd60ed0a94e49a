/**
 * The bundles are what deploys (SPEC §6): each must load on its own in a fresh Node
 * process, as Lambda loads it, answer its route with the status SPEC §4 gives, and stay
 * within the size budget of SPEC §9. Built from the current sources by the real
 * scripts/bundle.mjs (see build-bundles.ts), so a stale dist/ can neither hide nor cause
 * a failure.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTemplate, type TemplateRoute, templateFunctions } from '@tasks/sam-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationRoutes } from '../../scripts/template-routes.mjs';
import type { ApiGatewayEvent } from '../../src/index.js';
import { type TaskUseCaseName, useCaseOfBundle } from '../../src/openapi/routes.js';
import { endpoint, freshTable } from '../handlers/support/local-table.js';
import { httpEvent } from '../http/events.js';
import { type BuiltBundles, buildBundles } from './build-bundles.js';
import { invokeBundle } from './invoke-bundle.js';

/**
 * SPEC §9's budget of each bundle, minified, DynamoDB client included: reached by leaving
 * out the parts of the AWS SDK that no DynamoDB call of ours runs (scripts/esbuild-options.mjs).
 */
const MAX_BUNDLE_BYTES = 250 * 1024;

const template = loadTemplate();
/** This package's functions; the stream processor's are tested in packages/stream-processor. */
const functions = templateFunctions(template).filter((fn) =>
  fn.codeUri.startsWith('../packages/adapter-lambda/'),
);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The function's `Handler` (or Globals.Function's), `index.handler`: the file Lambda's
 * Node.js runtime loads from the CodeUri folder, and the export it calls.
 */
const lambdaHandlerOf = (functionId: string): { file: string; exportName: string } => {
  const globals = template.Globals?.['Function'];
  const handler =
    template.Resources[functionId]?.Properties?.['Handler'] ??
    (isRecord(globals) ? globals['Handler'] : undefined);
  const [module, exportName, ...rest] = typeof handler === 'string' ? handler.split('.') : [];
  if (module === undefined || exportName === undefined || rest.length > 0) {
    throw new Error(`${functionId} has no Handler of the form <module>.<export>`);
  }
  return { file: `${module}.mjs`, exportName };
};

const bundleNameOf = (codeUri: string): string =>
  codeUri.replace(/\/$/, '').split('/').at(-1) ?? '';

/**
 * A route's controller file, as the metafile names it (relative to where esbuild ran,
 * which for this test is a copy of scripts/ beside a link to src/): its name captured.
 */
const CONTROLLER = /(?:^|\/)src\/http\/controllers\/(?!task-representation)([a-z-]+)\.ts$/;

/** A DynamoDB store's module of adapter-dynamodb, as the metafile names it. */
const STORE = /adapter-dynamodb\/src\/((?:stats\/)?dynamodb-[a-z-]+)\.ts$/;

/**
 * The source files whose code is in a bundle (by path relative to the package), from
 * esbuild's metafile: its output's inputs with bytes in the output. A file esbuild read
 * and tree-shaking dropped whole has none.
 */
const bundledInputs = async (name: string): Promise<string[]> => {
  const meta: unknown = JSON.parse(
    await readFile(join(bundles.metafilesDir, `${name}.json`), 'utf8'),
  );
  const outputs = isRecord(meta) && isRecord(meta['outputs']) ? meta['outputs'] : {};
  // The code's output (the source map's has no inputs).
  const output = Object.values(outputs).find((out) => isRecord(out) && 'entryPoint' in out);
  const inputs = isRecord(output) && isRecord(output['inputs']) ? output['inputs'] : {};
  return Object.entries(inputs)
    .filter(([, input]) => isRecord(input) && Number(input['bytesInOutput']) > 0)
    .map(([path]) => path);
};

/** One event for the bundle's handler, and the status it must answer. */
interface Step {
  readonly event: ApiGatewayEvent;
  readonly status: number;
}

const json = { 'content-type': 'application/json' };
/** A task id no test created: its route's use case looks it up in DynamoDB, and 404s. */
const MISSING_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

/**
 * `method` on the route `routePath` (`{taskId}` standing for a missing task), as API
 * Gateway sends it to the function of `routeKey`: with its path parameters.
 */
const on = (
  method: string,
  routeKey: string,
  routePath: string,
  status: number,
  body?: string,
): Step => {
  const pathParameters = routePath.includes('{taskId}') ? { taskId: MISSING_ID } : undefined;
  return {
    event: httpEvent({
      method,
      rawPath: routePath.replace('{taskId}', MISSING_ID),
      routeKey,
      ...(pathParameters === undefined ? {} : { pathParameters }),
      ...(body === undefined ? {} : { body, headers: json }),
    }),
    status,
  };
};
const routeOn = (method: string, path: string, status: number, body?: string): Step =>
  on(method, `${method} ${path}`, path, status, body);

/**
 * Per use case: one request on its route, the only one API Gateway sends its function,
 * answered through DynamoDB Local (the task it names does not exist: 404 after the read).
 */
const ROUTE_STEPS = {
  createTask: [routeOn('POST', '/tasks', 201, '{"title":"Bundled"}')],
  listTasks: [routeOn('GET', '/tasks', 200)],
  getTask: [routeOn('GET', '/tasks/{taskId}', 404)],
  updateTask: [routeOn('PATCH', '/tasks/{taskId}', 404, '{"status":"DONE"}')],
  deleteTask: [routeOn('DELETE', '/tasks/{taskId}', 404)],
  // The owner has no statistics yet: the window's zeros, after the one Query.
  getStats: [routeOn('GET', '/tasks/stats', 200)],
} satisfies Record<TaskUseCaseName, Step[]>;

/** The steps of one template route: its use case's, or what the fallback's routes get. */
const stepsOf = (route: TemplateRoute): Step[] => {
  if (route.path === '$default') return [on('GET', '$default', '/unknown', 404)];
  if (route.method === 'ANY') return [on('PUT', `ANY ${route.path}`, route.path, 405)];
  if (route.method === 'OPTIONS') return [routeOn('OPTIONS', route.path, 204)];
  const match = operationRoutes().find(
    (task) => task.method === route.method && task.path === route.path,
  );
  if (match === undefined) throw new Error(`no handler route for ${route.method} ${route.path}`);
  return ROUTE_STEPS[useCaseOfBundle(match.bundle)];
};

let bundles: BuiltBundles;
let table: Awaited<ReturnType<typeof freshTable>>;
beforeAll(async () => {
  [bundles, table] = await Promise.all([buildBundles(), freshTable()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([bundles?.remove(), table?.drop()]);
});

describe.each(functions)('the bundle of $functionId', (fn) => {
  const { file: handlerFile, exportName } = lambdaHandlerOf(fn.functionId);
  const file = () => join(bundles.functionsDir, bundleNameOf(fn.codeUri), handlerFile);

  it.each(fn.routes)(
    'answers $method $path in a fresh process, on DynamoDB Local',
    async (route) => {
      const steps = stepsOf(route);

      const { replies, modules } = await invokeBundle(
        file(),
        exportName,
        steps.map((step) => step.event),
        {
          TABLE_NAME: table.tableName,
          STATS_TABLE_NAME: table.statsTableName,
          DYNAMODB_ENDPOINT: endpoint(),
          AUTH_MODE: 'none',
          LOG_LEVEL: 'warn',
        },
      );

      expect(
        replies.map((reply) => reply.statusCode),
        JSON.stringify(replies),
      ).toEqual(steps.map((step) => step.status));
      // Node's fetch (undici, about 12 ms to load) is never used; it loads only when a
      // built-in is imported as an ES module, whose namespace reads node:http's lazy
      // WebSocket (scripts/esbuild-options.mjs, builtinsWithoutNamespaces).
      expect(modules.filter((module) => module.includes('undici'))).toEqual([]);
    },
  );

  it('ships only what runs, its metafile kept apart', async () => {
    const name = bundleNameOf(fn.codeUri);

    const shipped = (await readdir(join(bundles.functionsDir, name))).sort();

    // The code, its source map (NODE_OPTIONS=--enable-source-maps), what `sam build` reads.
    expect(shipped).toEqual([handlerFile, `${handlerFile}.map`, 'package.json']);
    const meta: unknown = JSON.parse(
      await readFile(join(bundles.metafilesDir, `${name}.json`), 'utf8'),
    );
    expect(meta).toMatchObject({ inputs: expect.any(Object), outputs: expect.any(Object) });
  });

  // Issue 12: API Gateway chose the function; its bundle holds its route and nothing else.
  it('holds its own controller only, no in-memory store and no CORS code (its metafile)', async () => {
    const name = bundleNameOf(fn.codeUri);
    const inputs = await bundledInputs(name);
    const controllers = inputs.flatMap((input) => CONTROLLER.exec(input)?.[1] ?? []);

    expect(inputs.filter((input) => /adapter-inmemory|cors/i.test(input))).toEqual([]);
    expect(controllers).toEqual(name === 'fallback' ? [] : [name]);
    // Each function's one store: the statistics' for GET /tasks/stats, the tasks' for the rest.
    const stores = inputs
      .filter((input) => STORE.test(input))
      .map((input) => STORE.exec(input)?.[1]);
    if (name === 'get-stats') expect(stores).toEqual(['stats/dynamodb-stats-store']);
    else if (name !== 'fallback') expect(stores).toEqual(['dynamodb-task-repository']);
    // The task repository marshals its items itself: the document client (lib-dynamodb)
    // is the statistics store's alone.
    const documentClient = inputs.filter((input) => /@aws-sdk\/lib-dynamodb\//.test(input));
    if (name === 'get-stats') expect(documentClient).not.toEqual([]);
    else expect(documentClient).toEqual([]);
    if (name === 'fallback') {
      // No store at all: neither the DynamoDB adapter nor the SDK.
      expect(inputs.filter((input) => /adapter-dynamodb|@aws-sdk|@smithy/.test(input))).toEqual([]);
    }
  });

  // Issue 12: what a cold start parses and runs at import, and never uses.
  it('holds no zod, no SHA-256 in JavaScript and none of the validators it never calls, such as valibot’s emoji expression', async () => {
    const name = bundleNameOf(fn.codeUri);
    const inputs = await bundledInputs(name);

    expect(inputs.filter((input) => /node_modules\/zod\//.test(input))).toEqual([]);
    // The idempotency fingerprint is hashed by node:crypto, loaded by the SDK anyway.
    expect(inputs.filter((input) => /@noble\/hashes/.test(input))).toEqual([]);
    // Kept by esbuild only while it takes Node for unable to run `\p{…}` (esbuild-options.mjs).
    expect(await readFile(file(), 'utf8')).not.toMatch(/Emoji/);
  });

  // Issue 12: a built-in imported as an ES module builds its namespace, reading every
  // export, lazy getters included (node:http's load undici whole).
  it('imports nothing as an ES module: every Node built-in through process.getBuiltinModule (its metafile)', async () => {
    const name = bundleNameOf(fn.codeUri);
    const meta: unknown = JSON.parse(
      await readFile(join(bundles.metafilesDir, `${name}.json`), 'utf8'),
    );
    const outputs = isRecord(meta) && isRecord(meta['outputs']) ? meta['outputs'] : {};
    const code = Object.values(outputs).find((out) => isRecord(out) && 'entryPoint' in out);

    expect(isRecord(code) ? code['imports'] : undefined).toEqual([]);
    expect(await readFile(file(), 'utf8')).not.toMatch(/\bimport\s*\(|\bfrom\s*["']node:/);
  });

  it(`is at most ${MAX_BUNDLE_BYTES / 1024} KB`, async () => {
    const { size } = await stat(file());

    expect(size, bundles.report).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });
});
