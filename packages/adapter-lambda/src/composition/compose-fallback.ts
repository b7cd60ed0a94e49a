import { type AllowedMethods, makeFallbackHandler } from '../http/fallback.js';
import { makeJsonLogger } from '../http/logger.js';
import type { ComposedHandler } from './compose.js';
import { environmentOf, FallbackEnvironmentSchema } from './environment.js';

/** The composition root of the fallback function: no store, no owner. */
export const composeFallback = (
  allowedMethods: AllowedMethods,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ComposedHandler => {
  const config = environmentOf(FallbackEnvironmentSchema, env);
  return makeFallbackHandler({
    allowedMethods,
    logger: makeJsonLogger({ level: config.LOG_LEVEL }),
  });
};
