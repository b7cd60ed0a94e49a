import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliOptions, DEFAULT_WEB_DIR, InvalidEnvironmentError } from '../../src/index.js';

describe('the CLI options read from the environment', () => {
  it('leaves every option to its default when nothing is set', () => {
    const env = { PATH: '/usr/bin', PORT: '' };

    expect(cliOptions(env, '/repo')).toEqual({ env, web: { dir: DEFAULT_WEB_DIR } });
  });

  it("serves the page from the repository's packages/web/dist, as npm start builds it", () => {
    expect(DEFAULT_WEB_DIR).toBe(fileURLToPath(new URL('../../../web/dist', import.meta.url)));
  });

  it('reads PORT, HOST, TASKS_STORE, TASKS_DATA_DIR (from the working directory) and the rest', () => {
    const env = {
      PORT: '8080',
      HOST: '0.0.0.0',
      TASKS_STORE: 'memory',
      TASKS_DATA_DIR: 'tmp/data',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      LOG_LEVEL: 'warn',
      FIXED_OWNER: 'alice',
      CORS_ALLOWED_ORIGINS: 'http://localhost:5173',
    };

    expect(cliOptions(env, '/repo')).toEqual({
      env,
      web: { dir: DEFAULT_WEB_DIR },
      port: 8080,
      host: '0.0.0.0',
      store: 'memory',
      dataDir: '/repo/tmp/data',
      dynamoDbEndpoint: 'http://127.0.0.1:8000',
      logLevel: 'warn',
      fixedOwner: 'alice',
      corsAllowedOrigins: 'http://localhost:5173',
    });
  });

  it('names every wrong variable at once, with its value', () => {
    const env = {
      PORT: '3000x',
      TASKS_STORE: 'sqlite',
      DYNAMODB_ENDPOINT: 'localhost:8000',
      LOG_LEVEL: 'loud',
    };

    expect(() => cliOptions(env)).toThrow(InvalidEnvironmentError);
    expect(() => cliOptions(env)).toThrow(
      'Invalid environment: PORT must be a port number from 0 to 65535, not "3000x"; ' +
        'TASKS_STORE must be "dynamodb" or "memory", not "sqlite"; ' +
        'DYNAMODB_ENDPOINT must be an http(s) URL, not "localhost:8000"; ' +
        'LOG_LEVEL must be one of debug, info, warn, error, not "loud"',
    );
  });

  it.each(['65536', '-1', '1.5', ' 80'])('refuses PORT=%s', (port) => {
    expect(() => cliOptions({ PORT: port })).toThrow(/PORT must be a port number/);
  });
});
