import { describe, expect, it } from 'vitest';
import { makeApiHandler } from '../support/api-handler.js';
import { httpEvent } from './events.js';
import { createdId, JSON_HEADERS, postTask, setup } from './harness.js';

describe('the owner', () => {
  it('returns 401 problem with WWW-Authenticate when the token has no sub', async () => {
    const reply = await setup().invoke(httpEvent({ rawPath: '/tasks', sub: null }));

    expect(reply.status).toBe(401);
    expect(reply.header('WWW-Authenticate')).toBe('Bearer');
    expect(reply.body).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('returns 401 problem when no authorizer ran', async () => {
    const event = httpEvent({ method: 'POST', body: '{"title":"x"}', headers: JSON_HEADERS });
    const { authorizer: _, ...unauthorised } = event.requestContext;

    const reply = await setup().invoke({ ...event, requestContext: unauthorised });

    expect(reply.status).toBe(401);
  });

  it('returns 401 problem when sub is empty', async () => {
    const reply = await setup().invoke(httpEvent({ rawPath: '/tasks', sub: '' }));

    expect(reply.status).toBe(401);
  });

  it('takes the owner from sub, never from a header, the query or the body', async () => {
    const harness = setup();
    const created = await harness.invoke(
      httpEvent({
        method: 'POST',
        body: '{"title":"Mine"}',
        headers: { ...JSON_HEADERS, 'x-owner': 'user-bob', 'x-user-id': 'user-bob' },
      }),
    );

    const asBob = await harness.invoke(
      httpEvent({ rawPath: `/tasks/${createdId(created)}`, sub: 'user-bob' }),
    );
    const asAlice = await harness.invoke(httpEvent({ rawPath: `/tasks/${createdId(created)}` }));

    expect(asBob.status).toBe(404);
    expect(asAlice.status).toBe(200);
  });

  it('uses the fixed owner when authentication is off, whatever the claims say', async () => {
    const harness = setup({ owner: { mode: 'fixed', owner: 'local' } });
    const created = await postTask(harness, { title: 'Local' });

    const withoutToken = await harness.invoke(
      httpEvent({ rawPath: `/tasks/${createdId(created)}`, sub: null }),
    );
    const withOtherToken = await harness.invoke(
      httpEvent({ rawPath: `/tasks/${createdId(created)}`, sub: 'user-bob' }),
    );

    expect(withoutToken.status).toBe(200);
    expect(withOtherToken.status).toBe(200);
  });

  it('refuses to start with a fixed owner that is not a valid owner', () => {
    expect(() =>
      makeApiHandler({
        useCases: setup().useCases,
        owner: { mode: 'fixed', owner: '' },
      }),
    ).toThrow(TypeError);
  });
});
