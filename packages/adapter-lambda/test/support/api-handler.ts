/**
 * The whole API in one test handler, as API Gateway would route it: each event goes to
 * the handler of the function infra/template.yaml routes it to, with the `routeKey` and
 * `pathParameters` API Gateway sets (specific routes first, then ANY on the path, then
 * `$default`). The functions are wired as their src/handlers/ files wire them, over the
 * use cases given, so that the HTTP tests drive each function exactly as deployed.
 */

import {
  makeCreateTask,
  makeDeleteTask,
  makeGetStats,
  makeGetTask,
  makeListTasks,
  makeUpdateTask,
  systemClock,
  type TaskUseCases,
  uuidV7Generator,
} from '@tasks/domain';
import { loadTemplate, type TemplateRoute, templateFunctions } from '@tasks/sam-template';
import {
  bundleNameOf,
  allowedMethods as templateAllowedMethods,
} from '../../scripts/template-routes.mjs';
import { composeFallback } from '../../src/composition/compose-fallback.js';
import { nodeSha256Hex } from '../../src/composition/sha256-hex.js';
import { composeStatsRoute } from '../../src/composition/stats-store.js';
import { composeRoute } from '../../src/composition/task-route.js';
import {
  type ApiGatewayEvent,
  type ApiGatewayResult,
  createTaskController,
  deleteTaskController,
  getStatsController,
  getTaskController,
  type HttpHandler,
  type Logger,
  listTasksController,
  makeFallbackHandler,
  makeJsonLogger,
  makeRouteHandler,
  type OwnerSource,
  updateTaskController,
} from '../../src/index.js';

export interface ApiHandlerOptions {
  readonly useCases: TaskUseCases;
  readonly owner: OwnerSource;
  /** Defaults to JSON lines on standard output. */
  readonly logger?: Logger;
}

const template = loadTemplate();
/** The HTTP API's functions; the stream processor's (packages/stream-processor) take no events of it. */
const functions = templateFunctions(template).filter((fn) =>
  fn.codeUri.startsWith('../packages/adapter-lambda/'),
);

/** Each bundle's handler, as its src/handlers/ file builds it. */
const handlersOf = ({ useCases, owner, logger = makeJsonLogger() }: ApiHandlerOptions) => {
  const route = (controller: Parameters<typeof makeRouteHandler>[0]['controller']) =>
    makeRouteHandler({ controller, owner, logger });
  const handlers: Record<string, HttpHandler> = {
    'create-task': route(createTaskController(useCases.createTask)),
    'list-tasks': route(listTasksController(useCases.listTasks)),
    'get-task': route(getTaskController(useCases.getTask)),
    'update-task': route(updateTaskController(useCases.updateTask)),
    'delete-task': route(deleteTaskController(useCases.deleteTask)),
    'get-stats': route(getStatsController(useCases.getStats)),
    fallback: makeFallbackHandler({ allowedMethods: templateAllowedMethods(template), logger }),
  };
  return handlers;
};

const SEGMENT_PARAMETER = /^\{(\w+)\}$/;

/** The path parameters of `path` (raw, as API Gateway passes them) if it fits `template`. */
const captured = (template: string, path: string): Record<string, string> | undefined => {
  const expected = template.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const segment = actual[index] ?? '';
    const name = SEGMENT_PARAMETER.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
    } else if (segment === '') return undefined;
    else params[name] = segment;
  }
  return params;
};

interface Selection {
  readonly route: TemplateRoute;
  readonly params: Record<string, string>;
}

const routes = functions.flatMap((fn) => fn.routes);

const literalsOf = (path: string): number =>
  path.split('/').filter((part) => !SEGMENT_PARAMETER.test(part)).length;

/**
 * API Gateway's choice ("Routing API requests"): of the routes whose method is `method` or
 * ANY and whose path fits, the one with more literal segments (`/tasks/stats` over
 * `/tasks/{taskId}`, whatever the method), then the explicit method over ANY; else
 * `$default`.
 */
const select = (method: string, path: string): Selection | undefined => {
  let best: (Selection & { readonly rank: readonly [number, number] }) | undefined;
  for (const route of routes) {
    if ((route.method !== method && route.method !== 'ANY') || route.path === '$default') continue;
    const params = captured(route.path, path);
    if (params === undefined) continue;
    const rank = [literalsOf(route.path), route.method === 'ANY' ? 0 : 1] as const;
    const better =
      best === undefined ||
      rank[0] > best.rank[0] ||
      (rank[0] === best.rank[0] && rank[1] > best.rank[1]);
    if (better) best = { route, params, rank };
  }
  if (best !== undefined) return { route: best.route, params: best.params };
  const fallback = routes.find((route) => route.path === '$default');
  return fallback === undefined ? undefined : { route: fallback, params: {} };
};

