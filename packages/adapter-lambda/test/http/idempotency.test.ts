import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { createdId, itemsOf, JSON_HEADERS, postTask, setup } from './harness.js';

describe('POST /tasks with an Idempotency-Key', () => {
  it('replays the first response with Idempotent-Replayed: true and creates nothing', async () => {
    const harness = setup();
    const first = await postTask(
      harness,
      { title: 'Pay rent', status: 'TODO' },
      { 'Idempotency-Key': 'k-1' },
    );

    const again = await postTask(
      harness,
      { status: 'TODO', title: 'Pay rent' },
      { 'idempotency-key': 'k-1' },
    );

    expect(again.status).toBe(201);
    expect(again.header('Idempotent-Replayed')).toBe('true');
    expect(again.header('Location')).toBe(first.header('Location'));
    expect(again.body).toEqual(first.body);
    const list = await harness.invoke(httpEvent({ rawPath: '/tasks' }));
    expect(list.body).toMatchObject({ items: [{ taskId: createdId(first) }] });
    expect(itemsOf(list)).toHaveLength(1);
  });

  it('returns 422 problem when the key is reused with another body', async () => {
    const harness = setup();
    await postTask(harness, { title: 'Pay rent' }, { 'Idempotency-Key': 'k-1' });

    const reply = await postTask(harness, { title: 'Pay the rent' }, { 'Idempotency-Key': 'k-1' });

    expect(reply.status).toBe(422);
    expect(reply.header('Content-Type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('keeps keys per owner: the same key of another owner creates another task', async () => {
    const harness = setup();
    const alice = await postTask(harness, { title: 'Pay rent' }, { 'Idempotency-Key': 'k-1' });

    const bob = await harness.invoke(
      httpEvent({
        method: 'POST',
        sub: 'user-bob',
        body: JSON.stringify({ title: 'Pay rent' }),
        headers: { ...JSON_HEADERS, 'idempotency-key': 'k-1' },
      }),
    );

    expect(bob.status).toBe(201);
    expect(bob.header('Idempotent-Replayed')).toBeUndefined();
    expect(createdId(bob)).not.toBe(createdId(alice));
  });

  it('returns 400 problem when the key is not 1 to 255 printable ASCII characters', async () => {
    const reply = await postTask(
      setup(),
      { title: 'Pay rent' },
      { 'Idempotency-Key': 'k'.repeat(256) },
    );

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'Idempotency-Key' }],
    });
  });
});
