import { LOG_LEVELS } from '@tasks/adapter-lambda';
import * as z from 'zod/mini';

/**
 * The environment of the stream processor and of the rebuild (set by infra/template.yaml,
 * or by the local runtime, which runs the same bundles). Read once per container.
 */
export const StreamEnvironmentSchema = z.object({
  /** The statistics table. Required unless `TASKS_STORE` is `memory`. */
  STATS_TABLE_NAME: z.optional(z.string().check(z.minLength(1))),
  /** The tasks table: only the rebuild reads it. */
  TABLE_NAME: z.optional(z.string().check(z.minLength(1))),
  /** `memory`: the statistics the local runtime's bundles share in one process. */
  TASKS_STORE: z._default(z.enum(['dynamodb', 'memory']), 'dynamodb'),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  /** A DynamoDB that is not AWS's (DynamoDB Local), for the local runtime. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  LOG_LEVEL: z._default(z.enum(LOG_LEVELS), 'info'),
});
export type StreamEnvironment = z.output<typeof StreamEnvironmentSchema>;

/** The parsed environment, or every problem with it in one message. */
export const readStreamEnvironment = (
  env: Readonly<Record<string, string | undefined>>,
  required: readonly ('STATS_TABLE_NAME' | 'TABLE_NAME')[],
): StreamEnvironment => {
  const result = StreamEnvironmentSchema.safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (result.success && result.data.TASKS_STORE === 'dynamodb') {
    for (const name of required) {
      if (result.data[name] === undefined) problems.push(`${name}: required`);
    }
  }
  if (!result.success || problems.length > 0) {
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
};
