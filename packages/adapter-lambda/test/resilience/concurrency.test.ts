import { type DynamoDbLocal, startDynamoDbLocal } from '@tasks/dynamodb-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbHandler, postTask } from './dynamodb-handler.js';

// DynamoDB Local never throws TransactionConflictException, so the 409 path of a raced
// idempotency key is covered by the handler tests; here the race is real.
let dynamodb: DynamoDbLocal;
beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
});
afterAll(async () => {
  await dynamodb?.stop();
});

describe('concurrency on DynamoDB Local', () => {
  it('of 50 parallel PATCHes with the same If-Match, exactly one is 200 and the rest 412', async () => {
    const api = await dynamoDbHandler(dynamodb.endpoint);
    const created = await api.invoke(postTask('Contended'));
    const taskId = String(Reflect.get(created.body as object, 'taskId'));
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        api.invoke({
          method: 'PATCH',
          rawPath: `/tasks/${taskId}`,
          body: JSON.stringify({ title: `Writer ${index}` }),
          headers: { 'content-type': 'application/json', 'if-match': '"1"' },
        }),
      ),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(49);
    const after = await api.invoke({ rawPath: `/tasks/${taskId}` });
    expect(after.header('etag')).toBe('"2"');
  });

  it('50 parallel POSTs with one Idempotency-Key leave exactly one task, each answer 201 or 409', async () => {
    const api = await dynamoDbHandler(dynamodb.endpoint);
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        api.invoke(postTask('Once only', { 'idempotency-key': 'same-key' })),
      ),
    );
    for (const reply of replies) expect([201, 409]).toContain(reply.status);
    const created = replies.filter((reply) => reply.status === 201);
    const taskIds = new Set(created.map((reply) => Reflect.get(reply.body as object, 'taskId')));
    expect(taskIds.size).toBe(1);
    expect(created.filter((reply) => reply.header('idempotent-replayed') !== 'true')).toHaveLength(
      1,
    );
    const list = await api.invoke({ rawPath: '/tasks', rawQueryString: 'limit=100' });
    expect(Reflect.get(list.body as object, 'items')).toHaveLength(1);
  });

  it('1,000 parallel creates followed by a page walk list exactly 1,000 tasks, each once', async () => {
    const api = await dynamoDbHandler(dynamodb.endpoint);
    const replies = await Promise.all(
      Array.from({ length: 1000 }, (_, index) => api.invoke(postTask(`Task ${index}`))),
    );
    const failed = replies.filter((reply) => reply.status !== 201);
    if (failed.length)
      console.log(
        failed.length,
        JSON.stringify(failed[0]?.body),
        failed.map((r) => r.status).slice(0, 5),
      );
    expect(replies.map((reply) => reply.status).filter((status) => status !== 201)).toEqual([]);
    const seen: string[] = [];
    let lastKey: string | undefined;
    do {
      const page = await api.invoke({
        rawPath: '/tasks',
        rawQueryString: `limit=100${lastKey === undefined ? '' : `&lastKey=${lastKey}`}`,
      });
      expect(page.status).toBe(200);
      const items: unknown = Reflect.get(page.body as object, 'items');
      for (const item of Array.isArray(items) ? items : [])
        seen.push(String(Reflect.get(item, 'taskId')));
      const next: unknown = Reflect.get(page.body as object, 'nextKey');
      lastKey = typeof next === 'string' ? next : undefined;
    } while (lastKey !== undefined);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(seen).toEqual([...seen].sort().reverse());
  });
});
