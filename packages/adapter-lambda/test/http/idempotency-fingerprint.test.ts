import { describe, expect, it } from 'vitest';
import { postTask, setup } from './harness.js';

// SPEC §4: the same key with the same JSON value replays; with any other body it is 422.
// A fingerprint that left a field out would replay a request that asked for something else.
describe('an Idempotency-Key reused with a body that differs in one field', () => {
  it.each([
    [
      'only in status',
      { title: 'Pay rent', status: 'TODO' },
      { title: 'Pay rent', status: 'DONE' },
    ],
    [
      'by a status given the second time',
      { title: 'Pay rent' },
      { title: 'Pay rent', status: 'TODO' },
    ],
    [
      'only in description',
      { title: 'Pay rent', description: 'by card' },
      { title: 'Pay rent', description: 'in cash' },
    ],
    [
      'by a description given the second time',
      { title: 'Pay rent' },
      { title: 'Pay rent', description: 'by card' },
    ],
  ])('returns 422 problem for a body differing %s', async (_, first, second) => {
    const harness = setup();
    const created = await postTask(harness, first, { 'Idempotency-Key': 'k-1' });
    expect(created.status).toBe(201);

    const reply = await postTask(harness, second, { 'Idempotency-Key': 'k-1' });

    expect(reply.status).toBe(422);
    expect(reply.header('Content-Type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });
});
