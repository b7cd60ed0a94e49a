import { describe, expect, it } from 'vitest';
import { fieldOf, itemsOf, type Reply, setup } from '../http/harness.js';
import { httpEvent } from '../http/http-event.js';
import { dynamoDbHandler } from '../resilience/dynamodb-handler.js';
import { endpoint } from './support/local-table.js';

type Overrides = NonNullable<Parameters<typeof httpEvent>[0]>;
type Invoke = (overrides: Overrides) => Promise<Reply>;

const json = { 'content-type': 'application/json' };
const as = (sub: string, overrides: Overrides): Overrides => ({ ...overrides, sub });

/**
 * Alice reaches none of Bob's tasks or keys through any route: she is answered as if they
 * did not exist (404, never a 403 that would tell her they do), and Bob's data is intact.
 */
const ownerIsolation = (name: string, makeInvoke: () => Promise<Invoke>) =>
  describe(`owner isolation (${name})`, () => {
    it("keeps every task and idempotency key of one owner out of another's reach", async () => {
      const invoke = await makeInvoke();
      const bobs = await invoke(
        as('bob', {
          method: 'POST',
          rawPath: '/tasks',
          headers: { ...json, 'idempotency-key': 'k' },
          body: '{"title":"Bob\'s"}',
        }),
      );
      expect(bobs.status).toBe(201);
      const taskId = String(fieldOf(bobs.body, 'taskId'));
      const path = `/tasks/${taskId}`;

      expect((await invoke(as('alice', { rawPath: path }))).status).toBe(404);
      expect(
        (
          await invoke(
            as('alice', {
              method: 'PATCH',
              rawPath: path,
              headers: json,
              body: '{"title":"Mine"}',
            }),
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await invoke(
            as('alice', {
              method: 'PATCH',
              rawPath: path,
              headers: { ...json, 'if-match': '"1"' },
              body: '{"title":"Mine"}',
            }),
          )
        ).status,
      ).toBe(404);
      expect((await invoke(as('alice', { method: 'DELETE', rawPath: path }))).status).toBe(404);
      expect(itemsOf(await invoke(as('alice', { rawPath: '/tasks' })))).toEqual([]);
      expect(
        itemsOf(
          await invoke(as('alice', { rawPath: '/tasks', rawQueryString: `lastKey=${taskId}` })),
        ),
      ).toEqual([]);

      // The same key and body for Alice create her own task: keys are per owner.
      const alices = await invoke(
        as('alice', {
          method: 'POST',
          rawPath: '/tasks',
          headers: { ...json, 'idempotency-key': 'k' },
          body: '{"title":"Bob\'s"}',
        }),
      );
      expect(alices.status).toBe(201);
      expect(alices.header('idempotent-replayed')).toBeUndefined();
      expect(fieldOf(alices.body, 'taskId')).not.toBe(taskId);

      const still = await invoke(as('bob', { rawPath: path }));
      expect(still.status).toBe(200);
      expect(still.body).toMatchObject({ title: "Bob's", version: 1 });
    });
  });

ownerIsolation('in memory', async () => {
  const harness = setup();
  return (overrides) => harness.invoke(httpEvent(overrides));
});

ownerIsolation('DynamoDB Local', async () => {
  const api = await dynamoDbHandler(endpoint());
  return (overrides) => api.invoke(overrides);
});
