import { describe, expect, it } from 'vitest';
import { readStreamEnvironment } from '../src/composition/environment.js';

describe('readStreamEnvironment', () => {
  it.each([
    {
      env: { STATS_TABLE_NAME: 'stats', DYNAMODB_ENDPOINT: 'nowhere' },
      message: 'Invalid environment: DYNAMODB_ENDPOINT: must be a URL',
    },
    {
      env: { STATS_TABLE_NAME: '', TASKS_STORE: 'disk' },
      message:
        'Invalid environment: STATS_TABLE_NAME: must be a DynamoDB table name: 3 to 255 ' +
        'characters, each a letter, a digit, "_", "-" or "."; ' +
        'TASKS_STORE: must be one of "dynamodb" | "memory"',
    },
    {
      // DynamoDB would refuse it on every call, with a ValidationException per record.
      env: { STATS_TABLE_NAME: 'st', TABLE_NAME: 'tasks/local' },
      message:
        'Invalid environment: STATS_TABLE_NAME: must be a DynamoDB table name: 3 to 255 ' +
        'characters, each a letter, a digit, "_", "-" or "."; TABLE_NAME: must be a DynamoDB ' +
        'table name: 3 to 255 characters, each a letter, a digit, "_", "-" or "."',
    },
    {
      env: { STATS_TABLE_NAME: 'stats', LOG_LEVEL: 'loud' },
      message: 'Invalid environment: LOG_LEVEL: must be one of "debug" | "info" | "warn" | "error"',
    },
    {
      env: { TABLE_NAME: 'tasks' },
      message: 'Invalid environment: STATS_TABLE_NAME: is required',
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
