import { parseInput, type Schema, ValidationError } from '@tasks/domain';
import * as v from 'valibot';
import { LOG_LEVELS, makeJsonLogger } from '../http/logger.js';

/** What every function reads, the fallback too. */
const CommonEnvironment = {
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS), 'info'),
};

/**
 * The environment of a route's function (set by infra/template.yaml) and of the local
 * runtime, which runs the same bundles. Read once per container, at start-up.
 */
export const EnvironmentSchema = v.object({
  ...CommonEnvironment,
  /** The DynamoDB table. */
  TABLE_NAME: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  /** Set by Lambda; for a local endpoint, defaults to us-east-1. */
  AWS_REGION: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty')), 'us-east-1'),
  /** A DynamoDB that is not AWS's (DynamoDB Local), for the local runtime. */
  DYNAMODB_ENDPOINT: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  /** `jwt`: the owner is the verified token's `sub`; `none`: one fixed owner, for dev and local use. */
  AUTH_MODE: v.optional(v.picklist(['jwt', 'none']), 'jwt'),
  /** The owner of every task when `AUTH_MODE` is `none`. */
  FIXED_OWNER: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty')), 'local'),
  /** Set by Lambda (and the local runtime): the business metrics' dimension; none without. */
  AWS_LAMBDA_FUNCTION_NAME: v.optional(v.string()),
});
export type Environment = v.InferOutput<typeof EnvironmentSchema>;

/** The environment of the fallback function: it stores nothing and knows no owner. */
export const FallbackEnvironmentSchema = v.object(CommonEnvironment);
export type FallbackEnvironment = v.InferOutput<typeof FallbackEnvironmentSchema>;

/**
 * The parsed environment, or a message naming every variable that is wrong, in the
 * domain's words (`TABLE_NAME: is required`).
 */
export const readEnvironment = <S extends Schema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; value: v.InferOutput<S> } | { ok: false; problems: string[] } => {
  try {
    return { ok: true, value: parseInput(schema, env) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ok: false, problems: error.issues.map(({ path, message }) => `${path}: ${message}`) };
  }
};

/**
 * The environment, parsed; a wrong one fails the cold start with one clear log line
 * instead of failing every request.
 */
export const environmentOf = <S extends Schema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): v.InferOutput<S> => {
  const parsed = readEnvironment(schema, env);
  if (parsed.ok) return parsed.value;
  makeJsonLogger().error('invalid environment: the function cannot start', {
    problems: parsed.problems,
  });
  throw new Error(`Invalid environment: ${parsed.problems.join('; ')}`);
};
