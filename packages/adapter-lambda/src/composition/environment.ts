import * as z from 'zod/mini';
import { LOG_LEVELS, makeJsonLogger } from '../http/logger.js';

/** What every function reads, the fallback too. */
const CommonEnvironment = {
  LOG_LEVEL: z._default(z.enum(LOG_LEVELS), 'info'),
};

/**
 * The environment of a route's function (set by infra/template.yaml) and of the local
 * runtime, which runs the same bundles. Read once per container, at start-up.
 */
export const EnvironmentSchema = z.object({
  ...CommonEnvironment,
  /** The DynamoDB table. */
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** Set by Lambda; for a local endpoint, defaults to us-east-1. */
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  /** A DynamoDB that is not AWS's (DynamoDB Local), for the local runtime. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** `jwt`: the owner is the verified token's `sub`; `none`: one fixed owner, for dev and local use. */
  AUTH_MODE: z._default(z.enum(['jwt', 'none']), 'jwt'),
  /** The owner of every task when `AUTH_MODE` is `none`. */
  FIXED_OWNER: z._default(z.string().check(z.minLength(1)), 'local'),
});
export type Environment = z.output<typeof EnvironmentSchema>;

/** The environment of the fallback function: it stores nothing and knows no owner. */
export const FallbackEnvironmentSchema = z.object(CommonEnvironment);
export type FallbackEnvironment = z.output<typeof FallbackEnvironmentSchema>;

/** The parsed environment, or a message naming every variable that is wrong. */
export const readEnvironment = <T>(
  schema: z.ZodMiniType<T>,
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; value: T } | { ok: false; problems: string[] } => {
  const result = schema.safeParse(env);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  return { ok: true, value: result.data };
};

/**
 * The environment, parsed; a wrong one fails the cold start with one clear log line
 * instead of failing every request.
 */
export const environmentOf = <T>(
  schema: z.ZodMiniType<T>,
  env: Readonly<Record<string, string | undefined>>,
): T => {
  const parsed = readEnvironment(schema, env);
  if (parsed.ok) return parsed.value;
  makeJsonLogger().error('invalid environment: the function cannot start', {
    problems: parsed.problems,
  });
  throw new Error(`Invalid environment: ${parsed.problems.join('; ')}`);
};
