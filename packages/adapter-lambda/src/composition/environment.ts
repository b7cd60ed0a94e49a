import * as z from 'zod/mini';
import { LOG_LEVELS } from '../http/logger.js';

const commaList = z.pipe(
  z.string(),
  z.transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  ),
);

/**
 * The environment of a deployed function (set by infra/template.yaml) and of the local
 * runtime, which runs the same bundles. Read once per container, at start-up.
 */
export const EnvironmentSchema = z.object({
  /** The DynamoDB table. Required unless `TASKS_STORE` is `memory`. */
  TABLE_NAME: z.optional(z.string().check(z.minLength(1))),
  /** The statistics table (StatsTable): set only on the function of GET /tasks/stats. */
  STATS_TABLE_NAME: z.optional(z.string().check(z.minLength(1))),
  /** `dynamodb` (default) or `memory`: one store shared by every bundle of a local process. */
  TASKS_STORE: z._default(z.enum(['dynamodb', 'memory']), 'dynamodb'),
  /** Set by Lambda; for a local endpoint, defaults to us-east-1. */
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  /** A DynamoDB that is not AWS's (DynamoDB Local), for the local runtime. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** `jwt`: the owner is the verified token's `sub`; `none`: one fixed owner, for dev and local use. */
  AUTH_MODE: z._default(z.enum(['jwt', 'none']), 'jwt'),
  /** The owner of every task when `AUTH_MODE` is `none`. */
  FIXED_OWNER: z._default(z.string().check(z.minLength(1)), 'local'),
  /** Comma-separated origins, or `*`; CORS headers are off when unset. */
  CORS_ALLOWED_ORIGINS: z.optional(commaList),
  LOG_LEVEL: z._default(z.enum(LOG_LEVELS), 'info'),
});
export type Environment = z.output<typeof EnvironmentSchema>;

/** The parsed environment, or a message naming every variable that is wrong. */
export const readEnvironment = (
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; value: Environment } | { ok: false; problems: string[] } => {
  const result = EnvironmentSchema.safeParse(env);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  if (result.data.TASKS_STORE === 'dynamodb' && result.data.TABLE_NAME === undefined) {
    return { ok: false, problems: ['TABLE_NAME: required when TASKS_STORE is dynamodb'] };
  }
  return { ok: true, value: result.data };
};
