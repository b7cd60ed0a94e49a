import { describe, expect, it } from 'vitest';
import { createdId, field, itemsOf } from '../support/api.js';
import { STORES, useRuntime } from '../support/stores.js';

// {"title":"<0xff>"}: JSON but for one byte that is not UTF-8.
const NOT_UTF8 = new Uint8Array([...Buffer.from('{"title":"'), 0xff, ...Buffer.from('"}')]);

/**
 * SPEC §4: hostile input never reaches a 5xx and never buys a large answer. What the
 * other contract files check for well-meaning clients, here for requests built to hurt.
 */
describe.each(STORES)('hostile input over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    undefined,
  ])(
    'answers 400 to JSON whose bytes are not UTF-8 under Content-Type %s, and stores nothing',
    async (contentType) => {
      const headers: Record<string, string> =
        contentType === undefined ? {} : { 'content-type': contentType };

      const reply = await api.post('/tasks', { body: NOT_UTF8, headers });

      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({
        code: 'malformed_json',
        detail: expect.stringContaining('UTF-8'),
      });
      expect(itemsOf(await api.get('/tasks'))).toEqual([]);
    },
  );

  it('answers 400 to a merge patch whose bytes are not UTF-8, and leaves the task as it was', async () => {
    const taskId = createdId(await api.post('/tasks', { json: { title: 'Unchanged' } }));

    const reply = await api.patch(`/tasks/${taskId}`, {
      body: NOT_UTF8,
      headers: { 'content-type': 'application/merge-patch+json' },
    });

    expect(reply.status).toBe(400);
    expect(field((await api.get(`/tasks/${taskId}`)).json, 'title')).toBe('Unchanged');
    await api.delete(`/tasks/${taskId}`);
  });

  it('answers 415 with Accept-Encoding: identity to a gzip-encoded body, and stores nothing', async () => {
    const reply = await api.post('/tasks', {
      body: '{"title":"Compressed?"}',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });

    expect(reply.status).toBe(415);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.header('accept-encoding')).toBe('identity');
    expect(reply.json).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(itemsOf(await api.get('/tasks'))).toEqual([]);
  });

  it('answers a 16 KB body of unknown keys with 20 of them, saying how many more, in under 4 KiB', async () => {
    const keys = Array.from({ length: 1400 }, (_, index) => [
      `k${String(index).padStart(5, '0')}`,
      0,
    ]);
    const body = JSON.stringify({ title: 'x', ...Object.fromEntries(keys) });

    const reply = await api.post('/tasks', {
      body,
      headers: { 'content-type': 'application/json' },
    });

    expect(reply.status).toBe(400);
    expect(field(reply.json, 'errors')).toHaveLength(20);
    expect(field(reply.json, 'detail')).toMatch(/; and 1380 more$/);
    expect(Buffer.byteLength(reply.text)).toBeLessThan(4 * 1024);
  });

  it('answers a 15,000-character task id with a 404 that quotes it cut short', async () => {
    const reply = await api.get(`/tasks/${'x'.repeat(15_000)}`);

    expect(reply.status).toBe(404);
    expect(field(reply.json, 'detail')).toBe(`Task ${'x'.repeat(40)}… not found`);
    expect(Buffer.byteLength(reply.text)).toBeLessThan(1024);
  });

  it.each([
    ['made only of invisible characters', '\u200b\u2060\ufeff', 'must not be empty'],
    [
      'with a right-to-left override',
      'invoice\u202efdp.exe',
      'must not contain bidirectional embedding, override or isolate controls',
    ],
  ])('answers 400 to a title %s, and stores nothing', async (_, title, message) => {
    const reply = await api.post('/tasks', { json: { title } });

    expect(reply.status).toBe(400);
    expect(field(reply.json, 'errors')).toEqual(
      expect.arrayContaining([{ path: 'title', message }]),
    );
    expect(itemsOf(await api.get('/tasks'))).toEqual([]);
  });
});
