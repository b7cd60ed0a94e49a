import { connect } from 'node:net';
import type { TemplateRoute } from '@tasks/sam-template';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { LambdaHandler, LoadedFunction } from '../../src/bundles.js';
import { makeGateway } from '../../src/gateway.js';
import { listen } from '../../src/http-server.js';
import type { RouteAuthorizer } from '../../src/route-authorizer.js';
import { buildRouteTable } from '../../src/route-table.js';
import type { CorsConfiguration } from '../../src/template-cors.js';

/** The routes of the template's shape: specific routes, ANY on the same paths, `$default`. */
export const TEMPLATE_LIKE_ROUTES: TemplateRoute[] = [
  { functionId: 'List', method: 'GET', path: '/tasks' },
  { functionId: 'Get', method: 'GET', path: '/tasks/{taskId}' },
  { functionId: 'Special', method: 'GET', path: '/tasks/special' },
  { functionId: 'Fallback', method: 'ANY', path: '/tasks' },
  { functionId: 'Fallback', method: 'ANY', path: '/tasks/{taskId}' },
  { functionId: 'Fallback', method: 'ANY', path: '$default' },
];

/** One invocation a fake function received. */
export interface Invocation {
  readonly functionId: string;
  readonly event: APIGatewayProxyEventV2;
  readonly context: Context;
}

/**
 * The gateway and server of the local runtime in front of fake functions, on a free port:
 * what API Gateway does, observed from the function's side. Functions default to one
 * that records its invocation and answers 200 `ok`.
 */
export const startFakeGateway = async (
  options: {
    routes?: TemplateRoute[];
    handlers?: Readonly<Record<string, LambdaHandler>>;
    timeoutMs?: number;
    authorize?: RouteAuthorizer;
    cors?: CorsConfiguration;
  } = {},
) => {
  const routes = options.routes ?? TEMPLATE_LIKE_ROUTES;
  const invocations: Invocation[] = [];
  const logs: string[] = [];
  const functions = new Map<string, LoadedFunction>();
  for (const { functionId } of routes) {
    const recording: LambdaHandler = (event, context) => {
      invocations.push({ functionId, event, context });
      return { statusCode: 200, body: 'ok' };
    };
    functions.set(functionId, {
      functionId,
      functionName: `tasks-local-${functionId}`,
      memoryMb: 512,
      timeoutMs: options.timeoutMs ?? 12_000,
      region: 'us-east-1',
      accountId: '000000000000',
      handler: options.handlers?.[functionId] ?? recording,
    });
  }
  const gateway = makeGateway({
    routes: buildRouteTable(routes),
    functions,
    accountId: '000000000000',
    apiId: 'local',
    authorize: options.authorize,
    cors: options.cors,
    log: (line) => logs.push(line),
  });
  const server = await listen({ host: '127.0.0.1', port: 0, handle: gateway });
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    invocations,
    logs,
    /** The only invocation so far; fails the test when there is not exactly one. */
    only: (): Invocation => {
      const [first, ...others] = invocations;
      if (first === undefined || others.length > 0) {
        throw new Error(`expected one invocation, got ${invocations.length}`);
      }
      return first;
    },
    close: () => server.close(1_000),
  };
};

/**
 * Sends `head` (request line and header lines, without the final blank line) and `body`
 * byte for byte, with `Connection: close`, and resolves the raw response: for requests
 * `fetch` cannot send (repeated headers, several Cookie lines, exact escapes).
 */
export const rawRequest = (port: number, head: string[], body = ''): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    const lines = [...head, 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`];
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
