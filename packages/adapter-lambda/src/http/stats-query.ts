import {
  type FieldIssue,
  MAX_STATS_DAYS,
  parseInput,
  type StatsQuery,
  StatsQuerySchema,
  ValidationError,
} from '@tasks/domain';
import type { HttpRequest } from './http-request.js';

const DIGITS = /^[0-9]+$/;

/**
 * The query of `GET /tasks/stats`, checked whole as the list's is: `days` once, in plain
 * decimal digits, from 1 to 90; any other parameter is refused. Problems under `query.<name>`.
 */
export const parseStatsQuery = (query: HttpRequest['query']): StatsQuery => {
  const issues: FieldIssue[] = [];
  const candidate: Record<string, unknown> = {};
  for (const [name, value] of query) {
    if (name in candidate)
      issues.push({ path: `query.${name}`, message: 'must be given at most once' });
    candidate[name] = name === 'days' && DIGITS.test(value) ? Number(value) : value;
  }
  const days = candidate['days'];
  if (typeof days === 'string') {
    delete candidate['days'];
    issues.push({
      path: 'query.days',
      message: `must be an integer from 1 to ${MAX_STATS_DAYS} in plain decimal digits`,
    });
  }
  try {
    const parsed = parseInput(StatsQuerySchema, candidate, 'query');
    if (issues.length === 0) return parsed;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  throw new ValidationError(issues);
};
