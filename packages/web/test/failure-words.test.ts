import { TasksApiError, TasksNetworkError } from '@tasks/client';
import { describe, expect, it } from 'vitest';
import { SessionExpiredError } from '../src/auth/session.js';
import { type Attempt, describeFailure } from '../src/failure-words.js';

const problem = (status: number, body: Record<string, unknown>) => new TasksApiError(status, body);

describe('describeFailure', () => {
  it('says a 412 is a change made elsewhere and offers to reload the task', () => {
    const words = describeFailure(
      problem(412, {
        code: 'version_conflict',
        title: 'Precondition failed',
        detail: 'version 3, not 2',
      }),
      'update',
    );
    expect(words).toEqual({
      title: 'This task changed elsewhere since it was loaded.',
      detail: 'The task was not saved. Reload the task to see it as it is now, then try again.',
      fields: [],
      action: 'reload',
    });
  });

  it.each([503, 429])('offers to retry a %i, with what the server said', (status) => {
    const words = describeFailure(
      problem(status, { code: 'storage_unavailable', detail: 'The store is busy: retry shortly' }),
      'create',
    );
    expect(words).toEqual({
      title: 'The task was not added. The service is busy or unavailable for a moment.',
      detail: 'The store is busy: retry shortly',
      fields: [],
      action: 'retry',
    });
  });

  it('names each offending field of a validation problem by its label', () => {
    const words = describeFailure(
      problem(400, {
        code: 'validation_failed',
        title: 'Request validation failed',
        detail: 'Validation failed: title: must not be empty',
        errors: [
          { path: 'title', message: 'must not be empty' },
          { path: 'description', message: 'must be at most 2000 characters' },
          { path: 'query.limit', message: 'must be an integer' },
        ],
      }),
      'create',
    );
    expect(words).toEqual({
      title: 'The task was not added. Request validation failed',
      detail: '',
      fields: [
        'Title: must not be empty',
        'Description: must be at most 2000 characters',
        'query.limit: must be an integer',
      ],
      action: 'none',
    });
  });

  it('uses the problem’s title and detail for any other answer', () => {
    expect(
      describeFailure(
        problem(413, {
          code: 'payload_too_large',
          title: 'Payload too large',
          detail: 'Over 16 KiB',
        }),
        'update',
      ),
    ).toEqual({
      title: 'The task was not saved. Payload too large',
      detail: 'Over 16 KiB',
      fields: [],
      action: 'none',
    });
    expect(describeFailure(problem(418, { detail: 'short and stout' }), 'delete')).toEqual({
      title: 'The task was not deleted. The server answered 418.',
      detail: 'short and stout',
      fields: [],
      action: 'none',
    });
  });

  it('offers to retry a 5xx the API did not describe', () => {
    expect(describeFailure(problem(502, { message: 'Bad Gateway' }), 'load')).toMatchObject({
      detail: 'Bad Gateway',
      action: 'retry',
    });
  });

  it.each<Attempt>(['update', 'delete'])(
    'says a task missing on %s was deleted elsewhere',
    (attempt) => {
      expect(
        describeFailure(problem(404, { code: 'task_not_found', detail: 'No task x' }), attempt),
      ).toMatchObject({
        title: 'This task no longer exists: it was deleted elsewhere.',
        action: 'reload',
      });
    },
  );

  it('asks to sign in again after a 401 or an ended session', () => {
    for (const error of [
      problem(401, { message: 'Unauthorized' }),
      new SessionExpiredError('expired'),
    ]) {
      expect(describeFailure(error, 'load')).toEqual({
        title: 'Your session has ended.',
        detail: 'Sign in again.',
        fields: [],
        action: 'sign-in',
      });
    }
  });

  it('says no answer came, and offers to retry', () => {
    expect(describeFailure(new TasksNetworkError('GET /tasks: no answer'), 'stats')).toEqual({
      title: 'The statistics could not be loaded. No answer came from the server.',
      detail: 'Check your connection, then retry.',
      fields: [],
      action: 'retry',
    });
  });

  it('says what any other error says, without offering what cannot help', () => {
    expect(describeFailure(new RangeError('bad'), 'create')).toEqual({
      title: 'The task was not added. Something went wrong.',
      detail: 'bad',
      fields: [],
      action: 'none',
    });
  });
});
