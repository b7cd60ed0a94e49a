import { echoed, MAX_LISTED_ISSUES } from '@tasks/domain';
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
  /**
   * For validation problems: the offending fields (`title`, `query.limit`, `If-Match`),
   * at most `MAX_LISTED_ISSUES` of them, paths cut short as the domain quotes input.
   */
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

/**
 * SPEC §4: an error body is bounded, so a small request never buys a large answer (a
 * 16 KB body of unknown keys once answered 160 KB). The detail says how many were left out.
 */
const boundedErrors = (errors: NonNullable<Problem['errors']>): NonNullable<Problem['errors']> =>
  errors.slice(0, MAX_LISTED_ISSUES).map(({ path, message }) => ({ path: echoed(path), message }));

/** The problem details response of `spec`. */
export const problemResponse = (spec: ProblemSpec): HttpResponse => {
  const problem: Problem = {
    type: `${PROBLEM_TYPE_BASE}${spec.slug}`,
    title: spec.title,
    status: spec.status,
    detail: spec.detail,
    code: spec.code,
    ...(spec.errors === undefined ? {} : { errors: boundedErrors(spec.errors) }),
    ...(spec.requestId === undefined ? {} : { requestId: spec.requestId }),
  };
  const response = jsonResponse(problem.status, problem, spec.headers);
  return { ...response, headers: { ...response.headers, 'Content-Type': PROBLEM_CONTENT_TYPE } };
};
