import { describe, expect, it } from 'vitest';
import { readStreamEnvironment } from '../src/composition/environment.js';

describe('readStreamEnvironment', () => {
  it.each([
    {
      env: { STATS_TABLE_NAME: 'stats', DYNAMODB_ENDPOINT: 'nowhere' },
      message: 'Invalid environment: DYNAMODB_ENDPOINT: Invalid URL: Received "nowhere"',
    },
    {
      env: { STATS_TABLE_NAME: '', TASKS_STORE: 'disk' },
      message:
        'Invalid environment: STATS_TABLE_NAME: Invalid length: Expected >=1 but received 0; ' +
        'TASKS_STORE: Invalid type: Expected ("dynamodb" | "memory") but received "disk"',
    },
    {
      env: { STATS_TABLE_NAME: 'stats', LOG_LEVEL: 'loud' },
      message:
        'Invalid environment: LOG_LEVEL: Invalid type: ' +
        'Expected ("debug" | "info" | "warn" | "error") but received "loud"',
    },
  ])('names each wrong variable and what is wrong with it: $env', ({ env, message }) => {
    expect(() => readStreamEnvironment(env, ['STATS_TABLE_NAME'])).toThrow(message);
  });

  it('reads an endpoint pasted with spaces and its line break as the endpoint alone', () => {
    const env = { STATS_TABLE_NAME: 'stats', DYNAMODB_ENDPOINT: ' http://127.0.0.1:8000\n' };

    expect(readStreamEnvironment(env, ['STATS_TABLE_NAME']).DYNAMODB_ENDPOINT).toBe(
      'http://127.0.0.1:8000',
    );
  });
});
