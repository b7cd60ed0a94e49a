import { LOG_LEVELS, readEnvironment, TableNameSchema } from '@tasks/adapter-lambda';
import * as v from 'valibot';

const nonEmpty = v.pipe(v.string(), v.nonEmpty('must not be empty'));

/**
 * A URL, trimmed and without tabs or line breaks (which the URL parser ignores), so that
 * a value pasted with its line break names the same endpoint.
 */
const url = v.pipe(
  v.string(),
  v.trim(),
  v.url('must be a URL'),
  v.transform((text) => text.replace(/[\t\n\r]/g, '')),
);

/**
 * The environment of the stream processor and of the rebuild (set by infra/template.yaml,
 * or by the local runtime, which runs the same bundles). Read once per container.
 */
export const StreamEnvironmentSchema = v.object({
  /** The statistics table. Required unless `TASKS_STORE` is `memory`. */
  STATS_TABLE_NAME: v.optional(TableNameSchema),
  /** The tasks table: only the rebuild reads it. */
  TABLE_NAME: v.optional(TableNameSchema),
  /** `memory`: the statistics the local runtime's bundles share in one process. */
  TASKS_STORE: v.optional(v.picklist(['dynamodb', 'memory']), 'dynamodb'),
  AWS_REGION: v.optional(nonEmpty, 'us-east-1'),
  /** A DynamoDB that is not AWS's (DynamoDB Local), for the local runtime. */
  DYNAMODB_ENDPOINT: v.optional(url),
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS), 'info'),
});
export type StreamEnvironment = v.InferOutput<typeof StreamEnvironmentSchema>;

/**
 * The parsed environment, or every problem with it in one message, in the domain's words
 * as a route's function says them (`STATS_TABLE_NAME: is required`).
 */
export const readStreamEnvironment = (
  env: Readonly<Record<string, string | undefined>>,
  required: readonly ('STATS_TABLE_NAME' | 'TABLE_NAME')[],
): StreamEnvironment => {
  const parsed = readEnvironment(StreamEnvironmentSchema, env);
  const problems = parsed.ok ? [] : [...parsed.problems];
  if (parsed.ok && parsed.value.TASKS_STORE === 'dynamodb') {
    for (const name of required) {
      if (parsed.value[name] === undefined) problems.push(`${name}: is required`);
    }
  }
  if (!parsed.ok || problems.length > 0) {
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return parsed.value;
};
