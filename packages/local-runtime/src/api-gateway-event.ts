import { isUtf8 } from 'node:buffer';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { pooledRandomText } from './random-bytes.js';
import type { RouteSelection } from './route-table.js';

/** A request as it reached the local server, before API Gateway's shaping. */
export interface IncomingHttpRequest {
  readonly method: string;
  /** The path as API Gateway puts it in `rawPath` (see `decodeRawPath`). */
  readonly rawPath: string;
  /** The query string as sent, without `?`. */
  readonly rawQueryString: string;
  /** `1.1`, `2.0`. */
  readonly httpVersion: string;
  /** Node's flat `[name, value, name, value, …]`: names as sent, repeats kept. */
  readonly rawHeaders: readonly string[];
  readonly sourceIp: string;
  readonly localPort: number;
  readonly body: Buffer;
}

/** What API Gateway adds to a request: ids, time, its own names. */
export interface EventMetadata {
  readonly selection: RouteSelection;
  readonly requestId: string;
  readonly now: Date;
  readonly accountId: string;
  readonly apiId: string;
}

// RFC 9110 §7.6.1: connection-specific fields end at a proxy; API Gateway is one.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The media types an HTTP API hands to Lambda as text; every other body, a body without
 * `Content-Type` included, arrives base64-encoded with `isBase64Encoded: true`. AWS does
 * not document the list; it was observed on real HTTP APIs (ministackorg/ministack#766).
 */
const isTextMediaType = (contentType: string | undefined): boolean => {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    essence.startsWith('text/') ||
    ['application/json', 'application/xml', 'application/javascript'].includes(essence)
  );
};

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const two = (value: number): string => String(value).padStart(2, '0');

const formatTime = (now: Date): string =>
  `${two(now.getUTCDate())}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}:` +
  `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} +0000`;

/** The last second formatted: requests come many a second, and the text changes once. */
let lastTime = { second: Number.NaN, text: '' };

/** `requestContext.time`: `01/Jan/2026:00:00:00 +0000` (the common log format). */
export const requestTime = (now: Date): string => {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastTime.second) lastTime = { second, text: formatTime(now) };
  return lastTime.text;
};

/** The last `Host` and its domain: a client sends the same one on every request. */
let lastHost = { host: '', domain: '' };

/** `requestContext.domainName`: the `Host` header without its port. */
const domainOf = (host: string | undefined): string => {
  if (host === undefined) return 'localhost';
  if (host !== lastHost.host) lastHost = { host, domain: host.replace(/:\d+$/, '') };
  return lastHost.domain;
};

/** A request id shaped like an HTTP API's (`KmHc1jV4liAEJvQ=`): 11 random bytes in base64. */
export const newRequestId = (): string => pooledRandomText(11, 'base64');

const traceId = (now: Date): string =>
  `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${pooledRandomText(12, 'hex')}`;

/** Payload 2.0 joins repeated query parameters with commas; names and values are decoded. */
const queryParameters = (rawQueryString: string): Record<string, string> => {
  const joined: Record<string, string> = {};
  if (rawQueryString === '') return joined;
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const previous = joined[name];
    joined[name] = previous === undefined ? value : `${previous},${value}`;
  }
  return joined;
};

/**
 * The HTTP API event (payload format 2.0) API Gateway sends a Lambda integration for this
 * request: header names lower-cased and repeats joined with `,`, the `Cookie` header
 * moved to `cookies`, API Gateway's `x-forwarded-*` and trace headers added, optional
 * fields left out when empty (as AWS leaves them out, rather than `null`).
 */
export const toApiGatewayEvent = (
  request: IncomingHttpRequest,
  metadata: EventMetadata,
): APIGatewayProxyEventV2 => {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = (request.rawHeaders[index] ?? '').toLowerCase();
    const value = request.rawHeaders[index + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(...value.split(';').flatMap((cookie) => cookie.trim() || []));
    } else if (!HOP_BY_HOP.has(name)) {
      const previous = headers[name];
      headers[name] = previous === undefined ? value : `${previous},${value}`;
    }
  }
  const forwardedFor = headers['x-forwarded-for'];
  headers['x-forwarded-for'] =
    forwardedFor === undefined ? request.sourceIp : `${forwardedFor}, ${request.sourceIp}`;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(metadata.now);

  const { route, pathParameters } = metadata.selection;
  const query = queryParameters(request.rawQueryString);
  const hasBody = request.body.byteLength > 0;
  // An event is JSON: a body whose bytes are not UTF-8 has no string that carries them
  // (decoding would put U+FFFD in their place), so it goes in base64, whatever its type.
  const asText = isTextMediaType(headers['content-type']) && isUtf8(request.body);
  const domainName = domainOf(headers['host']);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length === 0 ? {} : { cookies }),
    headers,
    ...(Object.keys(query).length === 0 ? {} : { queryStringParameters: query }),
    ...(Object.keys(pathParameters).length === 0 ? {} : { pathParameters: { ...pathParameters } }),
    requestContext: {
      accountId: metadata.accountId,
      apiId: metadata.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: metadata.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: requestTime(metadata.now),
      timeEpoch: metadata.now.getTime(),
    },
    ...(hasBody
      ? { body: request.body.toString(asText ? 'utf8' : 'base64'), isBase64Encoded: !asText }
      : { isBase64Encoded: false }),
  };
};
