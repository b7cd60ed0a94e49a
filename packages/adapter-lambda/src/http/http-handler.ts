import { echoed, isTaskError, type TaskUseCases } from '@tasks/domain';
import type { Context } from 'aws-lambda';
import { type CorsOptions, type CorsPolicy, makeCorsPolicy } from './cors.js';
import { domainProblemResponse } from './domain-errors.js';
import { type ApiGatewayEvent, requestIdOf, toHttpRequest } from './from-api-gateway.js';
import { HttpProblemError, httpProblemResponse } from './http-problems.js';
import type { HttpRequest } from './http-request.js';
import {
  type ApiGatewayResult,
  emptyResponse,
  type HttpResponse,
  toApiGatewayResult,
  withHeaders,
} from './http-response.js';
import { errorFields, type Logger, makeJsonLogger } from './logger.js';
import { checkOwnerSource, type OwnerSource, ownerOf } from './owner.js';
import { matchRoute, type RouteMatch, routeKeyOf, TASK_ROUTES } from './routes.js';
import { TASK_CONTROLLERS } from './task-controllers.js';

/** What {@link makeHttpHandler} needs; composition roots build it once per cold start. */
export interface HttpHandlerOptions {
  readonly useCases: TaskUseCases;
  /** Where each request's owner comes from: the verified JWT, or one fixed local owner. */
  readonly owner: OwnerSource;
  /** Off when absent: no CORS header is ever added. */
  readonly cors?: CorsOptions;
  /** Defaults to JSON lines on standard output at `info`. */
  readonly logger?: Logger;
}

/**
 * The Lambda handler: takes an HTTP API (payload 2.0) or REST API (payload 1.0) event and
 * resolves a result valid for both. It never rejects: every failure is a response.
 */
export type HttpHandler = (
  event: ApiGatewayEvent,
  context: Pick<Context, 'awsRequestId'>,
) => Promise<ApiGatewayResult>;

interface Outcome {
  readonly response: HttpResponse;
  /** The problem code, for the access log. */
  readonly code?: string;
}

const INTERNAL_DETAIL =
  'The server failed to handle this request. Quote the requestId when reporting it.';

/**
 * Turns a thrown value into a response: HTTP-level and domain errors become their problem;
 * anything else is a defect, logged in full and answered with a 500 that reveals nothing.
 */
const failure = (error: unknown, log: Logger, requestId: string | undefined): Outcome => {
  if (error instanceof HttpProblemError) {
    const response = httpProblemResponse(error.code, error.detail, error.headers);
    return { response, code: error.code };
  }
  if (isTaskError(error)) return { response: domainProblemResponse(error), code: error.code };
  log.error('unhandled error', { error: errorFields(error) });
  const response = httpProblemResponse('internal_error', INTERNAL_DETAIL, {}, requestId);
  return { response, code: 'internal_error' };
};

/**
 * Builds the handler of every route in {@link TASK_ROUTES}. Routing is on the raw path
 * (without the stage prefix an HTTP API adds for a named stage): an unknown path is 404,
 * a known path with another method 405 with `Allow`, and OPTIONS on a known path 204 with
 * `Allow` (and the CORS preflight headers when its origin is allowed).
 */
export const makeHttpHandler = (options: HttpHandlerOptions): HttpHandler => {
  checkOwnerSource(options.owner);
  const logger = options.logger ?? makeJsonLogger();
  const methods = [...new Set(TASK_ROUTES.map((route) => route.method))];
  const cors: CorsPolicy | undefined =
    options.cors === undefined ? undefined : makeCorsPolicy(options.cors, methods);

  const dispatch = async (request: HttpRequest, match: RouteMatch): Promise<HttpResponse> => {
    if (match.kind === 'none') {
      throw new HttpProblemError('not_found', `There is no resource at ${echoed(request.path)}.`);
    }
    if (match.kind === 'path') {
      const allow = match.allow.join(', ');
      if (request.method === 'OPTIONS') {
        const preflight = cors?.preflightHeaders(request) ?? {};
        return emptyResponse(204, { Allow: allow, ...preflight });
      }
      throw new HttpProblemError(
        'method_not_allowed',
        `${echoed(request.method)} is not supported on ${echoed(request.path)}; use ${allow}.`,
        { Allow: allow },
      );
    }
    const owner = ownerOf(options.owner, request);
    const controller = TASK_CONTROLLERS[match.route.useCase];
    return controller({ request, params: match.params, owner, useCases: options.useCases });
  };

  return async (event, context) => {
    const started = performance.now();
    const requestId = requestIdOf(event);
    const log = logger.child({ requestId, awsRequestId: context.awsRequestId });
    let request: HttpRequest | undefined;
    let routeKey: string | undefined;
    let outcome: Outcome;
    try {
      request = toHttpRequest(event);
      const match = matchRoute(request.method, request.path);
      if (match.kind === 'route') routeKey = routeKeyOf(match.route);
      outcome = { response: await dispatch(request, match) };
    } catch (error) {
      outcome = failure(error, log, requestId);
    }
    const response =
      cors === undefined || request === undefined
        ? outcome.response
        : withHeaders(outcome.response, cors.responseHeaders(request));
    log.info('request', {
      method: request?.method,
      path: request?.rawPath,
      route: routeKey,
      status: response.status,
      code: outcome.code,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    });
    return toApiGatewayResult(response);
  };
};
