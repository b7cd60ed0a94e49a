import { describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  DYNAMODB_LOCAL_ERROR_CODES,
  DynamoDbEndpointUnreachableError,
  DynamoDbLocalDownloadError,
  type DynamoDbLocalError,
  DynamoDbLocalStartError,
  DynamoDbLocalUnavailableError,
} from '../src/index.js';

// One instance of every error class: a new code without a class here fails the last test.
const examples: DynamoDbLocalError[] = [
  new DynamoDbLocalUnavailableError([{ source: 'jar', reason: 'no java' }]),
  new DynamoDbEndpointUnreachableError('http://127.0.0.1:1'),
  new ChecksumMismatchError('a.jar', 'aa', 'bb'),
  new DynamoDbLocalDownloadError('npm pack failed'),
  new DynamoDbLocalStartError('exited', 'tail'),
];

describe('errors', () => {
  it.each(examples.map((error) => [error.name, error]))(
    '%s has its name, a code and a message',
    (_, error) => {
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(DYNAMODB_LOCAL_ERROR_CODES).toContain(error.code);
      expect(error.message).not.toBe('');
    },
  );

  it('forwards the cause', () => {
    const cause = new Error('refused');
    expect(new DynamoDbEndpointUnreachableError('http://x', { cause }).cause).toBe(cause);
  });

  it('has one class per code', () => {
    expect(new Set(examples.map((error) => error.code))).toEqual(
      new Set(DYNAMODB_LOCAL_ERROR_CODES),
    );
  });
});
