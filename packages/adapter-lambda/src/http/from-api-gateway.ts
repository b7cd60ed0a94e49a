import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from 'aws-lambda';
import {
  type HttpRequest,
  headersOfRecord,
  lazyHeaders,
  normaliseHeaders,
} from './http-request.js';

/**
 * What API Gateway may invoke the handler with: an HTTP API event in payload format 2.0
 * (with or without a JWT authorizer), or a REST API (or HTTP API payload 1.0) event.
 */
export type ApiGatewayEvent =
  | APIGatewayProxyEventV2
  | APIGatewayProxyEventV2WithJWTAuthorizer
  | APIGatewayProxyEvent;

type QueryPairs = HttpRequest['query'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The claims a JWT authorizer verified: `authorizer.jwt.claims` on an HTTP API (payload
 * 2.0), `authorizer.claims` on a REST API (Cognito) or an HTTP API in payload 1.0.
 */
const claimsOf = (requestContext: object): Record<string, unknown> | undefined => {
  const authorizer = 'authorizer' in requestContext ? requestContext.authorizer : undefined;
  if (!isRecord(authorizer)) return undefined;
  const jwt = authorizer['jwt'];
  const claims = isRecord(jwt) ? jwt['claims'] : authorizer['claims'];
  return isRecord(claims) ? claims : undefined;
};

/**
 * An HTTP API serves a named stage under `/<stage>` and keeps that segment in the path it
 * sends (`rawPath: "/dev/tasks"`); its `$default` stage, a custom domain and a REST API's
 * `path` add none. Only a prefix that is there is removed.
 */
const stagePrefixOf = (path: string, stage: string): string => {
  if (stage === '' || stage === '$default') return '';
  const prefix = `/${stage}`;
  return path === prefix || path.startsWith(`${prefix}/`) ? prefix : '';
};

const NO_PAIRS: QueryPairs = Object.freeze([]);

const definedPairs = (record: Record<string, string | undefined> | null | undefined): QueryPairs =>
  record === undefined || record === null
    ? NO_PAIRS
    : Object.entries(record).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, value] as const],
      );

const bodyOf = (text: string | null | undefined, isBase64Encoded: boolean): HttpRequest['body'] =>
  text === undefined || text === null || text === '' ? undefined : { text, isBase64Encoded };

/**
 * Payload 2.0 joins repeated query parameters with commas in `queryStringParameters`;
 * `rawQueryString` keeps them apart, so it is read whenever it is there.
 */
const fromV2 = (event: APIGatewayProxyEventV2): HttpRequest => {
  const { requestContext } = event;
  const rawPath = event.rawPath || requestContext.http.path || '/';
  const basePath = stagePrefixOf(rawPath, requestContext.stage);
  return {
    method: requestContext.http.method,
    path: rawPath.slice(basePath.length) || '/',
    basePath,
    rawPath,
    headers: lazyHeaders(() => headersOfRecord(event.headers)),
    query: event.rawQueryString
      ? [...new URLSearchParams(event.rawQueryString)]
      : definedPairs(event.queryStringParameters),
    body: bodyOf(event.body, event.isBase64Encoded),
    requestId: requestContext.requestId,
    claims: claimsOf(requestContext),
  };
};

/** Payload 1.0 keeps repeats in the multi-value maps, which are read first. */
const fromV1 = (event: APIGatewayProxyEvent): HttpRequest => {
  const { requestContext } = event;
  const rawPath = event.path || '/';
  // Only an HTTP API in payload 1.0 (which sets `version`) puts the stage in `path`.
  const isHttpApi = 'version' in event && event.version === '1.0';
  const basePath = isHttpApi ? stagePrefixOf(rawPath, requestContext.stage) : '';
  const readHeaders = () => {
    const multiValueHeaders = Object.entries(event.multiValueHeaders ?? {});
    const seen = new Set(multiValueHeaders.map(([name]) => name.toLowerCase()));
    const singleHeaders = Object.entries(event.headers ?? {}).filter(
      ([name]) => !seen.has(name.toLowerCase()),
    );
    return normaliseHeaders([...multiValueHeaders, ...singleHeaders]);
  };
  const multiValueQuery = event.multiValueQueryStringParameters;
  return {
    method: event.httpMethod,
    path: rawPath.slice(basePath.length) || '/',
    basePath,
    rawPath,
    headers: lazyHeaders(readHeaders),
    query: multiValueQuery
      ? Object.entries(multiValueQuery).flatMap(([name, values]) =>
          (values ?? []).map((value) => [name, value] as const),
        )
      : definedPairs(event.queryStringParameters),
    body: bodyOf(event.body, event.isBase64Encoded),
    requestId: requestContext.requestId,
    claims: claimsOf(requestContext),
  };
};

/** Reads either payload format into one {@link HttpRequest}. */
export const toHttpRequest = (event: ApiGatewayEvent): HttpRequest =>
  'httpMethod' in event ? fromV1(event) : fromV2(event);

/** The API Gateway request id, read defensively: it must reach the logs even of a malformed event. */
export const requestIdOf = (event: ApiGatewayEvent): string | undefined => {
  const requestContext: unknown = event.requestContext;
  const requestId = isRecord(requestContext) ? requestContext['requestId'] : undefined;
  return typeof requestId === 'string' ? requestId : undefined;
};
