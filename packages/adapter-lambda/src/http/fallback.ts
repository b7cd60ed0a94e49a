import { echoed } from '@tasks/domain';
import { type HttpHandler, makeEndpoint } from './endpoint.js';
import { HttpProblemError } from './http-problems.js';
import { emptyResponse } from './http-response.js';
import { type Logger, makeJsonLogger } from './logger.js';
import { fitsTemplate, literalSegmentsOf } from './path-template.js';

/**
 * Per route path of the API (`/tasks/{taskId}`), its methods as `Allow` lists them
 * (OPTIONS last). Read from infra/template.yaml when the bundle is built
 * (scripts/template-routes.mjs), never written down a second time.
 */
export type AllowedMethods = Readonly<Record<string, readonly string[]>>;

export interface FallbackHandlerOptions {
  readonly allowedMethods: AllowedMethods;
  /** Defaults to JSON lines on standard output at `info`. */
  readonly logger?: Logger;
}

/**
 * The handler of what no route's function serves (the template's ANY, OPTIONS and
 * `$default` routes): OPTIONS on a known path is 204 with `Allow` (a browser's preflight:
 * API Gateway adds the stage's CORS headers), another method there 405 with `Allow`, any
 * other path 404. Paths compare raw, without the stage prefix.
 */
export const makeFallbackHandler = (options: FallbackHandlerOptions): HttpHandler => {
  // As API Gateway selects routes: the path with more literal segments first, so that
  // /tasks/stats answers for itself and is never the task "stats" of /tasks/{taskId}.
  const paths = Object.entries(options.allowedMethods).sort(
    ([left], [right]) => literalSegmentsOf(right) - literalSegmentsOf(left),
  );
  return makeEndpoint(options.logger ?? makeJsonLogger(), async (request) => {
    const methods = paths.find(([template]) => fitsTemplate(template, request.path))?.[1];
    if (methods === undefined) {
      throw new HttpProblemError('not_found', `There is no resource at ${echoed(request.path)}.`);
    }
    const allow = methods.join(', ');
    if (request.method === 'OPTIONS') return emptyResponse(204, { Allow: allow });
    throw new HttpProblemError(
      'method_not_allowed',
      `${echoed(request.method)} is not supported on ${echoed(request.path)}; use ${allow}.`,
      { Allow: allow },
    );
  });
};
