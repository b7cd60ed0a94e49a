import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type IncomingHttpRequest, newRequestId } from './api-gateway-event.js';
import { ListenFailedError, PortInUseError } from './errors.js';
import { type GatewayResponse, gatewayMessage, INTERNAL_SERVER_ERROR } from './lambda-result.js';
import { decodeRawPath, splitTarget } from './raw-path.js';

/** An HTTP API refuses request payloads over 10 MB before any function runs. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpServerOptions {
  readonly host: string;
  /** `0` for a free port. */
  readonly port: number;
  /** Answers one request (awaited: it may wait for start-up to finish). */
  readonly handle: (request: IncomingHttpRequest) => Promise<GatewayResponse>;
  readonly maxBodyBytes?: number;
  /** Receives one JSON line per response that could not be sent (a 500 in its place). */
  readonly log?: (line: string) => void;
}

/** A listening server. */
export interface HttpServer {
  readonly host: string;
  /** The IP address it is bound to (`host` resolved: `localhost` is `127.0.0.1` or `::1`). */
  readonly address: string;
  readonly port: number;
  /**
   * Stops accepting connections, lets requests in flight finish for up to `graceMs`,
   * then closes every connection. Resolves once the server is closed.
   */
  close(graceMs: number): Promise<void>;
}

/**
 * The body, or `undefined` once it passes `limit` (the rest is read and dropped). Read with
 * the stream's events, not `for await`: an async iterator per request cost a bodyless GET
 * about 3% of the local runtime's time (profiled, issue 12).
 */
const readBody = (request: IncomingMessage, limit: number): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Reading on past the limit lets the client finish sending and read the 413.
    request.on('data', (chunk: Buffer | string) => {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += bytes.byteLength;
      if (size <= limit) chunks.push(bytes);
    });
    request.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.once('error', reject);
  });

const sourceIpOf = (request: IncomingMessage): string =>
  (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');

/** An answer of API Gateway's own, before any route is selected. */
const ownAnswer = (statusCode: number, message: string): GatewayResponse => {
  const answer = gatewayMessage(statusCode, message);
  return { ...answer, headers: [...answer.headers, ['apigw-requestid', newRequestId()]] };
};

/** Statuses and methods whose responses carry no body, and so no `Content-Length`. */
const hasBody = (response: ServerResponse, statusCode: number): boolean =>
  statusCode >= 200 && statusCode !== 204 && statusCode !== 304 && response.req.method !== 'HEAD';

const isContentLength = (name: string): boolean =>
  name.length === 14 && name.toLowerCase() === 'content-length';

/**
 * Writes `result` as one head and one body, its headers in order and repeats kept. Node
 * checks every header before it writes any (a header HTTP cannot carry throws, and nothing
 * is sent), and the `Content-Length` is given here because a head written before the body
 * would otherwise be sent chunked, where API Gateway sends a length.
 */
const write = (response: ServerResponse, result: GatewayResponse, closing: boolean): void => {
  // Flat, as Node takes them: name, value, name, value.
  const headers: string[] = [];
  let length = false;
  for (const [name, value] of result.headers) {
    headers.push(name, value);
    length ||= isContentLength(name);
  }
  if (closing) headers.push('Connection', 'close');
  if (!length && hasBody(response, result.statusCode)) {
    headers.push('Content-Length', String(result.body.byteLength));
  }
  response.writeHead(result.statusCode, headers);
  response.end(result.body);
};

/** The line that says why `result` could not be sent; SPEC §4: a 500 is logged. */
const unsentLine = (result: GatewayResponse, error: unknown): string =>
  JSON.stringify({
    timestamp: new Date().toISOString(),
    level: 'ERROR',
    message: 'response could not be sent',
    requestId: result.headers.find(([name]) => name.toLowerCase() === 'apigw-requestid')?.[1],
    statusCode: result.statusCode,
    errorMessage: error instanceof Error ? error.message : String(error),
  });

/**
 * Writes `result`; one HTTP cannot carry (a function's header) is a 500, as API Gateway
 * answers, and is logged: Node's message names the header, never its value.
 */
const send = (
  response: ServerResponse,
  result: GatewayResponse,
  closing: boolean,
  log: (line: string) => void,
): void => {
  try {
    write(response, result, closing);
  } catch (error) {
    log(unsentLine(result, error));
    if (response.headersSent) response.destroy();
    else write(response, INTERNAL_SERVER_ERROR, closing);
  }
};

const listenError = (error: NodeJS.ErrnoException, host: string, port: number): Error =>
  error.code === 'EADDRINUSE'
    ? new PortInUseError(host, port, { cause: error })
    : new ListenFailedError(`Cannot listen on ${host}:${port}: ${error.message}`, { cause: error });

/** Listens on `host:port`; rejects with {@link PortInUseError} when the port is taken. */
export const listen = async (options: HttpServerOptions): Promise<HttpServer> => {
  const limit = options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  const log = options.log ?? (() => undefined);
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request, limit);
    const { path, query } = splitTarget(request.url ?? '/');
    const result = closing
      ? ownAnswer(503, 'Service Unavailable')
      : body === undefined
        ? ownAnswer(413, 'Request Entity Too Large')
        : await options.handle({
            method: request.method ?? 'GET',
            rawPath: decodeRawPath(path),
            rawQueryString: query,
            httpVersion: request.httpVersion,
            rawHeaders: request.rawHeaders,
            sourceIp: sourceIpOf(request),
            localPort: request.socket.localPort ?? options.port,
            body,
          });
    send(response, result, closing, log);
  };

  const server = createServer((request, response) => {
    // A request that failed before its answer (the client went away, the start failed).
    const done = serve(request, response).catch(() =>
      send(response, INTERNAL_SERVER_ERROR, closing, log),
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(listenError(error, options.host, options.port)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address : undefined;
  const port = bound?.port ?? options.port;

  let closed: Promise<void> | undefined;
  return {
    host: options.host,
    address: bound?.address ?? options.host,
    port,
    close: (graceMs) => {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.race([
          Promise.allSettled([...inFlight]),
          sleep(graceMs, undefined, { ref: false }),
        ]);
        server.closeAllConnections();
        await stopped;
      })();
      return closed;
    },
  };
};
