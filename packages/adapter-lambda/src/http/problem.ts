import { type HttpResponse, jsonResponse } from './http-response.js';

/** RFC 9457 §3: the media type of every error body (SPEC §4). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Every problem `type` is this base followed by a slug: a stable URI per kind of error. */
export const PROBLEM_TYPE_BASE = 'https://tasks.example.com/problems/';

/** An RFC 9457 problem details body, with our `code` extension (and others per kind). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The domain error code, or one of {@link HttpProblemCode}: stable, for clients to switch on. */
  readonly code: string;
  /** For validation problems: every offending field (`title`, `query.limit`, `If-Match`). */
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
  readonly requestId?: string;
}

/** What a problem response is made of, before its body is written. */
export interface ProblemSpec {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly code: string;
  readonly detail: string;
  readonly errors?: Problem['errors'];
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The problem details response of `spec`. */
export const problemResponse = (spec: ProblemSpec): HttpResponse => {
  const problem: Problem = {
    type: `${PROBLEM_TYPE_BASE}${spec.slug}`,
    title: spec.title,
    status: spec.status,
    detail: spec.detail,
    code: spec.code,
    ...(spec.errors === undefined ? {} : { errors: spec.errors }),
    ...(spec.requestId === undefined ? {} : { requestId: spec.requestId }),
  };
  const response = jsonResponse(problem.status, problem, spec.headers);
  return { ...response, headers: { ...response.headers, 'Content-Type': PROBLEM_CONTENT_TYPE } };
};
