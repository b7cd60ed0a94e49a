import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, createdId, field, itemsOf } from '../support/api.js';
import { STORES, useRuntime } from '../support/stores.js';

const idsOf = (items: unknown[]): unknown[] => items.map((item) => field(item, 'taskId'));

/** Follows `nextKey` from `query` to the end; resolves each page's ids and whether it had a nextKey. */
const walk = async (api: Api, query: string) => {
  const pages: { ids: unknown[]; nextKey: boolean }[] = [];
  let lastKey: string | undefined;
  do {
    const suffix = lastKey === undefined ? '' : `&lastKey=${encodeURIComponent(lastKey)}`;
    const reply = await api.get(`/tasks?${query}${suffix}`);
    expect(reply.status).toBe(200);
    const nextKey = field(reply.json, 'nextKey');
    pages.push({ ids: idsOf(itemsOf(reply)), nextKey: nextKey !== undefined });
    lastKey = typeof nextKey === 'string' ? nextKey : undefined;
  } while (lastKey !== undefined);
  return pages;
};

// Each store's runtime is this file's alone: the seven tasks below are all its owner has.
describe.each(STORES)('GET /tasks over HTTP, $name', (store) => {
  const api = useRuntime(store);
  const ids: string[] = []; // oldest first
  const inProgress: string[] = [];

  beforeAll(async () => {
    for (const [index, status] of [
      'TODO',
      'IN_PROGRESS',
      'DONE',
      'IN_PROGRESS',
      'TODO',
      'IN_PROGRESS',
      'TODO',
    ].entries()) {
      const reply = await api.post('/tasks', { json: { title: `Task ${index}`, status } });
      ids.push(createdId(reply));
      if (status === 'IN_PROGRESS') inProgress.push(createdId(reply));
    }
  });

  it('returns every task newest first in one page of the default size, without nextKey', async () => {
    const reply = await api.get('/tasks');

    expect(reply.status).toBe(200);
    expect(reply.header('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(reply.json ?? {})).toEqual(['items']);
    expect(idsOf(itemsOf(reply))).toEqual([...ids].reverse());
    expect(itemsOf(reply)[0]).toMatchObject({ title: 'Task 6', status: 'TODO', version: 1 });
  });

  it('walks every task exactly once, with nextKey exactly when more follow and no empty page', async () => {
    const pages = await walk(api, 'limit=3');

    expect(pages.map((page) => page.ids.length)).toEqual([3, 3, 1]);
    expect(pages.map((page) => page.nextKey)).toEqual([true, true, false]);
    expect(pages.flatMap((page) => page.ids)).toEqual([...ids].reverse());
  });

  it('gives no nextKey on a full page that is the last one', async () => {
    expect(await walk(api, 'limit=7')).toEqual([{ ids: [...ids].reverse(), nextKey: false }]);
    const pages = await walk(api, 'limit=1');
    expect(pages).toHaveLength(7);
    expect(pages.at(-1)?.nextKey).toBe(false);
  });

  it('filters by status, and walks the filtered tasks the same way', async () => {
    const pages = await walk(api, 'status=IN_PROGRESS&limit=2');

    expect(pages.map((page) => page.nextKey)).toEqual([true, false]);
    expect(pages.flatMap((page) => page.ids)).toEqual([...inProgress].reverse());
    expect(await walk(api, 'status=DONE')).toEqual([{ ids: [ids[2]], nextKey: false }]);
  });

  it.each([
    ['limit=', 'query.limit'],
    ['limit=1.5', 'query.limit'],
    ['limit=1e2', 'query.limit'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=1&limit=2', 'query.limit'],
    ['status=BLOCKED', 'status'],
    ['lastKey=not-a-key', 'lastKey'],
    ['page=2', ''],
  ])('refuses ?%s with a 400 validation problem', async (query, path) => {
    const reply = await api.get(`/tasks?${query}`);

    expect(reply.status).toBe(400);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.json).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(field(reply.json, 'errors'))).toContain(path);
  });
});
