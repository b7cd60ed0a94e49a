import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../../src/index.js';
import { type Api, createdId, type Reply } from '../support/api.js';
import { STORES, useRuntime } from '../support/stores.js';

const MISSING_ID = '0193e4c5-5b6a-7c8d-9e0f-0123456789ab';
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Every row of the error table of SPEC §4 that a request can produce locally. Not here:
 * 401 (authentication is off in the local runtime; the JWT mode comes with its own issue),
 * 409 (an idempotency key in flight) and 503 (storage throttled or down), which need a
 * fault injected into the store: the adapter-lambda handler tests cover those three.
 */
const ERROR_CASES: readonly [string, number, string, (api: Api) => Promise<Reply>][] = [
  [
    'malformed JSON',
    400,
    'malformed_json',
    (api) => api.post('/tasks', { body: '{"title":', headers: JSON_TYPE }),
  ],
  [
    'a body that is not UTF-8 JSON',
    400,
    'malformed_json',
    (api) => api.post('/tasks', { body: new Uint8Array([0xff, 0xfe]), headers: JSON_TYPE }),
  ],
  ['a wrong type', 400, 'validation_failed', (api) => api.post('/tasks', { json: { title: [] } })],
  [
    'a query on a route that takes none',
    400,
    'validation_failed',
    (api) => api.get(`/tasks/${MISSING_ID}?verbose=1`),
  ],
  ['an unknown task', 404, 'task_not_found', (api) => api.get(`/tasks/${MISSING_ID}`)],
  ['an unknown path ($default route)', 404, 'not_found', (api) => api.get('/projects')],
  ['a path below a task', 404, 'not_found', (api) => api.get(`/tasks/${MISSING_ID}/notes`)],
  [
    'an unsupported method on /tasks (ANY route)',
    405,
    'method_not_allowed',
    (api) => api.request('PUT', '/tasks', { json: { title: 'x' } }),
  ],
  [
    'an unsupported method on a task (ANY route)',
    405,
    'method_not_allowed',
    (api) => api.request('POST', `/tasks/${MISSING_ID}`, { json: { title: 'x' } }),
  ],
  [
    'If-Match naming another version',
    412,
    'version_conflict',
    async (api) => {
      const taskId = createdId(await api.post('/tasks', { json: { title: 'x' } }));
      return api.delete(`/tasks/${taskId}`, { headers: { 'if-match': '"9"' } });
    },
  ],
  [
    'a body over 16 KiB',
    413,
    'payload_too_large',
    (api) => api.post('/tasks', { json: { title: 'x', description: 'd'.repeat(17 * 1024) } }),
  ],
  [
    'a Content-Type that is not JSON',
    415,
    'unsupported_media_type',
    (api) =>
      api.post('/tasks', {
        body: 'title=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
  ],
  [
    'an idempotency key reused with another body',
    422,
    'idempotency_key_reused',
    async (api) => {
      const headers = { 'idempotency-key': randomUUID() };
      await api.post('/tasks', { json: { title: 'first' }, headers });
      return api.post('/tasks', { json: { title: 'second' }, headers });
    },
  ],
];

describe.each(STORES)('error responses over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it.each(ERROR_CASES)(
    'answers %s with %i and a problem+json body of code %s',
    async (_, status, code, send) => {
      const reply = await send(api);

      expect(reply.status).toBe(status);
      expect(reply.header('content-type')).toBe('application/problem+json');
      expect(reply.json).toEqual({
        type: expect.stringMatching(/^https:\/\/.+\/problems\/[a-z-]+$/),
        title: expect.any(String),
        status,
        detail: expect.any(String),
        code,
        ...(status === 400 && code === 'validation_failed' ? { errors: expect.any(Array) } : {}),
      });
    },
  );

  it('names the methods of the path in Allow on a 405', async () => {
    const onList = await api.request('PUT', '/tasks');
    const onTask = await api.request('PUT', `/tasks/${MISSING_ID}`);

    expect(onList.header('allow')).toBe('POST, GET, OPTIONS');
    expect(onTask.header('allow')).toBe('GET, PATCH, DELETE, OPTIONS');
  });

  it('names the patch formats in Accept-Patch on a 415 to a PATCH', async () => {
    const reply = await api.patch(`/tasks/${MISSING_ID}`, {
      body: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });

    expect(reply.status).toBe(415);
    expect(reply.header('accept-patch')).toBe('application/json, application/merge-patch+json');
  });

  it('refuses a body over 10 MB with 413 before any function runs, as API Gateway does', async () => {
    const body = new Uint8Array(MAX_REQUEST_BODY_BYTES + 1).fill(0x20);

    const reply = await api.post('/tasks', { body, headers: JSON_TYPE });

    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({ message: 'Request Entity Too Large' });
    expect(reply.header('apigw-requestid')).toBeTruthy();
  });
});
