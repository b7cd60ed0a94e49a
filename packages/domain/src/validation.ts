import type * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { type FieldIssue, ValidationError } from './errors.js';

// Passed per parse rather than set globally, so that embedding the domain never
// changes the zod configuration of the service around it.
const { localeError } = english();

const toFieldIssues = (issues: readonly z.core.$ZodIssue[], prefix: string): FieldIssue[] =>
  issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [path, key].filter(Boolean).join('.'),
        message: 'is not a known field',
      }));
    }
    return [{ path, message: issue.message }];
  });

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} that lists every
 * problem by field. `prefix` names where the input came from (`query`, `header`).
 */
export const parseInput = <Schema extends z.ZodMiniType>(
  schema: Schema,
  input: unknown,
  prefix = '',
): z.output<Schema> => {
  const result = schema.safeParse(input, { error: localeError });
  if (result.success) return result.data;
  throw new ValidationError(toFieldIssues(result.error.issues, prefix));
};
