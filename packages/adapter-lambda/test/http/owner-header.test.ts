import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { JSON_HEADERS, setup } from './harness.js';

// The owner is the token's `sub` and nothing else (SPEC §3). A fallback to a header when the
// claim is missing would let anyone with a token without a subject act as any owner.
const OWNER_HEADERS = { 'x-owner': 'user-bob', 'x-user-id': 'user-bob', 'x-owner-id': 'user-bob' };

describe('a token without sub, with an owner header', () => {
  it('returns 401 problem for a create and stores nothing for the named owner', async () => {
    const harness = setup();

    const reply = await harness.invoke(
      httpEvent({
        method: 'POST',
        sub: null,
        body: '{"title":"Planted"}',
        headers: { ...JSON_HEADERS, ...OWNER_HEADERS },
      }),
    );

    expect(reply.status).toBe(401);
    expect(reply.header('WWW-Authenticate')).toBe('Bearer');
    expect(reply.body).toMatchObject({ status: 401, code: 'unauthorized' });
    const bobs = await harness.invoke(httpEvent({ rawPath: '/tasks', sub: 'user-bob' }));
    expect(bobs.body).toEqual({ items: [] });
  });

  it('returns 401 problem for a read of the owner the header names', async () => {
    const harness = setup();
    const created = await harness.invoke(
      httpEvent({
        method: 'POST',
        sub: 'user-bob',
        body: '{"title":"Bob’s"}',
        headers: JSON_HEADERS,
      }),
    );
    expect(created.status).toBe(201);

    const reply = await harness.invoke(
      httpEvent({ rawPath: '/tasks', sub: null, headers: OWNER_HEADERS }),
    );

    expect(reply.status).toBe(401);
    expect(JSON.stringify(reply.body)).not.toContain('Bob’s');
  });
});
