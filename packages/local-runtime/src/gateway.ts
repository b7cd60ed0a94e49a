import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type IncomingHttpRequest, newRequestId, toApiGatewayEvent } from './api-gateway-event.js';
import type { LoadedFunction } from './bundles.js';
import { automaticPreflight, type CorsRequest, isPreflight, withCors } from './gateway-cors.js';
import { lambdaContext } from './lambda-context.js';
import {
  fromLambdaResult,
  type GatewayResponse,
  gatewayMessage,
  INTERNAL_SERVER_ERROR,
} from './lambda-result.js';
import type { Authorization, RouteAuthorizer } from './route-authorizer.js';
import { type RouteTable, selectRoute } from './route-table.js';
import type { CorsConfiguration } from './template-cors.js';

/** What the gateway routes to and how it names itself in events. */
export interface GatewayOptions {
  readonly routes: RouteTable;
  /** By the template's logical id; every function a route names must be here. */
  readonly functions: ReadonlyMap<string, LoadedFunction>;
  readonly accountId: string;
  readonly apiId: string;
  /** The API's default authorizer, on every route that does not opt out; none when authentication is off. */
  readonly authorize?: RouteAuthorizer | undefined;
  /** The API's `CorsConfiguration`; none, no CORS header is added and no preflight answered. */
  readonly cors?: CorsConfiguration | undefined;
  /** Receives one JSON line per failed invocation, as Lambda logs it. */
  readonly log: (line: string) => void;
}

/** Turns one HTTP request into one Lambda invocation and its result into the response. */
export type Gateway = (request: IncomingHttpRequest) => Promise<GatewayResponse>;

class InvocationTimeoutError extends Error {
  override readonly name = 'InvocationTimeoutError';
}

const errorFields = (error: unknown): Record<string, unknown> =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, stack: error.stack?.split('\n') }
    : { errorType: typeof error, errorMessage: String(error) };

/**
 * Runs the handler, rejecting when it outlives the function's timeout as Lambda stops it.
 * One promise and one timer per invocation (a race of two promises and a `finally` cost a
 * get about 3 µs in the local API under load, profiled, issue 12).
 */
const invoke = (fn: LoadedFunction, ...args: Parameters<LoadedFunction['handler']>) =>
  new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => {
      const seconds = (fn.timeoutMs / 1000).toFixed(2);
      reject(new InvocationTimeoutError(`Task timed out after ${seconds} seconds`));
    }, fn.timeoutMs);
    const settle =
      <T>(then: (value: T) => void) =>
      (value: T) => {
        clearTimeout(timer);
        then(value);
      };
    // A handler that throws synchronously fails the invocation like one that rejects.
    try {
      Promise.resolve(fn.handler(...args)).then(settle(resolve), settle(reject));
    } catch (error) {
      settle(reject)(error);
    }
  });

/**
 * API Gateway's part of a request, for an HTTP API with Lambda proxy integrations
 * (payload 2.0): selects the route, builds the event, invokes the route's function with a
 * Lambda context and shapes its result. A function that rejects, times out or returns a
 * malformed result is a 500 `{"message":"Internal Server Error"}`; a request no route
 * takes (and no `$default`) a 404 `{"message":"Not Found"}`, as API Gateway answers.
 * With `authorize`, a request to a route under the authorizer that it refuses gets its
 * answer (401) and invokes nothing, a CORS preflight included; an authorizer that fails
 * (an unreachable JWKS) is a 500, logged. With `cors`, a function's answer carries the
 * configured CORS headers instead of its own, and a preflight that no route takes (no
 * OPTIONS, ANY or `$default` route fits) is answered 204 by the gateway itself. Every
 * response carries API Gateway's `apigw-requestid` header.
 */
export const makeGateway = (options: GatewayOptions): Gateway => {
  const { routes, functions, log } = options;
  for (const route of [...routes.routes, routes.defaultRoute]) {
    if (route !== undefined && !functions.has(route.functionId)) {
      throw new Error(`No function ${route.functionId} for the route ${route.routeKey}`);
    }
  }
  /** The event the function gets, or the authorizer's answer instead (a failure is a 500). */
  const authorized = async (event: APIGatewayProxyEventV2): Promise<Authorization> => {
    if (options.authorize === undefined) return { ok: true, event };
    try {
      return await options.authorize(event);
    } catch (error) {
      const { requestId, timeEpoch } = event.requestContext;
      const at = new Date(timeEpoch).toISOString();
      const fields = { timestamp: at, level: 'ERROR', message: 'JWT authorizer failed', requestId };
      log(JSON.stringify({ ...fields, ...errorFields(error) }));
      return { ok: false, response: INTERNAL_SERVER_ERROR };
    }
  };
  const { cors } = options;
  const respond = async (request: IncomingHttpRequest, requestId: string) => {
    const selection = selectRoute(routes, request.method, request.rawPath);
    const fn = selection && functions.get(selection.route.functionId);
    const cross = corsRequestOf(request);
    if (selection === undefined || fn === undefined) {
      return cors !== undefined && isPreflight(cross)
        ? automaticPreflight(cors, cross)
        : gatewayMessage(404, 'Not Found');
    }
    const now = new Date();
    const { accountId, apiId } = options;
    const shaped = toApiGatewayEvent(request, { accountId, apiId, selection, requestId, now });
    const authorization = selection.route.authorized
      ? await authorized(shaped)
      : { ok: true as const, event: shaped };
    if (!authorization.ok) return authorization.response;
    const { event } = authorization;
    const context = lambdaContext(fn, now.getTime() + fn.timeoutMs);
    try {
      const response = fromLambdaResult(await invoke(fn, event, context));
      if (response !== undefined)
        return cors === undefined ? response : withCors(cors, cross, response);
      log(line('malformed Lambda proxy response', fn, context.awsRequestId, requestId, {}));
    } catch (error) {
      log(line('Invoke Error', fn, context.awsRequestId, requestId, errorFields(error)));
    }
    return INTERNAL_SERVER_ERROR;
  };
  return async (request) => {
    const requestId = newRequestId();
    const response = await respond(request, requestId);
    return { ...response, headers: [...response.headers, ['apigw-requestid', requestId]] };
  };
};

/** The names CORS reads, by their length: only a name of one of these lengths is lower-cased. */
const CORS_HEADERS = new Map(
  ['origin', 'access-control-request-method'].map((name) => [name.length, name]),
);

/**
 * The headers CORS reads (`Origin`, `Access-Control-Request-Method`): lower-case names,
 * the first value of each.
 */
const corsRequestOf = (request: IncomingHttpRequest): CorsRequest => {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const sent = request.rawHeaders[index];
    const value = request.rawHeaders[index + 1];
    if (sent === undefined || value === undefined) continue;
    const name = CORS_HEADERS.get(sent.length);
    if (name !== undefined && sent.toLowerCase() === name) headers[name] ??= value;
  }
  return { method: request.method, headers };
};

const line = (
  message: string,
  fn: LoadedFunction,
  awsRequestId: string,
  requestId: string,
  fields: Record<string, unknown>,
): string =>
  JSON.stringify({
    timestamp: new Date().toISOString(),
    level: 'ERROR',
    message,
    functionName: fn.functionName,
    awsRequestId,
    requestId,
    ...fields,
  });
