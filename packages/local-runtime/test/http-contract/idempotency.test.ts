import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createdId, itemsOf } from '../support/api.js';
import { STORES, useRuntime } from '../support/stores.js';

// 409 (the same key while the first request is still in flight) needs the first create to
// be held inside the store; the adapter-lambda handler tests inject that fault.
describe.each(STORES)('POST /tasks with Idempotency-Key over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it('replays the first response for the same key and the same JSON value, creating nothing', async () => {
    const key = randomUUID();
    const headers = { 'idempotency-key': key };
    const before = itemsOf(await api.get('/tasks?limit=100')).length;

    const first = await api.post('/tasks', {
      body: '{"title":"Pay rent","status":"TODO"}',
      headers: { ...headers, 'content-type': 'application/json' },
    });
    const replay = await api.post('/tasks', {
      body: '{ "status": "TODO",\n  "title": "Pay rent" }',
      headers: { ...headers, 'content-type': 'application/json' },
    });

    expect(first.status).toBe(201);
    expect(first.header('idempotent-replayed')).toBeNull();
    expect(replay.status).toBe(201);
    expect(replay.header('idempotent-replayed')).toBe('true');
    expect(createdId(replay)).toBe(createdId(first));
    expect(replay.json).toEqual(first.json);
    expect(replay.header('location')).toBe(first.header('location'));
    expect(itemsOf(await api.get('/tasks?limit=100'))).toHaveLength(before + 1);
  });

  it('refuses the same key with another body with a 422 problem', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    await api.post('/tasks', { json: { title: 'Pay rent' }, headers });

    const reply = await api.post('/tasks', { json: { title: 'Pay taxes' }, headers });

    expect(reply.status).toBe(422);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.json).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('creates two tasks for two keys with the same body', async () => {
    const first = await api.post('/tasks', {
      json: { title: 'Water plants' },
      headers: { 'idempotency-key': randomUUID() },
    });
    const second = await api.post('/tasks', {
      json: { title: 'Water plants' },
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(createdId(second)).not.toBe(createdId(first));
  });

  it('refuses a key that is not 1 to 255 printable ASCII characters with a 400', async () => {
    const reply = await api.post('/tasks', {
      json: { title: 'x' },
      headers: { 'idempotency-key': 'k'.repeat(256) },
    });

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ code: 'validation_failed' });
  });
});
