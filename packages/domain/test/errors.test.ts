import { describe, expect, it } from 'vitest';
import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  StorageUnavailableError,
  TASK_ERROR_CODES,
  TaskAlreadyExistsError,
  type TaskError,
  TaskNotFoundError,
  ValidationError,
  VersionConflictError,
} from '../src/index.js';

// One instance of every error class: a new code without a class here fails the last test.
const examples: TaskError[] = [
  new ValidationError([{ path: 'title', message: 'must not be empty' }]),
  new TaskNotFoundError('t'),
  new TaskAlreadyExistsError('t'),
  new VersionConflictError('t', 1, 2),
  new IdempotencyKeyReusedError('k'),
  new IdempotencyKeyInFlightError('k'),
  new StorageUnavailableError(1),
];

describe('domain errors', () => {
  it.each(examples.map((error) => [error.name, error]))(
    '%s has its name, a code and a message',
    (_, error) => {
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(TASK_ERROR_CODES).toContain(error.code);
      expect(error.message).not.toBe('');
    },
  );

  it('forwards the cause', () => {
    const cause = new Error('root');
    expect(new StorageUnavailableError(2, { cause }).cause).toBe(cause);
  });

  it('has one class for every code', () => {
    expect(examples.map((error) => error.code).sort()).toEqual([...TASK_ERROR_CODES].sort());
  });
});
