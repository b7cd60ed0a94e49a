import { describe, expect, it } from 'vitest';
import {
  ECHO_MAX_LENGTH,
  echoed,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  isTaskError,
  MAX_LISTED_ISSUES,
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

describe('what errors echo of the input', () => {
  it('quotes a long task id cut short, with an ellipsis', () => {
    const taskId = 'x'.repeat(15_000);

    const { message } = new TaskNotFoundError(taskId);

    expect(message).toBe(`Task ${'x'.repeat(ECHO_MAX_LENGTH)}… not found`);
  });

  it('quotes an id of ordinary length (a UUID) whole', () => {
    const taskId = '0193e4c5-5b6a-7c8d-9e0f-0123456789ab';

    expect(new TaskNotFoundError(taskId).message).toBe(`Task ${taskId} not found`);
    expect(new VersionConflictError(taskId, 1, 2).message).toContain(taskId);
  });

  it('cuts by characters, never inside one, and shows invisible ones as U+FFFD', () => {
    expect(echoed('🚀'.repeat(ECHO_MAX_LENGTH + 1))).toBe(`${'🚀'.repeat(ECHO_MAX_LENGTH)}…`);
    expect(echoed('a\u202eb\u0000c\ud800')).toBe('a\ufffdb\ufffdc\ufffd');
  });

  it('keeps a long idempotency key short in its messages', () => {
    const key = 'k'.repeat(255);

    for (const error of [
      new IdempotencyKeyReusedError(key),
      new IdempotencyKeyInFlightError(key),
    ]) {
      expect(error.message).not.toContain(key);
      expect(error.message).toContain(echoed(key));
      expect(error.key).toBe(key);
    }
  });

  it(`lists at most ${MAX_LISTED_ISSUES} issues in a validation message, and says how many more there are`, () => {
    const issues = Array.from({ length: 1000 }, (_, index) => ({
      path: `field${index}`,
      message: 'is not a known field',
    }));

    const error = new ValidationError(issues);

    expect(error.issues).toHaveLength(1000);
    expect(error.message).toContain('field19: is not a known field');
    expect(error.message).not.toContain('field20:');
    expect(error.message).toMatch(/; and 980 more$/);
  });

  it('cuts long paths in a validation message', () => {
    const path = `query.${'p'.repeat(8000)}`;

    const { message } = new ValidationError([{ path, message: 'is not a known parameter' }]);

    expect(message).toBe(`Validation failed: ${echoed(path)}: is not a known parameter`);
    expect(message.length).toBeLessThan(100);
  });
});

// Issue 12: the local runtime's in-memory repository comes from its own copy of this
// package, and each bundle carries another: their errors must still map to problems.
describe('isTaskError', () => {
  const fromAnotherCopy = (fields: Record<PropertyKey, unknown>) =>
    Object.assign(new Error('Task x not found'), fields);

  it('recognises a TaskError made by another copy of the package', () => {
    const error = fromAnotherCopy({
      [Symbol.for('tasks.domain.TaskError')]: true,
      code: 'task_not_found',
    });

    expect(isTaskError(error)).toBe(true);
  });

  it.each([
    { case: 'without the mark', fields: { code: 'task_not_found' } },
    {
      case: 'with a code the domain does not have',
      fields: { [Symbol.for('tasks.domain.TaskError')]: true, code: 'teapot' },
    },
  ])('refuses an error $case', ({ fields }) => {
    expect(isTaskError(fromAnotherCopy(fields))).toBe(false);
  });

  it('recognises its own errors', () => {
    expect(isTaskError(new TaskNotFoundError('x'))).toBe(true);
  });
});
