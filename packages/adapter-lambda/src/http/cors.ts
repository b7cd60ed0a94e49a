import type { HttpRequest } from './http-request.js';

/** Cross-origin access for browsers (the Fetch standard's CORS protocol). */
export interface CorsOptions {
  /** Origins allowed to read responses (`https://app.example.com`), or `'*'` for any. */
  readonly allowOrigins: '*' | readonly string[];
  /** Defaults to the methods of the routes and OPTIONS. */
  readonly allowMethods?: readonly string[];
  /** Defaults to {@link DEFAULT_CORS_ALLOW_HEADERS}. */
  readonly allowHeaders?: readonly string[];
  /** Defaults to {@link DEFAULT_CORS_EXPOSE_HEADERS}. */
  readonly exposeHeaders?: readonly string[];
  /** How long a browser may cache a preflight answer; defaults to 600 seconds. */
  readonly maxAgeSeconds?: number;
}

/** The request headers clients of this API send beyond the CORS-safelisted ones. */
export const DEFAULT_CORS_ALLOW_HEADERS = [
  'Content-Type',
  'Authorization',
  'If-Match',
  'Idempotency-Key',
] as const;

/** The response headers a script must be able to read. */
export const DEFAULT_CORS_EXPOSE_HEADERS = [
  'ETag',
  'Location',
  'Idempotent-Replayed',
  'Retry-After',
] as const;

/** CORS headers for one request: none when the request's origin is not allowed. */
export interface CorsPolicy {
  /** Headers for every response to `request`. */
  responseHeaders(request: HttpRequest): Record<string, string>;
  /** Headers for a preflight (OPTIONS with `Access-Control-Request-Method`). */
  preflightHeaders(request: HttpRequest): Record<string, string>;
}

/** Origins compare as their ASCII serialisation, which browsers send lower-case. */
const normaliseOrigin = (origin: string): string => origin.trim().toLowerCase();

/** The policy of `options`; `defaultMethods` are the route methods. */
export const makeCorsPolicy = (
  options: CorsOptions,
  defaultMethods: readonly string[],
): CorsPolicy => {
  const anyOrigin = options.allowOrigins === '*';
  const origins = new Set(anyOrigin ? [] : [...options.allowOrigins].map(normaliseOrigin));
  const methods = (options.allowMethods ?? [...defaultMethods, 'OPTIONS']).join(', ');
  const allowHeaders = (options.allowHeaders ?? DEFAULT_CORS_ALLOW_HEADERS).join(', ');
  const exposeHeaders = (options.exposeHeaders ?? DEFAULT_CORS_EXPOSE_HEADERS).join(', ');
  const maxAge = String(options.maxAgeSeconds ?? 600);
  // With a list, the answer depends on Origin, so caches must key on it.
  const vary: Record<string, string> = anyOrigin ? {} : { Vary: 'Origin' };

  const allowedOrigin = (request: HttpRequest): string | undefined => {
    const origin = request.headers.get('origin');
    if (origin === undefined) return undefined;
    if (anyOrigin) return '*';
    return origins.has(normaliseOrigin(origin)) ? origin : undefined;
  };

  const responseHeaders = (request: HttpRequest): Record<string, string> => {
    const origin = allowedOrigin(request);
    if (origin === undefined) return { ...vary };
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': exposeHeaders,
      ...vary,
    };
  };

  return {
    responseHeaders,
    preflightHeaders: (request) =>
      allowedOrigin(request) === undefined
        ? responseHeaders(request)
        : {
            ...responseHeaders(request),
            'Access-Control-Allow-Methods': methods,
            'Access-Control-Allow-Headers': allowHeaders,
            'Access-Control-Max-Age': maxAge,
          },
  };
};
