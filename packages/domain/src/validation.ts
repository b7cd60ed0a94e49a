import * as v from 'valibot';
import { type FieldIssue, ValidationError } from './errors.js';

/** Any schema of the domain's (valibot, synchronous). */
export type Schema = v.GenericSchema;

/** What a field's problem says when its schema names no message of its own. */
const messageOf = (issue: v.BaseIssue<unknown>): string => {
  switch (issue.type) {
    case 'string':
      return 'must be a string';
    case 'number':
      return 'must be a number';
    case 'safe_integer':
    case 'integer':
      return 'must be an integer';
    case 'min_value':
      return `must be at least ${String(issue.requirement)}`;
    case 'max_value':
      return `must be at most ${String(issue.requirement)}`;
    case 'picklist':
      return `must be one of ${issue.expected?.replace(/^\((.*)\)$/, '$1')}`;
    case 'object':
    case 'strict_object':
    case 'loose_object':
      // valibot names a missing key as what it expected there: `"title"`.
      return issue.received === 'undefined' ? 'is required' : 'must be an object';
    case 'array':
      return 'must be an array';
    default:
      return `is not valid: expected ${issue.expected ?? 'another value'}, received ${issue.received}`;
  }
};

// Passed per parse rather than set globally, so that embedding the domain never
// changes the valibot configuration of the service around it.
const CONFIG: v.Config<v.BaseIssue<unknown>> = { message: messageOf };

const pathOf = (issue: v.BaseIssue<unknown>, prefix: string): string =>
  [prefix, ...(issue.path ?? []).map((item) => String(item.key))].filter(Boolean).join('.');

const isUnknownKey = (issue: v.BaseIssue<unknown>): boolean =>
  issue.type === 'strict_object' && issue.expected === 'never';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const OBJECT_SCHEMAS = new Set(['object', 'strict_object', 'loose_object']);

/** An object schema's type and fields (piped or not), or undefined for any other schema. */
const objectOf = (
  schema: Schema,
): { strict: boolean; fields: Record<string, unknown> } | undefined => {
  const fields: unknown = Reflect.get(schema, 'entries');
  return OBJECT_SCHEMAS.has(schema.type) && isRecord(fields)
    ? { strict: schema.type === 'strict_object', fields }
    : undefined;
};

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} that lists every
 * problem by field. `prefix` names where the input came from (`query`, `header`).
 *
 * An object schema takes a JSON object only (valibot would take an array for one), and
 * every unknown field is listed by name (valibot reports only the first).
 */
export const parseInput = <S extends Schema>(
  schema: S,
  input: unknown,
  prefix = '',
): v.InferOutput<S> => {
  const object = objectOf(schema);
  if (object !== undefined && !isRecord(input)) {
    throw new ValidationError([{ path: prefix, message: 'must be a JSON object' }]);
  }
  const result = v.safeParse(schema, input, CONFIG);
  if (result.success) return result.output;
  const strict = object?.strict === true;
  const issues: FieldIssue[] = result.issues
    .filter((issue) => !(strict && isUnknownKey(issue)))
    .map((issue) => ({ path: pathOf(issue, prefix), message: issue.message }));
  if (strict && object !== undefined && isRecord(input)) {
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(object.fields, key)) {
        issues.push({
          path: [prefix, key].filter(Boolean).join('.'),
          message: 'is not a known field',
        });
      }
    }
  }
  throw new ValidationError(issues);
};

/** Whether {@link parseInput} accepts `value`, for a check that needs no reasons. */
export const isValid = (schema: Schema, value: unknown): boolean => {
  if (objectOf(schema) !== undefined) {
    try {
      parseInput(schema, value);
      return true;
    } catch (error) {
      if (error instanceof ValidationError) return false;
      throw error;
    }
  }
  return v.is(schema, value);
};
