import { describe, expect, it } from 'vitest';
import { restEvent } from './events.js';
import { createdId, type Harness, setup } from './harness.js';

const create = (harness: Harness, body: string, headers: Record<string, string> = {}) =>
  harness.invoke(
    restEvent({
      httpMethod: 'POST',
      path: '/tasks',
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
  );

describe('REST API events (payload 1.0)', () => {
  it('creates, reads, patches, lists and deletes a task', async () => {
    const harness = setup();

    const created = await create(harness, '{"title":"Over REST","description":"v1"}');
    const path = `/tasks/${createdId(created)}`;
    const read = await harness.invoke(restEvent({ path }));
    const patched = await harness.invoke(
      restEvent({
        httpMethod: 'PATCH',
        path,
        body: '{"description":null}',
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': '"1"' },
      }),
    );
    const listed = await harness.invoke(
      restEvent({ path: '/tasks', multiValueQueryStringParameters: { limit: ['1'] } }),
    );
    const deleted = await harness.invoke(restEvent({ httpMethod: 'DELETE', path }));

    expect(created.status).toBe(201);
    expect(created.header('Location')).toBe(path);
    expect(read.status).toBe(200);
    expect(read.header('ETag')).toBe('"1"');
    expect(patched.status).toBe(200);
    expect(patched.header('ETag')).toBe('"2"');
    expect(patched.body).not.toHaveProperty('description');
    expect(listed.body).toMatchObject({ items: [{ taskId: createdId(created) }] });
    expect(deleted.status).toBe(204);
    expect(deleted.raw.body).toBe('');
  });

  it('takes the owner from the authorizer claims', async () => {
    const harness = setup();
    const created = await create(harness, '{"title":"Alice only"}');

    const asBob = await harness.invoke(
      restEvent({ path: `/tasks/${createdId(created)}`, sub: 'user-bob' }),
    );

    expect(asBob.status).toBe(404);
  });

  it('returns 401 problem when the claims have no sub', async () => {
    const reply = await setup().invoke(restEvent({ path: '/tasks', sub: null }));

    expect(reply.status).toBe(401);
  });

  it('returns 400 problem for a parameter repeated in multiValueQueryStringParameters', async () => {
    const reply = await setup().invoke(
      restEvent({ path: '/tasks', multiValueQueryStringParameters: { limit: ['2', '3'] } }),
    );

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errors: [{ path: 'query.limit' }] });
  });

  it('reads headers in any case, repeated ones from multiValueHeaders', async () => {
    const harness = setup();
    const created = await create(harness, '{"title":"Headers"}', { 'IDEMPOTENCY-KEY': 'k-9' });

    const replayed = await create(harness, '{"title":"Headers"}', { 'idempotency-key': 'k-9' });

    expect(replayed.header('Idempotent-Replayed')).toBe('true');
    expect(replayed.body).toEqual(created.body);
  });

  it('returns 413 problem for a base64 body over 16 KiB once decoded', async () => {
    const body = Buffer.from(`{"title":"x"}${' '.repeat(16 * 1024)}`).toString('base64');

    const reply = await setup().invoke(
      restEvent({ httpMethod: 'POST', path: '/tasks', body, isBase64Encoded: true }),
    );

    expect(reply.status).toBe(413);
  });

  it('routes on path, which a REST API sends without the stage', async () => {
    const reply = await setup().invoke(restEvent({ path: '/prod/tasks' }));

    expect(reply.status).toBe(404);
  });

  it('removes the stage prefix an HTTP API adds in payload 1.0', async () => {
    const event = { ...restEvent({ path: '/dev/tasks' }), version: '1.0' };
    event.requestContext.stage = 'dev';

    const reply = await setup().invoke(event);

    expect(reply.status).toBe(200);
  });

  it('returns 405 problem with Allow', async () => {
    const reply = await setup().invoke(restEvent({ httpMethod: 'PUT', path: '/tasks' }));

    expect(reply.status).toBe(405);
    expect(reply.header('Allow')).toBe('POST, GET, OPTIONS');
  });
});
