import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { setup } from './harness.js';

const stats = (rawQueryString = '') =>
  setup().invoke(httpEvent({ rawPath: '/tasks/stats', rawQueryString }));

// GET /tasks/stats reads its query as GET /tasks does (SPEC §4: anything malformed is a
// 400, never ignored), through the same parser.
describe('GET /tasks/stats query', () => {
  it.each(['', 'days=1', 'days=90'])('answers 200 for ?%s', async (rawQueryString) => {
    expect((await stats(rawQueryString)).status).toBe(200);
  });

  it.each([
    ['days=', 'query.days'],
    ['days=1.5', 'query.days'],
    ['days=1e1', 'query.days'],
    ['days=+5', 'query.days'],
    ['days=0', 'query.days'],
    ['days=91', 'query.days'],
    ['days=99999999999999999999', 'query.days'],
    ['days=7&days=7', 'query.days'],
    ['days=7&days=7&days=7', 'query.days'],
    ['owner=user-bob', 'query.owner'],
  ])('returns 400 validation problem, one error, for ?%s', async (rawQueryString, path) => {
    const reply = await stats(rawQueryString);

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ path, message: expect.any(String) }],
    });
    expect(Reflect.get(Object(reply.body), 'errors')).toHaveLength(1);
  });
});
