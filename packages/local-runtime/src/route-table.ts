import type { TemplateRoute } from '@tasks/sam-template';
import { InvalidTemplateError } from './errors.js';

/** One route of the HTTP API, as the template declares it. */
export interface GatewayRoute {
  /** As API Gateway names it: `GET /tasks/{taskId}`, `ANY /tasks`, or `$default`. */
  readonly routeKey: string;
  /** `GET`, `POST`, … or `ANY`. */
  readonly method: string;
  /** `/tasks/{taskId}`, or `$default`. */
  readonly path: string;
  readonly functionId: string;
  /**
   * Whether the API's default authorizer guards the route: every route, unless its event
   * says `Auth: { Authorizer: NONE }` (the OPTIONS routes that answer preflights).
   */
  readonly authorized: boolean;
}

/** The route a request selected and the path parameters it captured. */
export interface RouteSelection {
  readonly route: GatewayRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
}

/** Every route, and the `$default` route when the API has one. */
export interface RouteTable {
  readonly routes: readonly GatewayRoute[];
  readonly defaultRoute: GatewayRoute | undefined;
}

const DEFAULT_ROUTE = '$default';
const PARAMETER = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;

/** The routes of the template's functions; a route key declared twice is refused, as API Gateway does. */
export const buildRouteTable = (templateRoutes: readonly TemplateRoute[]): RouteTable => {
  const seen = new Set<string>();
  const routes: GatewayRoute[] = [];
  let defaultRoute: GatewayRoute | undefined;
  for (const { functionId, method, path, authorizer } of templateRoutes) {
    const routeKey = path === DEFAULT_ROUTE ? DEFAULT_ROUTE : `${method} ${path}`;
    if (seen.has(routeKey)) {
      throw new InvalidTemplateError(`The route ${routeKey} is declared more than once`);
    }
    seen.add(routeKey);
    const route = { routeKey, method, path, functionId, authorized: authorizer !== 'NONE' };
    if (path === DEFAULT_ROUTE) defaultRoute = route;
    else routes.push(route);
  }
  return { routes, defaultRoute };
};

/** One segment of a route path: a literal, or a parameter (`{proxy+}` is greedy). */
type PathPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'parameter'; readonly name: string; readonly greedy: boolean };

/** A route, its path split into its parts, and its specificity: read once, not per request. */
interface CompiledRoute {
  readonly route: GatewayRoute;
  readonly parts: readonly PathPart[];
  readonly rank: readonly number[];
}

const partOf = (segment: string): PathPart => {
  const [, name, greedy] = PARAMETER.exec(segment) ?? [];
  return name === undefined
    ? { kind: 'literal', text: segment }
    : { kind: 'parameter', name, greedy: greedy === '+' };
};

/**
 * How specific a matching route is, compared element by element, higher first: a full
 * match before a greedy `{proxy+}` one, more literal segments before fewer, an explicit
 * method before `ANY` (the priorities of "Routing API requests" in the API Gateway guide).
 */
const specificity = (route: GatewayRoute, parts: readonly PathPart[]): readonly number[] => {
  const greedy = parts.some((part) => part.kind === 'parameter' && part.greedy);
  const literals = parts.filter((part) => part.kind === 'literal').length;
  return [greedy ? 0 : 1, literals, route.method === 'ANY' ? 0 : 1];
};

const compiledTables = new WeakMap<RouteTable, readonly CompiledRoute[]>();

/** The table's routes compiled, at the first request that selects from it. */
const compiledOf = (table: RouteTable): readonly CompiledRoute[] => {
  const known = compiledTables.get(table);
  if (known !== undefined) return known;
  const compiled = table.routes.map((route) => {
    const parts = route.path.split('/').map(partOf);
    return { route, parts, rank: specificity(route, parts) };
  });
  compiledTables.set(table, compiled);
  return compiled;
};

/** The parameters of the path `actual` (split at `/`) when it fits `parts`, segment by segment. */
const matchPath = (
  parts: readonly PathPart[],
  actual: readonly string[],
): Record<string, string> | undefined => {
  const parameters: Record<string, string> = {};
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const segment = actual[index];
    if (part === undefined) return undefined;
    if (segment === undefined) return undefined;
    if (part.kind === 'literal') {
      if (part.text !== segment) return undefined;
    } else if (part.greedy) {
      // `{proxy+}` takes the rest of the path: one segment or more.
      const rest = actual.slice(index).join('/');
      if (rest === '') return undefined;
      parameters[part.name] = rest;
      return parameters;
    } else {
      if (segment === '') return undefined;
      parameters[part.name] = segment;
    }
  }
  return parts.length === actual.length ? parameters : undefined;
};

const moreSpecific = (left: readonly number[], right: readonly number[]): boolean => {
  for (const [index, value] of left.entries()) {
    const other = right[index] ?? 0;
    if (value !== other) return value > other;
  }
  return false;
};

/**
 * The route API Gateway would select for `method` and `path` (already percent-decoded as
 * in `rawPath`): the most specific route whose method is `method` or `ANY` and whose path
 * fits, else `$default`, else `undefined` (API Gateway then answers 404 itself). OPTIONS is
 * a method like any other here: an OPTIONS route takes it, else an ANY route, else
 * `$default`; only when none does can CorsConfiguration answer a preflight by itself.
 */
export const selectRoute = (
  table: RouteTable,
  method: string,
  path: string,
): RouteSelection | undefined => {
  let best: { selection: RouteSelection; rank: readonly number[] } | undefined;
  const segments = path.split('/');
  for (const { route, parts, rank } of compiledOf(table)) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const pathParameters = matchPath(parts, segments);
    if (pathParameters === undefined) continue;
    if (best === undefined || moreSpecific(rank, best.rank)) {
      best = { selection: { route, pathParameters }, rank };
    }
  }
  if (best !== undefined) return best.selection;
  return table.defaultRoute === undefined
    ? undefined
    : { route: table.defaultRoute, pathParameters: {} };
};
