import {
  type FieldIssue,
  type ListTasksQuery,
  ListTasksQuerySchema,
  MAX_PAGE_SIZE,
  parseInput,
  ValidationError,
} from '@tasks/domain';
import type { HttpRequest } from './http-request.js';

const DIGITS = /^[0-9]+$/;

/** Each name given more than once: a repeat is ambiguous, so it is refused, not guessed. */
const repeatIssues = (query: HttpRequest['query']): FieldIssue[] => {
  const counts = new Map<string, number>();
  for (const [name] of query) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([name]) => ({ path: `query.${name}`, message: 'must be given at most once' }));
};

/**
 * The query of `GET /tasks`, checked whole (SPEC §4: anything malformed is 400, never
 * ignored): repeated and unknown parameters are refused, and `limit` must be plain
 * decimal digits (`1.5`, `1e2`, `+5` and an empty value are not) before its range is checked.
 * Every problem is reported at once, under `query.<name>`.
 */
export const parseListQuery = (query: HttpRequest['query']): ListTasksQuery => {
  const issues = repeatIssues(query);
  const candidate: Record<string, unknown> = Object.fromEntries(query);
  const limit = candidate['limit'];
  if (typeof limit === 'string') {
    const value = DIGITS.test(limit) ? Number(limit) : Number.NaN;
    if (Number.isSafeInteger(value)) candidate['limit'] = value;
    else {
      delete candidate['limit'];
      issues.push({
        path: 'query.limit',
        message: `must be an integer from 1 to ${MAX_PAGE_SIZE} in plain decimal digits`,
      });
    }
  }
  try {
    const parsed = parseInput(ListTasksQuerySchema, candidate, 'query');
    if (issues.length === 0) return parsed;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  throw new ValidationError(issues);
};

/** Routes other than the list take no query parameter: one sent is refused, not ignored. */
export const rejectQuery = (query: HttpRequest['query']): void => {
  const names = [...new Set(query.map(([name]) => name))];
  if (names.length === 0) return;
  throw new ValidationError(
    names.map((name) => ({ path: `query.${name}`, message: 'is not a known parameter' })),
  );
};
