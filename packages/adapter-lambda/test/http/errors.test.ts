import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  StorageUnavailableError,
  TASK_ERROR_CODES,
  TaskAlreadyExistsError,
  type TaskError,
  type TaskErrorCode,
  TaskNotFoundError,
  ValidationError,
  VersionConflictError,
} from '@tasks/domain';
import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { AWS_REQUEST_ID, failing, postTask, setup } from './harness.js';

const TASK_ID = '01940000-0000-7000-8000-000000000000';

/** One instance of every domain error: adding a code breaks this until it is listed. */
const ERRORS = {
  validation_failed: () => new ValidationError([{ path: 'title', message: 'must not be empty' }]),
  task_not_found: () => new TaskNotFoundError(TASK_ID),
  task_already_exists: () => new TaskAlreadyExistsError(TASK_ID),
  version_conflict: () => new VersionConflictError(TASK_ID, 1, 2),
  idempotency_key_reused: () => new IdempotencyKeyReusedError('k-1'),
  idempotency_key_in_flight: () => new IdempotencyKeyInFlightError('k-1'),
  storage_unavailable: () => new StorageUnavailableError(2),
} satisfies Record<TaskErrorCode, () => TaskError>;

const STATUS = {
  validation_failed: 400,
  task_not_found: 404,
  task_already_exists: 409,
  version_conflict: 412,
  idempotency_key_reused: 422,
  idempotency_key_in_flight: 409,
  storage_unavailable: 503,
} satisfies Record<TaskErrorCode, number>;

describe('domain errors', () => {
  it.each(TASK_ERROR_CODES)('answers %s with its status as a problem', async (code) => {
    const error = ERRORS[code]();
    const harness = setup({ useCases: { getTask: () => Promise.reject(error) } });

    const reply = await harness.invoke(httpEvent({ rawPath: `/tasks/${TASK_ID}` }));

    expect(reply.status).toBe(STATUS[code]);
    expect(reply.header('Content-Type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({
      type: expect.stringMatching(/^https:\/\/tasks\.example\.com\/problems\/[a-z-]+$/),
      title: expect.any(String),
      status: STATUS[code],
      detail: error.message,
      code,
    });
  });

  it('returns 409 problem when a create with the same idempotency key is in flight', async () => {
    const harness = setup({
      repository: failing('create', new IdempotencyKeyInFlightError('k-1')),
    });

    const reply = await postTask(harness, { title: 'Pay rent' }, { 'Idempotency-Key': 'k-1' });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'idempotency_key_in_flight' });
  });

  it('returns 503 problem with Retry-After in whole seconds when storage is unavailable', async () => {
    const harness = setup({ repository: failing('list', new StorageUnavailableError(2.5)) });

    const reply = await harness.invoke(httpEvent({ rawPath: '/tasks' }));

    expect(reply.status).toBe(503);
    expect(reply.header('Retry-After')).toBe('3');
    expect(reply.body).toMatchObject({ status: 503, code: 'storage_unavailable' });
  });
});

describe('unexpected errors', () => {
  const secret = new Error(
    'AccessDeniedException: arn:aws:dynamodb:eu-west-1:123456789012:table/tasks-dev',
  );

  it('returns 500 problem that says nothing of the internals', async () => {
    const harness = setup({ repository: failing('get', secret) });

    const reply = await harness.invoke(httpEvent({ rawPath: `/tasks/${TASK_ID}` }));

    expect(reply.status).toBe(500);
    expect(reply.header('Content-Type')).toBe('application/problem+json');
    expect(reply.body).toEqual({
      type: 'https://tasks.example.com/problems/internal',
      title: 'Internal server error',
      status: 500,
      detail: 'The server failed to handle this request. Quote the requestId when reporting it.',
      code: 'internal_error',
      requestId: 'KmHc1jV4liAEJvQ=',
    });
    expect(reply.raw.body).not.toMatch(/arn:|AccessDenied|stack|at /);
  });

  it('logs the error with its stack and both request ids at error level', async () => {
    const harness = setup({ repository: failing('get', secret) });

    await harness.invoke(httpEvent({ rawPath: `/tasks/${TASK_ID}` }));

    expect(harness.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        requestId: 'KmHc1jV4liAEJvQ=',
        awsRequestId: AWS_REQUEST_ID,
        error: expect.objectContaining({
          name: 'Error',
          message: secret.message,
          stack: expect.stringContaining('AccessDeniedException'),
        }),
      }),
    );
  });

  it('returns 500 problem for a thrown value that is not an Error', async () => {
    const harness = setup({ useCases: { listTasks: () => Promise.reject('boom') } });

    const reply = await harness.invoke(httpEvent({ rawPath: '/tasks' }));

    expect(reply.status).toBe(500);
    expect(reply.raw.body).not.toContain('boom');
  });

  it('returns 500 problem rather than rejecting for an event it cannot read', async () => {
    const harness = setup();
    const event = httpEvent();
    const broken = { ...event, requestContext: { ...event.requestContext, http: undefined } };

    // @ts-expect-error: a malformed event, as a misconfigured integration could send.
    const reply = await harness.invoke(broken);

    expect(reply.status).toBe(500);
  });
});
