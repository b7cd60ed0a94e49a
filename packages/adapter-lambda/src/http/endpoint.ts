import { isTaskError } from '@tasks/domain';
import type { Context } from 'aws-lambda';
import { domainProblemResponse } from './domain-errors.js';
import { type ApiGatewayEvent, requestIdOf, toHttpRequest } from './from-api-gateway.js';
import { HttpProblemError, httpProblemResponse } from './http-problems.js';
import type { HttpRequest } from './http-request.js';
import { type ApiGatewayResult, type HttpResponse, toApiGatewayResult } from './http-response.js';
import { errorFields, type Logger } from './logger.js';

/**
 * A deployed function's handler: takes an HTTP API (payload 2.0) or REST API (payload 1.0)
 * event and resolves a result valid for both. It never rejects: every failure is a response.
 */
export type HttpHandler = (
  event: ApiGatewayEvent,
  context: Pick<Context, 'awsRequestId'>,
) => Promise<ApiGatewayResult>;

/** What one function does with a request API Gateway routed to it. */
export type Answer = (request: HttpRequest, event: ApiGatewayEvent) => Promise<HttpResponse>;

interface Outcome {
  readonly response: HttpResponse;
  /** The problem code, for the access log. */
  readonly code?: string;
}

const INTERNAL_DETAIL =
  'The server failed to handle this request. Quote the requestId when reporting it.';

/** The two ids every line of a request carries: API Gateway's and Lambda's. */
interface RequestIds {
  readonly requestId: string | undefined;
  readonly awsRequestId: string;
}

const idsOf = (event: ApiGatewayEvent, context: Pick<Context, 'awsRequestId'>): RequestIds => ({
  requestId: requestIdOf(event),
  awsRequestId: context.awsRequestId,
});

/**
 * Turns a thrown value into a response: HTTP-level and domain errors become their problem;
 * anything else is a defect, logged in full and answered with a 500 that reveals nothing.
 */
const failure = (error: unknown, log: Logger, ids: RequestIds): Outcome => {
  if (error instanceof HttpProblemError) {
    const response = httpProblemResponse(error.code, error.detail, error.headers);
    return { response, code: error.code };
  }
  if (isTaskError(error)) return { response: domainProblemResponse(error), code: error.code };
  log.error('unhandled error', { ...ids, error: errorFields(error) });
  const response = httpProblemResponse('internal_error', INTERNAL_DETAIL, {}, ids.requestId);
  return { response, code: 'internal_error' };
};

/**
 * The route API Gateway selected, for the access log: `routeKey` in payload 2.0
 * (`GET /tasks/{taskId}`, `$default`), the method and resource in payload 1.0.
 */
const routeOf = (event: ApiGatewayEvent): string | undefined => {
  if ('httpMethod' in event) {
    return typeof event.resource === 'string' ? `${event.httpMethod} ${event.resource}` : undefined;
  }
  return typeof event.routeKey === 'string' ? event.routeKey : undefined;
};

/**
 * The frame every function shares: the event read once, `answer` run on it, the one
 * mapping of errors to problems, and one access-log line per request. Whether that line
 * is written is fixed per container (`LOG_LEVEL`); when it is not, neither its fields nor
 * the clock are read (profiled, issue 12: they were a tenth of a get in process).
 */
export const makeEndpoint = (log: Logger, answer: Answer): HttpHandler => {
  const accessLog = log.isEnabled('info');
  return async (event, context) => {
    const started = accessLog ? performance.now() : 0;
    let request: HttpRequest | undefined;
    let outcome: Outcome;
    try {
      request = toHttpRequest(event);
      outcome = { response: await answer(request, event) };
    } catch (error) {
      outcome = failure(error, log, idsOf(event, context));
    }
    const { response } = outcome;
    if (accessLog) {
      log.info('request', {
        ...idsOf(event, context),
        method: request?.method,
        path: request?.rawPath,
        route: routeOf(event),
        status: response.status,
        code: outcome.code,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      });
    }
    return toApiGatewayResult(response);
  };
};
