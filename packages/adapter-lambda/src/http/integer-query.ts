import { type FieldIssue, parseInput, type Schema, ValidationError } from '@tasks/domain';
import type * as v from 'valibot';
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
 * A query string checked whole against `schema` (SPEC §4: anything malformed is 400, never
 * ignored): repeated and unknown parameters are refused, and the integer parameter
 * `integer.name` must be plain decimal digits (`1.5`, `1e2`, `+5` and an empty value are
 * not) before its range, 1 to `integer.max`, is checked. Every problem is reported at
 * once, under `query.<name>`.
 */
export const parseQueryWithInteger = <S extends Schema>(
  query: HttpRequest['query'],
  schema: S,
  integer: { readonly name: string; readonly max: number },
): v.InferOutput<S> => {
  const issues = repeatIssues(query);
  const candidate: Record<string, unknown> = Object.fromEntries(query);
  const given = candidate[integer.name];
  if (typeof given === 'string') {
    const value = DIGITS.test(given) ? Number(given) : Number.NaN;
    if (Number.isSafeInteger(value)) candidate[integer.name] = value;
    else {
      delete candidate[integer.name];
      issues.push({
        path: `query.${integer.name}`,
        message: `must be an integer from 1 to ${integer.max} in plain decimal digits`,
      });
    }
  }
  try {
    const parsed = parseInput(schema, candidate, 'query');
    if (issues.length === 0) return parsed;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  throw new ValidationError(issues);
};
