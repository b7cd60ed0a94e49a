import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A payload v2 event as API Gateway's HTTP API sends it, for in-process invocations. */
export const httpApiEvent = ({
  method,
  path,
  routeKey,
  pathParameters,
  rawQueryString = '',
  body,
}: {
  method: string;
  path: string;
  routeKey: string;
  pathParameters?: Record<string, string>;
  rawQueryString?: string;
  body?: string;
}): APIGatewayProxyEventV2 => {
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    headers: {
      host: 'bench.local',
      'user-agent': 'tasks-bench',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(rawQueryString === ''
      ? {}
      : { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) }),
    ...(pathParameters === undefined ? {} : { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'tasks-bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
};

/** What the handlers read of a Lambda context: the request id, and the time left (the template's 20 s). */
export const lambdaContext = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 20_000 };

/** `POST /tasks` with a JSON body (and extra headers, such as an idempotency key). */
export const createEvent = (body: string, headers: Record<string, string> = {}) => {
  const event = httpApiEvent({ method: 'POST', path: '/tasks', routeKey: 'POST /tasks', body });
  return { ...event, headers: { ...event.headers, ...headers } };
};

/** `GET /tasks` with a query string. */
export const listEvent = (rawQueryString: string) =>
  httpApiEvent({ method: 'GET', path: '/tasks', routeKey: 'GET /tasks', rawQueryString });

/** `GET`, `PATCH` or `DELETE` on `/tasks/{taskId}`. */
export const taskEvent = (method: 'GET' | 'PATCH' | 'DELETE', taskId: string, body?: string) =>
  httpApiEvent({
    method,
    path: `/tasks/${taskId}`,
    routeKey: `${method} /tasks/{taskId}`,
    pathParameters: { taskId },
    ...(body === undefined ? {} : { body }),
  });
