/**
 * SPEC §5: every store call ends before the function's deadline, so that a stalled store
 * is a 503 problem, never the platform's timeout (a 500 `{"message":"Internal Server
 * Error"}`), and no write of a request lands after its answer. Before the deadline came
 * from the context, the local runtime's client waited 10 s per attempt, 3 attempts, past
 * a 20 s function timeout, and a write stalled at 0 s landed at 35 s.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { endpoint } from '../handlers/support/local-table.js';
import { type Reply, toReply } from '../http/harness.js';
import { httpEvent } from '../http/http-event.js';
import { composeApi } from '../support/api-handler.js';
import { createTable, postTask } from './dynamodb-handler.js';
import { invokeAsLambda } from './platform.js';
import { type StallingProxy, startStallingProxy } from './stalling-proxy.js';

// Lambda's default timeout: far below the template's 20 s, so that the test is short; the
// rule is the same at any timeout.
const FUNCTION_TIMEOUT_MS = 3000;
const JSON_HEADERS = { 'content-type': 'application/json' };

let proxy: StallingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const taskIdOf = (reply: Reply): string => String(Reflect.get(Object(reply.body), 'taskId'));

describe('a store that stalls for longer than the function timeout', () => {
  it.each([
    [
      'a PATCH',
      (taskId: string) => ({
        method: 'PATCH',
        rawPath: `/tasks/${taskId}`,
        headers: JSON_HEADERS,
        body: '{"title":"During the stall"}',
      }),
    ],
    [
      'a PATCH with If-Match',
      (taskId: string) => ({
        method: 'PATCH',
        rawPath: `/tasks/${taskId}`,
        headers: { ...JSON_HEADERS, 'if-match': '"1"' },
        body: '{"status":"DONE"}',
      }),
    ],
    ['a DELETE', (taskId: string) => ({ method: 'DELETE', rawPath: `/tasks/${taskId}` })],
    ['a POST', () => postTask('During the stall')],
  ])(
    'answers %s with a 503 problem and Retry-After before the timeout, and its write never lands',
    async (_, request) => {
      proxy = await startStallingProxy(endpoint());
      const tableName = `tasks-${randomUUID()}`;
      await createTable(endpoint(), tableName);
      const handler = composeApi({
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: proxy.endpoint,
        AUTH_MODE: 'jwt',
        LOG_LEVEL: 'error',
      });
      const call = async (event: Parameters<typeof httpEvent>[0]) =>
        toReply((await invokeAsLambda(handler, httpEvent(event), 20_000)).answer);
      const created = await call(postTask('Before the stall'));
      expect(created.status).toBe(201);
      const taskId = taskIdOf(created);

      proxy.stall();
      const { answer, settled } = await invokeAsLambda(
        handler,
        httpEvent(request(taskId)),
        FUNCTION_TIMEOUT_MS,
      );
      const reply = toReply(answer);
      expect(reply.status).toBe(503);
      expect(reply.header('content-type')).toBe('application/problem+json');
      expect(reply.header('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(reply.body).toMatchObject({ status: 503, code: 'storage_unavailable' });
      await settled;

      // The stall outlasts the function's timeout; meanwhile every connection that carried
      // the request is closed, so that nothing it sent can reach the store when it resumes.
      await sleep(FUNCTION_TIMEOUT_MS);
      for (let polls = 0; polls < 100 && proxy.held() > 0; polls++) await sleep(20);
      expect(proxy.held()).toBe(0);
      proxy.resume();

      const after = await call({ rawPath: `/tasks/${taskId}` });
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ title: 'Before the stall', status: 'TODO', version: 1 });
      const list = await call({ rawPath: '/tasks' });
      expect(Reflect.get(Object(list.body), 'items')).toHaveLength(1);
    },
  );

  // The statistics store is composed as the repository is: its Query obeys the deadline too.
  it('answers GET /tasks/stats with a 503 problem and Retry-After before the timeout', async () => {
    proxy = await startStallingProxy(endpoint());
    const tableName = `tasks-${randomUUID()}`;
    await createTable(endpoint(), tableName);
    await createTable(endpoint(), `${tableName}-stats`, 'StatsTable');
    const handler = composeApi({
      TABLE_NAME: tableName,
      STATS_TABLE_NAME: `${tableName}-stats`,
      DYNAMODB_ENDPOINT: proxy.endpoint,
      AUTH_MODE: 'jwt',
      LOG_LEVEL: 'error',
    });
    const stats = { rawPath: '/tasks/stats' };
    expect(toReply((await invokeAsLambda(handler, httpEvent(stats), 20_000)).answer).status).toBe(
      200,
    );

    proxy.stall();
    const { answer, settled } = await invokeAsLambda(
      handler,
      httpEvent(stats),
      FUNCTION_TIMEOUT_MS,
    );
    const reply = toReply(answer);
    expect(reply.status).toBe(503);
    expect(reply.header('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(reply.body).toMatchObject({ status: 503, code: 'storage_unavailable' });
    await settled;
  });
});
