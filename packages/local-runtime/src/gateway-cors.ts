import type { GatewayResponse } from './lambda-result.js';
import type { CorsConfiguration } from './template-cors.js';

type HeaderPair = readonly [name: string, value: string];

/** The request headers CORS reads, by lower-case name. */
export interface CorsRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/**
 * A CORS preflight (Fetch standard, "CORS-preflight request"): OPTIONS with `Origin` and
 * `Access-Control-Request-Method`. API Gateway's CORS answers it only when no route of the
 * API takes OPTIONS for its path.
 */
export const isPreflight = (request: CorsRequest): boolean =>
  request.method === 'OPTIONS' &&
  request.headers['origin'] !== undefined &&
  request.headers['access-control-request-method'] !== undefined;

/** `Access-Control-Allow-Origin` for the request's origin, or `undefined` when it is not allowed. */
const allowedOrigin = (cors: CorsConfiguration, origin: string | undefined): string | undefined => {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return '*';
  // Origins compare as their ASCII serialisation, which browsers send lower-case.
  const sent = origin.trim().toLowerCase();
  return cors.allowOrigins.some((allowed) => allowed.toLowerCase() === sent) ? origin : undefined;
};

/** The CORS headers API Gateway adds for `request`: none unless its origin is allowed. */
const corsHeaders = (cors: CorsConfiguration, request: CorsRequest): HeaderPair[] => {
  const origin = allowedOrigin(cors, request.headers['origin']);
  const vary: HeaderPair[] = cors.allowOrigins.includes('*') ? [] : [['Vary', 'Origin']];
  if (origin === undefined) return vary;
  const list = (name: string, values: readonly string[]): HeaderPair[] =>
    values.length === 0 ? [] : [[name, values.join(',')]];
  if (!isPreflight(request)) {
    return [
      ['Access-Control-Allow-Origin', origin],
      ...list('Access-Control-Expose-Headers', cors.exposeHeaders),
      ...vary,
    ];
  }
  return [
    ['Access-Control-Allow-Origin', origin],
    ...list('Access-Control-Allow-Methods', cors.allowMethods),
    ...list('Access-Control-Allow-Headers', cors.allowHeaders),
    ...(cors.maxAge === undefined
      ? []
      : [['Access-Control-Max-Age', String(cors.maxAge)] as const]),
    ...vary,
  ];
};

/** What API Gateway answers a preflight that no route takes: 204 and the CORS headers. */
export const automaticPreflight = (
  cors: CorsConfiguration,
  request: CorsRequest,
): GatewayResponse => ({
  statusCode: 204,
  headers: corsHeaders(cors, request),
  body: Buffer.alloc(0),
});

/**
 * A function's response as API Gateway hands it on under a CORS configuration: the
 * function's own `Access-Control-*` headers dropped, the configured ones added ("If you
 * configure CORS for an API, API Gateway ignores CORS headers returned from your backend
 * integration", API Gateway developer guide, "Configuring CORS for an HTTP API").
 */
export const withCors = (
  cors: CorsConfiguration,
  request: CorsRequest,
  response: GatewayResponse,
): GatewayResponse => ({
  ...response,
  headers: [
    ...response.headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
    ...corsHeaders(cors, request),
  ],
});
