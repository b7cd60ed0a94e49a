import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { createdId, fieldOf, type Harness, itemsOf, postTask, setup } from './harness.js';

const list = (harness: Harness, rawQueryString = '') =>
  harness.invoke(httpEvent({ rawPath: '/tasks', rawQueryString }));

/** Creates `count` tasks and resolves their ids, oldest first. */
const createTasks = async (harness: Harness, count: number, status = 'TODO'): Promise<string[]> => {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    ids.push(createdId(await postTask(harness, { title: `Task ${index}`, status })));
  }
  return ids;
};

const idsOf = (items: unknown[]): unknown[] => items.map((item) => fieldOf(item, 'taskId'));

describe('GET /tasks', () => {
  it('returns 200 with an empty page and no nextKey when the owner has no task', async () => {
    const reply = await list(setup());

    expect(reply.status).toBe(200);
    expect(reply.header('Content-Type')).toBe('application/json; charset=utf-8');
    expect(reply.body).toEqual({ items: [] });
  });

  it('returns the tasks newest first, 20 by default', async () => {
    const harness = setup();
    const ids = await createTasks(harness, 21);

    const reply = await list(harness);

    expect(idsOf(itemsOf(reply))).toEqual(ids.slice(1).reverse());
    expect(fieldOf(reply.body, 'nextKey')).toBe(ids[1]);
  });

  it('walks every task exactly once through nextKey, with no empty trailing page', async () => {
    const harness = setup();
    const ids = await createTasks(harness, 7);
    const seen: unknown[] = [];
    const pages: number[] = [];

    let query = 'limit=3';
    for (;;) {
      const reply = await list(harness, query);
      expect(reply.status).toBe(200);
      pages.push(itemsOf(reply).length);
      seen.push(...idsOf(itemsOf(reply)));
      const nextKey = fieldOf(reply.body, 'nextKey');
      if (typeof nextKey !== 'string') break;
      query = `limit=3&lastKey=${encodeURIComponent(nextKey)}`;
    }

    expect(seen).toEqual([...ids].reverse());
    expect(pages).toEqual([3, 3, 1]);
  });

  it('gives no nextKey on a full last page', async () => {
    const harness = setup();
    await createTasks(harness, 4);

    const first = await list(harness, 'limit=2');
    const second = await list(harness, `limit=2&lastKey=${fieldOf(first.body, 'nextKey')}`);

    expect(itemsOf(second)).toHaveLength(2);
    expect(second.body).not.toHaveProperty('nextKey');
  });

  it('filters by status', async () => {
    const harness = setup();
    await createTasks(harness, 2, 'TODO');
    const done = await createTasks(harness, 2, 'DONE');

    const reply = await list(harness, 'status=DONE');

    expect(idsOf(itemsOf(reply))).toEqual([...done].reverse());
  });

  it("never lists another owner's tasks", async () => {
    const harness = setup();
    await createTasks(harness, 2);

    const reply = await harness.invoke(httpEvent({ rawPath: '/tasks', sub: 'user-bob' }));

    expect(reply.body).toEqual({ items: [] });
  });

  it.each([
    ['limit=', 'query.limit'],
    ['limit=1.5', 'query.limit'],
    ['limit=1e2', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['limit=+5', 'query.limit'],
    ['limit=-1', 'query.limit'],
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['limit=99999999999999999999', 'query.limit'],
    ['status=BLOCKED', 'query.status'],
    ['status=', 'query.status'],
    ['lastKey=', 'query.lastKey'],
    ['lastKey=not-a-key', 'query.lastKey'],
    ['limit=5&limit=5', 'query.limit'],
    ['status=TODO&status=DONE', 'query.status'],
    ['sort=asc', 'query.sort'],
    ['owner=user-bob', 'query.owner'],
  ])('returns 400 validation problem for ?%s', async (rawQueryString, path) => {
    const reply = await list(setup(), rawQueryString);

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ path, message: expect.any(String) }],
    });
  });

  it('reports every problem of the query string at once', async () => {
    const reply = await list(setup(), 'limit=abc&status=LATER&x=1');

    expect(fieldOf(reply.body, 'errors')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'query.limit' }),
        expect.objectContaining({ path: 'query.status' }),
        expect.objectContaining({ path: 'query.x' }),
      ]),
    );
  });

  it('accepts a limit of 1 and of 100 in plain digits', async () => {
    const harness = setup();
    await createTasks(harness, 2);

    expect(itemsOf(await list(harness, 'limit=1'))).toHaveLength(1);
    expect(itemsOf(await list(harness, 'limit=100'))).toHaveLength(2);
    expect(itemsOf(await list(harness, 'limit=001'))).toHaveLength(1);
  });
});
