import type { HttpResponse } from './http-response.js';
import { problemResponse } from './problem.js';

/** Codes of the failures the HTTP layer detects itself, before any use case runs. */
export type HttpProblemCode =
  | 'malformed_json'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal_error';

/** Status, title and type slug of each HTTP-level code: the one table of them. */
export const HTTP_PROBLEMS = {
  malformed_json: { status: 400, slug: 'malformed-json', title: 'Malformed JSON body' },
  unauthorized: { status: 401, slug: 'unauthorized', title: 'Authentication required' },
  not_found: { status: 404, slug: 'not-found', title: 'No such resource' },
  method_not_allowed: {
    status: 405,
    slug: 'method-not-allowed',
    title: 'Method not allowed',
  },
  payload_too_large: { status: 413, slug: 'payload-too-large', title: 'Request body too large' },
  unsupported_media_type: {
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
  },
  internal_error: { status: 500, slug: 'internal', title: 'Internal server error' },
} as const satisfies Record<HttpProblemCode, { status: number; slug: string; title: string }>;

/**
 * A request the HTTP layer refuses before any use case runs. Thrown while reading the
 * request and answered as a problem; its `detail` is written for the client.
 */
export class HttpProblemError extends Error {
  override readonly name = 'HttpProblemError';
  constructor(
    readonly code: HttpProblemCode,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }
}

/** The problem response of an HTTP-level failure. */
export const httpProblemResponse = (
  code: HttpProblemCode,
  detail: string,
  headers: Readonly<Record<string, string>> = {},
  requestId?: string,
): HttpResponse =>
  problemResponse({
    ...HTTP_PROBLEMS[code],
    code,
    detail,
    headers,
    ...(requestId === undefined ? {} : { requestId }),
  });
