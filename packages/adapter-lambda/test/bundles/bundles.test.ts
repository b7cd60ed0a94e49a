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
import { type ApiGatewayEvent, TASK_ROUTES, type TaskUseCaseName } from '../../src/index.js';
import { httpEvent } from '../http/events.js';
import { type BuiltBundles, buildBundles } from './build-bundles.js';
import { invokeBundle } from './invoke-bundle.js';

/** SPEC §9: each deployed bundle, minified, DynamoDB client included. */
const MAX_BUNDLE_BYTES = 300 * 1024;

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

/** One event for the bundle's handler, and the status it must answer. */
interface Step {
  readonly event: ApiGatewayEvent;
  readonly status: number;
}

const json = { 'content-type': 'application/json' };
const created: Step = {
  event: httpEvent({
    method: 'POST',
    rawPath: '/tasks',
    body: '{"title":"Bundled"}',
    headers: json,
  }),
  status: 201,
};
const on = (method: string, rawPath: string, status: number, body?: string): Step => ({
  event: httpEvent({ method, rawPath, ...(body === undefined ? {} : { body, headers: json }) }),
  status,
});

/**
 * Per use case: a request on its route, after a create where it needs a task (every
 * bundle holds the whole router; API Gateway sends it one route). `{taskId}` is the
 * created task.
 */
const ROUTE_STEPS = {
  createTask: [created],
  listTasks: [created, on('GET', '/tasks', 200)],
  getTask: [created, on('GET', '/tasks/{taskId}', 200)],
  updateTask: [created, on('PATCH', '/tasks/{taskId}', 200, '{"status":"DONE"}')],
  deleteTask: [created, on('DELETE', '/tasks/{taskId}', 204)],
  getStats: [on('GET', '/tasks/stats', 200)],
} satisfies Record<TaskUseCaseName, Step[]>;

/** The steps of one template route: its use case's, or what the fallback's routes get. */
const stepsOf = (route: TemplateRoute): Step[] => {
  if (route.path === '$default') return [on('GET', '/unknown', 404)];
  if (route.method === 'ANY') return [on('PUT', route.path, 405)];
  if (route.method === 'OPTIONS') return [on('OPTIONS', route.path, 204)];
  const match = TASK_ROUTES.find(
    (task) => task.method === route.method && task.path === route.path,
  );
  if (match === undefined) throw new Error(`no handler route for ${route.method} ${route.path}`);
  return ROUTE_STEPS[match.useCase];
};

let bundles: BuiltBundles;
beforeAll(async () => {
  bundles = await buildBundles();
}, 120_000);
afterAll(async () => {
  await bundles?.remove();
});

describe.each(functions)('the bundle of $functionId', (fn) => {
  const { file: handlerFile, exportName } = lambdaHandlerOf(fn.functionId);
  const file = () => join(bundles.functionsDir, bundleNameOf(fn.codeUri), handlerFile);

  it.each(fn.routes)(
    'answers $method $path in a fresh process, on the in-memory store',
    async (route) => {
      const steps = stepsOf(route);

      const replies = await invokeBundle(
        file(),
        exportName,
        steps.map((step) => step.event),
        { TASKS_STORE: 'memory', AUTH_MODE: 'none', LOG_LEVEL: 'warn' },
      );

      expect(
        replies.map((reply) => reply.statusCode),
        JSON.stringify(replies),
      ).toEqual(steps.map((step) => step.status));
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

  it(`is at most ${MAX_BUNDLE_BYTES / 1024} KB`, async () => {
    const { size } = await stat(file());

    expect(size, bundles.report).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });
});
