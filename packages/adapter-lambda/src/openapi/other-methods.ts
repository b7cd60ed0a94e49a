import { BEHIND_THE_AUTHORIZER, ON_EVERY_ROUTE } from './gateway.js';
import { failureResponses, headersOf } from './responses.js';
import type { OperationRoute } from './routes.js';
import type { OpenApiObject } from './schemas.js';

/**
 * The methods of a path item (OpenAPI 3.1 §4.8.9) that the fallback function answers 405
 * on a path with routes: every one without a route of its own, but OPTIONS and TRACE
 * (API Gateway's handling of TRACE is undocumented; nothing here claims it).
 */
const OTHER_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'] as const;

/** `/tasks` → `Tasks`, `/tasks/{taskId}` → `Task`, `/tasks/stats` → `Stats`: unique per path. */
const nounOf = (path: string): string => {
  const last = path.split('/').at(-1) ?? '';
  if (last.startsWith('{')) return 'Task';
  return `${last.charAt(0).toUpperCase()}${last.slice(1)}`;
};

/** The methods of `path`, as `Allow` lists them: its routes' and OPTIONS. */
const allowOf = (routes: readonly OperationRoute[], path: string): string[] => [
  ...routes.filter((route) => route.path === path).map((route) => route.method),
  'OPTIONS',
];

/**
 * `OPTIONS` on a path with routes (`OPTIONS` routes without the authorizer, so that a
 * browser's token-less preflight is answered): 204 with `Allow`. For a preflight, API
 * Gateway puts the stage's CORS headers on it.
 */
const optionsOperation = (routes: readonly OperationRoute[], path: string): OpenApiObject => ({
  operationId: `options${nounOf(path)}`,
  summary: `The methods of ${path}; a browser's CORS preflight`,
  description: `No token needed. With Origin and Access-Control-Request-Method, API Gateway adds the CORS headers of the stage's CorsConfiguration. Allow: ${allowOf(routes, path).join(', ')}.`,
  tags: ['tasks'],
  security: [],
  responses: {
    '204': { description: 'The methods of the path.', ...headersOf(['Allow']) },
    ...failureResponses({
      problems: ['internal_error'],
      gateway: ON_EVERY_ROUTE,
      mergePatch: false,
    }),
  },
});

/** A method without a route on a path with routes: 405 with `Allow`, behind the authorizer. */
const notAllowedOperation = (
  routes: readonly OperationRoute[],
  path: string,
  method: string,
): OpenApiObject => {
  const responses = failureResponses({
    problems: ['method_not_allowed', 'internal_error'],
    gateway: BEHIND_THE_AUTHORIZER,
    mergePatch: false,
  });
  // A response to HEAD has no content (RFC 9110 §9.3.2).
  const bodiless =
    method === 'head'
      ? Object.fromEntries(
          Object.entries(responses).map(([status, { content: _content, ...response }]) => [
            status,
            response,
          ]),
        )
      : responses;
  return {
    operationId: `${method}${nounOf(path)}`,
    summary: `Not supported: 405 with Allow: ${allowOf(routes, path).join(', ')}`,
    tags: ['tasks'],
    responses: bodiless,
  };
};

/** The OPTIONS and 405 operations of `path`, besides its routes' own. */
export const otherOperationsOf = (
  routes: readonly OperationRoute[],
  path: string,
): Record<string, OpenApiObject> => {
  const routed = new Set(
    routes.filter((route) => route.path === path).map((route) => route.method.toLowerCase()),
  );
  return {
    options: optionsOperation(routes, path),
    ...Object.fromEntries(
      OTHER_METHODS.filter((method) => !routed.has(method)).map((method) => [
        method,
        notAllowedOperation(routes, path, method),
      ]),
    ),
  };
};

/**
 * `x-unknown-paths`: what any path not in `paths` gets (the `$default` route, behind the
 * authorizer): a 404 problem. OpenAPI has no object for "every other path"; this extension
 * holds the responses in the shape of an operation's.
 */
export const unknownPaths = (): OpenApiObject => ({
  description:
    'Every path that is not in paths (the $default route, behind the JWT authorizer), with any method.',
  responses: failureResponses({
    problems: ['not_found', 'internal_error'],
    gateway: BEHIND_THE_AUTHORIZER,
    mergePatch: false,
  }),
});
