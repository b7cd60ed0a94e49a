import { parseInput, type Schema, ValidationError } from '@tasks/domain';
import * as v from 'valibot';
import { LOG_LEVELS, makeJsonLogger } from '../http/logger.js';

/** What every function reads, the fallback too. */
export const CommonEnvironment = {
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS), 'info'),
};

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
