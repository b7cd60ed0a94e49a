/**
 * The checker that the handler's replies (openapi-conformance.test.ts) and the local
 * runtime's HTTP contract suites go through: it must catch each way an answer can differ
 * from the document, or those suites prove nothing about it.
 */
import { describe, expect, it } from 'vitest';
import { operationRoutes } from '../../scripts/template-routes.mjs';
import { openApiDocument } from '../../src/openapi/index.js';
import { type Exchange, exchangeChecker } from '../../src/openapi/testing/index.js';

const TASK_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const TASK = {
  taskId: TASK_ID,
  title: 'Write the README',
  status: 'TODO',
  createdAt: '2026-11-30T16:50:29.439Z',
  updatedAt: '2026-11-30T16:50:29.439Z',
  version: 1,
};
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const NOT_FOUND = {
  type: 'https://tasks.example.com/problems/not-found',
  title: 'No such resource',
  status: 404,
  detail: 'There is no resource at /nope.',
  code: 'not_found',
};

const exchange = (
  overrides: Partial<Omit<Exchange, 'header'>> & { headers?: Record<string, string> },
): Exchange => {
  const { headers = { ...JSON_TYPE, etag: '"1"' }, ...rest } = overrides;
  const sent = new Headers(headers);
  return {
    method: 'GET',
    path: `/tasks/${TASK_ID}`,
    requestHeaders: {},
    status: 200,
    text: JSON.stringify(TASK),
    ...rest,
    header: (name) => sent.get(name) ?? undefined,
  };
};

describe('the check of an exchange against the document', () => {
  const check = exchangeChecker(openApiDocument(operationRoutes()));

  it('accepts answers as documented: a task, API Gateway 401, an unknown path 404, an OPTIONS', () => {
    expect(check(exchange({}))).toEqual([]);
    const gateway401 = exchange({
      status: 401,
      text: '{"message":"Unauthorized"}',
      headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
    });
    expect(check(gateway401)).toEqual([]);
    const unknown = exchange({
      path: '/nope',
      status: 404,
      text: JSON.stringify(NOT_FOUND),
      headers: { 'content-type': 'application/problem+json' },
    });
    expect(check(unknown)).toEqual([]);
    const options = exchange({
      method: 'OPTIONS',
      status: 204,
      text: '',
      headers: { allow: 'GET' },
    });
    expect(check(options)).toEqual([]);
  });

  it.each<[string, Exchange, RegExp]>([
    ['an undocumented status', exchange({ status: 418 }), /status 418 is not documented/],
    [
      'an undocumented operation',
      exchange({ method: 'TRACE', path: '/tasks' }),
      /operation is not documented/,
    ],
    [
      'an undocumented Content-Type',
      exchange({ headers: { 'content-type': 'text/html', etag: '"1"' } }),
      /Content-Type text\/html is not documented/,
    ],
    ['a body off its schema', exchange({ text: '{"taskId":1}' }), /body/],
    ['a body that is not JSON', exchange({ text: 'ok' }), /not JSON/],
    ['a required header missing', exchange({ headers: JSON_TYPE }), /header ETag is missing/],
    [
      'a header off its schema',
      exchange({
        path: '/tasks',
        status: 503,
        text: JSON.stringify({ ...NOT_FOUND, status: 503, code: 'storage_unavailable' }),
        headers: { 'content-type': 'application/problem+json', 'retry-after': 'soon' },
      }),
      /Retry-After/,
    ],
    [
      'a body where none is documented',
      exchange({ method: 'DELETE', status: 204, text: 'gone', headers: {} }),
      /a body where none is documented/,
    ],
    [
      'a success for a request Content-Type the operation does not document',
      exchange({
        method: 'POST',
        path: '/tasks',
        status: 201,
        requestHeaders: { 'content-type': 'text/plain' },
        text: JSON.stringify({ message: 'Task created', taskId: TASK_ID, task: TASK }),
        headers: { ...JSON_TYPE, location: `/tasks/${TASK_ID}` },
      }),
      /request Content-Type text\/plain is not documented/,
    ],
    [
      'a header of the API where the response does not list it',
      exchange({ headers: { ...JSON_TYPE, etag: '"1"', allow: 'GET' } }),
      /header Allow is sent but not documented here/,
    ],
    [
      'a success on an unknown path',
      exchange({ path: '/tasks/a/b', status: 200 }),
      /status 200 is not documented/,
    ],
  ])('reports %s', (_, sent, expected) => {
    const problems = check(sent);

    expect(problems).not.toEqual([]);
    expect(problems.join('\n')).toMatch(expected);
  });
});
