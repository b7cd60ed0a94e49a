import { HTTP_PROBLEMS } from '@tasks/adapter-lambda';
import { TASK_ERROR_CODES } from '@tasks/domain';
import { describe, expect, it } from 'vitest';
import * as client from '../../src/index.js';
import { createTasksClient, TASKS_API_ERROR_CODES, TasksApiError } from '../../src/index.js';
import { fakeFetch, json } from '../support/fake-fetch.js';

const failureOf = async (response: Response): Promise<unknown> => {
  const fake = fakeFetch(response);
  return createTasksClient({ baseUrl: 'http://x', fetch: fake.fetch, retry: { attempts: 1 } })
    .get('any')
    .catch((error: unknown) => error);
};

describe('TasksApiError', () => {
  it('carries the status, code, title, detail and field errors of a problem', async () => {
    const failure = await failureOf(
      new Response(
        JSON.stringify({
          type: 'https://tasks.example.com/problems/validation',
          title: 'Request validation failed',
          status: 400,
          detail: 'Validation failed: title: must not be empty',
          code: 'validation_failed',
          errors: [{ path: 'title', message: 'must not be empty' }, 'not a field error'],
        }),
        { status: 400, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    expect(failure).toBeInstanceOf(TasksApiError);
    expect(failure).toMatchObject({
      name: 'TasksApiError',
      status: 400,
      code: 'validation_failed',
      title: 'Request validation failed',
      detail: 'Validation failed: title: must not be empty',
      errors: [{ path: 'title', message: 'must not be empty' }],
      message: '400 validation_failed: Validation failed: title: must not be empty',
    });
  });

  it.each([
    [401, { message: 'Unauthorized' }, 'unauthorized', 'Unauthorized'],
    [429, { message: 'Too Many Requests' }, 'too_many_requests', 'Too Many Requests'],
    [503, { message: 'Service Unavailable' }, 'service_unavailable', 'Service Unavailable'],
    [500, { message: 'Internal Server Error' }, 'internal_error', 'Internal Server Error'],
    [502, { message: 'Bad Gateway' }, 'unexpected_response', 'Bad Gateway'],
  ])('maps API Gateway’s plain %i body to a code', async (status, body, code, detail) => {
    const failure = await failureOf(json(status, body));
    expect(failure).toMatchObject({ status, code, title: undefined, detail, errors: [] });
  });

  it('keeps a code this client does not know, as the server sent it', async () => {
    const failure = await failureOf(json(418, { code: 'teapot', detail: 'short and stout' }));
    expect(failure).toMatchObject({ status: 418, code: 'teapot', detail: 'short and stout' });
  });

  it('reads an error body that is not JSON as its detail', async () => {
    const failure = await failureOf(new Response('upstream connect error', { status: 504 }));
    expect(failure).toMatchObject({
      code: 'unexpected_response',
      detail: 'upstream connect error',
    });
  });
});

describe('the codes', () => {
  it('include every code of the domain and of the HTTP layer', () => {
    const serverCodes = [...TASK_ERROR_CODES, ...Object.keys(HTTP_PROBLEMS)];
    expect(TASKS_API_ERROR_CODES).toEqual(expect.arrayContaining(serverCodes));
  });

  // One guard per code: isVersionConflict for version_conflict, and so on.
  const guardName = (code: string) =>
    `is${code.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`;
  const guards: Record<string, unknown> = { ...client };

  it.each(TASKS_API_ERROR_CODES)('%s has a guard that knows it, and only it', (code) => {
    const guard = guards[guardName(code)];
    expect(guard).toBeTypeOf('function');
    if (typeof guard !== 'function') return;
    const other = code === 'not_found' ? 'task_not_found' : 'not_found';
    expect(guard(new TasksApiError(400, { code }))).toBe(true);
    expect(guard(new TasksApiError(400, { code: other }))).toBe(false);
    expect(guard(new Error(code))).toBe(false);
  });
});
