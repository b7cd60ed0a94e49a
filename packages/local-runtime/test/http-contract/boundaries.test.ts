import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createdId } from '../support/api.js';
import { STORES, useRuntime } from '../support/stores.js';

/** SPEC §4: a body over 16 KiB is 413; 16 KiB itself is not over. */
const LIMIT = 16 * 1024;

/** A valid JSON body of exactly `bytes` bytes, padded with insignificant whitespace. */
const bodyOf = (bytes: number, json = '{"title":"At the limit"'): string =>
  `${json}${' '.repeat(bytes - json.length - 1)}}`;

const JSON_TYPE = { 'content-type': 'application/json' };

// Edges that broken copies of the handlers passed the handler tests' neighbours on, sent
// as real HTTP requests through the local runtime and the deployed bundles.
describe.each(STORES)('boundaries over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it('creates from a body of exactly 16,384 bytes and refuses 16,385 bytes with a 413 problem', async () => {
    const atLimit = await api.post('/tasks', { body: bodyOf(LIMIT), headers: JSON_TYPE });
    const over = await api.post('/tasks', { body: bodyOf(LIMIT + 1), headers: JSON_TYPE });

    expect(atLimit.status).toBe(201);
    expect(over.status).toBe(413);
    expect(over.header('content-type')).toBe('application/problem+json');
    expect(over.json).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it.each([
    [
      'only in status',
      { title: 'Pay rent', status: 'TODO' },
      { title: 'Pay rent', status: 'DONE' },
    ],
    [
      'only in description',
      { title: 'Pay rent', description: 'by card' },
      { title: 'Pay rent', description: 'in cash' },
    ],
  ])(
    'refuses an Idempotency-Key reused with a body differing %s with a 422 problem',
    async (_, first, second) => {
      const headers = { 'idempotency-key': randomUUID() };
      expect((await api.post('/tasks', { json: first, headers })).status).toBe(201);

      const reply = await api.post('/tasks', { json: second, headers });

      expect(reply.status).toBe(422);
      expect(reply.json).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    },
  );

  it('answers If-Match W/"1" on a version-2 task with a 412 problem, and changes nothing', async () => {
    const taskId = createdId(await api.post('/tasks', { json: { title: 'Draft' } }));
    const merge = { 'content-type': 'application/merge-patch+json' };
    await api.patch(`/tasks/${taskId}`, { json: { status: 'IN_PROGRESS' }, headers: merge });

    const patch = await api.patch(`/tasks/${taskId}`, {
      json: { status: 'DONE' },
      headers: { ...merge, 'if-match': 'W/"1"' },
    });
    const remove = await api.delete(`/tasks/${taskId}`, { headers: { 'if-match': 'W/"1"' } });

    expect(patch.status).toBe(412);
    expect(remove.status).toBe(412);
    const read = await api.get(`/tasks/${taskId}`);
    expect(read.json).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
  });
});
