import type { TaskUseCases } from '@tasks/domain';

/** The name of one of the use cases that `makeTaskUseCases` returns. */
export type TaskUseCaseName = keyof TaskUseCases;

/** One route of the HTTP API: what API Gateway must route to the handler, as data. */
export interface TaskRoute {
  /** Upper-case HTTP method, as in an API Gateway route key. */
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path template in API Gateway's syntax: `{name}` matches one non-empty segment. */
  readonly path: string;
  readonly useCase: TaskUseCaseName;
}

/**
 * Every route the handler serves (SPEC §4). Exported as data so that a test can compare
 * it with the routes of `infra/template.yaml`: the two must never drift apart.
 */
export const TASK_ROUTES = [
  { method: 'POST', path: '/tasks', useCase: 'createTask' },
  { method: 'GET', path: '/tasks', useCase: 'listTasks' },
  // Before /tasks/{taskId}: API Gateway prefers a literal segment to a parameter.
  { method: 'GET', path: '/tasks/stats', useCase: 'getStats' },
  { method: 'GET', path: '/tasks/{taskId}', useCase: 'getTask' },
  { method: 'PATCH', path: '/tasks/{taskId}', useCase: 'updateTask' },
  { method: 'DELETE', path: '/tasks/{taskId}', useCase: 'deleteTask' },
] as const satisfies readonly TaskRoute[];

/** The API Gateway route key of a route: `GET /tasks/{taskId}`. */
export const routeKeyOf = (route: TaskRoute): string => `${route.method} ${route.path}`;

/** What the path and method of a request select. */
export type RouteMatch =
  | {
      readonly kind: 'route';
      readonly route: TaskRoute;
      readonly params: Readonly<Record<string, string>>;
    }
  /** The path is known; `allow` lists its methods (OPTIONS included), for 405 and OPTIONS. */
  | { readonly kind: 'path'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

const PARAMETER = /^\{(\w+)\}$/;

/** Percent-decodes a path segment; a malformed escape is kept as sent (it names no task). */
const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The parameters of `path` if it fits `template`, segment by segment. */
const matchTemplate = (template: string, path: string): Record<string, string> | undefined => {
  const expected = template.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const segment = actual[index] ?? '';
    const name = PARAMETER.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
    } else {
      if (segment === '') return undefined;
      params[name] = decodeSegment(segment);
    }
  }
  return params;
};

/** Literal segments of a path template: the more, the more specific. */
const literalsOf = (template: string): number =>
  template.split('/').filter((part) => !PARAMETER.test(part)).length;

/**
 * Selects the route of `method` and `path` in `routes`. Methods are case-sensitive
 * (RFC 9110 §9.1); a path that fits a template under another method only is `path`. As in
 * API Gateway, the most specific template wins, whatever the method: `/tasks/stats` over
 * `/tasks/{taskId}`, so that PATCH /tasks/stats is a 405, not an update of task "stats".
 */
export const matchRoute = (
  method: string,
  path: string,
  routes: readonly TaskRoute[] = TASK_ROUTES,
): RouteMatch => {
  const fitting = routes.flatMap((route) => {
    const params = matchTemplate(route.path, path);
    return params === undefined ? [] : [{ route, params }];
  });
  const specific = Math.max(0, ...fitting.map(({ route }) => literalsOf(route.path)));
  const allow: string[] = [];
  for (const { route, params } of fitting) {
    if (literalsOf(route.path) !== specific) continue;
    if (route.method === method) return { kind: 'route', route, params };
    if (!allow.includes(route.method)) allow.push(route.method);
  }
  return allow.length === 0 ? { kind: 'none' } : { kind: 'path', allow: [...allow, 'OPTIONS'] };
};
