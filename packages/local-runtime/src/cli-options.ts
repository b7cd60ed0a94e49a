import { resolve } from 'node:path';
import type { Env } from '@tasks/dynamodb-local';
import { authFromEnvironment } from './auth-options.js';
import { InvalidEnvironmentError } from './errors.js';
import { DEFAULT_WEB_DIR, type LocalRuntimeOptions, type LogLevel } from './runtime-options.js';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

const set = (env: Env, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
};

/**
 * The CLI's options from its environment: `PORT`, `HOST`, `TASKS_STORE` (`dynamodb` or
 * `memory`), `TASKS_DATA_DIR` (relative to `cwd`), `DYNAMODB_ENDPOINT`, `LOG_LEVEL`,
 * `FIXED_OWNER`, `CORS_ALLOWED_ORIGINS`, and `TASKS_AUTH` with its issuer settings (see
 * `authFromEnvironment`). Unset or empty variables take the defaults. The page is served
 * from `packages/web/dist` (the API alone, and a line saying so, when it is not built).
 * Throws {@link InvalidEnvironmentError} naming every variable that is wrong.
 */
export const cliOptions = (env: Env, cwd: string = process.cwd()): LocalRuntimeOptions => {
  const problems: string[] = [];
  // The page's build in this repository, which `npm start` builds first (SPEC §12).
  const options: { -readonly [K in keyof LocalRuntimeOptions]: LocalRuntimeOptions[K] } = {
    env,
    web: { dir: DEFAULT_WEB_DIR },
  };

  const port = set(env, 'PORT');
  if (port !== undefined) {
    const value = /^[0-9]{1,5}$/.test(port) ? Number(port) : Number.NaN;
    if (value >= 0 && value <= 65_535) options.port = value;
    else problems.push(`PORT must be a port number from 0 to 65535, not "${port}"`);
  }
  const host = set(env, 'HOST');
  if (host !== undefined) options.host = host;

  const store = set(env, 'TASKS_STORE');
  if (store === 'dynamodb' || store === 'memory') options.store = store;
  else if (store !== undefined) {
    problems.push(`TASKS_STORE must be "dynamodb" or "memory", not "${store}"`);
  }

  const dataDir = set(env, 'TASKS_DATA_DIR');
  if (dataDir !== undefined) options.dataDir = resolve(cwd, dataDir);

  const endpoint = set(env, 'DYNAMODB_ENDPOINT');
  if (endpoint !== undefined) {
    if (URL.canParse(endpoint) && /^https?:$/.test(new URL(endpoint).protocol)) {
      options.dynamoDbEndpoint = endpoint;
    } else {
      problems.push(`DYNAMODB_ENDPOINT must be an http(s) URL, not "${endpoint}"`);
    }
  }

  const logLevel = set(env, 'LOG_LEVEL');
  const level = LOG_LEVELS.find((candidate) => candidate === logLevel);
  if (level !== undefined) options.logLevel = level;
  else if (logLevel !== undefined) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  }

  const owner = set(env, 'FIXED_OWNER');
  if (owner !== undefined) options.fixedOwner = owner;
  const cors = set(env, 'CORS_ALLOWED_ORIGINS');
  if (cors !== undefined) options.corsAllowedOrigins = cors;
  const auth = authFromEnvironment((name) => set(env, name), problems);
  if (auth !== undefined) options.auth = auth;

  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return options;
};
