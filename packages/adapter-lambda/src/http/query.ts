import {
  type ListTasksQuery,
  ListTasksQuerySchema,
  MAX_PAGE_SIZE,
  ValidationError,
} from '@tasks/domain';
import type { HttpRequest } from './http-request.js';
import { parseQueryWithInteger } from './integer-query.js';

/**
 * The query of `GET /tasks`, checked whole (SPEC §4): `limit` once, in plain decimal
 * digits, from 1 to 100; `lastKey` and `status` once each; anything else refused.
 */
export const parseListQuery = (query: HttpRequest['query']): ListTasksQuery =>
  parseQueryWithInteger(query, ListTasksQuerySchema, { name: 'limit', max: MAX_PAGE_SIZE });

/** Routes other than the list take no query parameter: one sent is refused, not ignored. */
export const rejectQuery = (query: HttpRequest['query']): void => {
  if (query.length === 0) return;
  const names = [...new Set(query.map(([name]) => name))];
  throw new ValidationError(
    names.map((name) => ({ path: `query.${name}`, message: 'is not a known parameter' })),
  );
};