const stagePrefix = (path: string, stage: string): string =>
  stage !== '' && stage !== '$default' && (path === `/${stage}` || path.startsWith(`/${stage}/`))
    ? `/${stage}`
    : '';

/** The event as API Gateway would send it to the function of its route. */
const routed = (event: ApiGatewayEvent): { event: ApiGatewayEvent; bundle: string } => {
  const v1 = 'httpMethod' in event;
  // A malformed event (no `requestContext.http`) still reaches a function, which must answer.
  const http: unknown = v1 ? undefined : Reflect.get(event.requestContext, 'http');
  const httpMethod: unknown =
    typeof http === 'object' && http !== null ? Reflect.get(http, 'method') : '';
  const method = v1 ? event.httpMethod : typeof httpMethod === 'string' ? httpMethod : '';
  const rawPath = v1 ? event.path : event.rawPath;
  const stage = event.requestContext.stage;
  const isHttpApiV1 = v1 && 'version' in event && event.version === '1.0';
  const prefix = !v1 || isHttpApiV1 ? stagePrefix(rawPath, stage) : '';
  const selection = select(method, rawPath.slice(prefix.length) || '/');
  if (selection === undefined) throw new Error(`the template routes nothing to ${rawPath}`);
  const fn = functions.find((candidate) => candidate.functionId === selection.route.functionId);
  const bundle = bundleNameOf(fn?.codeUri ?? '');
  const { route, params } = selection;
  const pathParameters = Object.keys(params).length === 0 ? undefined : params;
  const routeKey = route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
  if (v1) {
    return {
      bundle,
      event: { ...event, resource: route.path, pathParameters: pathParameters ?? null },
    };
  }
  return { bundle, event: { ...event, routeKey, ...(pathParameters ? { pathParameters } : {}) } };
};

type Handler<C> = (event: ApiGatewayEvent, context: C) => Promise<ApiGatewayResult>;

/** One handler for every route of the template: each event goes to its function's. */
export const routeByTemplate = <C>(handlers: Readonly<Record<string, Handler<C>>>): Handler<C> => {
  for (const fn of functions) {
    if (handlers[bundleNameOf(fn.codeUri)] === undefined) {
      throw new Error(`no test wiring for ${fn.functionId}`);
    }
  }
  return (event, context) => {
    const target = routed(event);
    const handler = handlers[target.bundle];
    if (handler === undefined) throw new Error(`no handler for ${target.bundle}`);
    return handler(target.event, context);
  };
};

/** The whole API over `useCases`, each route's function wired as its handler file wires it. */
export const makeApiHandler = (options: ApiHandlerOptions): HttpHandler =>
  routeByTemplate(handlersOf(options));

/**
 * The whole API as the deployed functions compose it from `env` (each src/handlers/ file's
 * `composeRoute` or `composeFallback`), routed as API Gateway routes it.
 */
export const composeApi = (env: Readonly<Record<string, string | undefined>>) =>
  routeByTemplate({
    'create-task': composeRoute(
      (tasks, { metrics }) =>
        createTaskController(
          makeCreateTask({
            tasks,
            clock: systemClock,
            newTaskId: uuidV7Generator,
            sha256Hex: nodeSha256Hex,
          }),
          metrics,
        ),
      env,
    ),
    'list-tasks': composeRoute((tasks) => listTasksController(makeListTasks({ tasks })), env),
    'get-task': composeRoute((tasks) => getTaskController(makeGetTask({ tasks })), env),
    'update-task': composeRoute(
      (tasks, { metrics }) =>
        updateTaskController(makeUpdateTask({ tasks, clock: systemClock }), metrics),
      env,
    ),
    'delete-task': composeRoute((tasks) => deleteTaskController(makeDeleteTask({ tasks })), env),
    // The template sets STATS_TABLE_NAME on this function alone; `<TABLE_NAME>-stats` when
    // the test names none (as the local runtime names it).
    'get-stats': composeStatsRoute(
      (stats) => getStatsController(makeGetStats({ stats, clock: systemClock })),
      { STATS_TABLE_NAME: `${env['TABLE_NAME'] ?? 'tasks'}-stats`, ...env },
    ),
    fallback: composeFallback(templateAllowedMethods(template), env),
  });
