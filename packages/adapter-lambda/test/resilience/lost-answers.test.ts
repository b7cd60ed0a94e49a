/**
 * SPEC §5: a write whose answer was lost, and that the SDK retried, reports what it did.
 * The first attempt of each write reaches DynamoDB Local and is applied; its answer is
 * then replaced by a timeout, as a dropped connection would, and the SDK retries. Before
 * the fix a PATCH with `If-Match: "1"` answered 412 though its change was stored at
 * version 2, one without `If-Match` left version 3, and a DELETE answered 404.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbTaskRepository } from '@tasks/adapter-dynamodb';
import { makeTaskUseCases } from '@tasks/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { makeJsonLogger } from '../../src/index.js';
import { freshTable, localClient } from '../handlers/support/local-table.js';
import { toReply } from '../http/harness.js';
import { httpEvent } from '../http/http-event.js';
import { lambdaContext } from '../http/lambda-context.js';
import { makeApiHandler } from '../support/api-handler.js';
import { postTask } from './dynamodb-handler.js';

/** The first attempt of each `commandName` call is applied by DynamoDB; its answer is lost. */
const loseFirstAnswers = (client: DynamoDBClient, commandName: string) => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const attempt = Reflect.get(Object(args.request).headers ?? {}, 'amz-sdk-request');
      if (context.commandName !== commandName || !String(attempt).startsWith('attempt=1;')) {
        return result;
      }
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });
    },
    { step: 'deserialize', name: 'loseFirstAnswers' },
  );
};

let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

const apiLosing = async (commandName: string) => {
  const table = await freshTable();
  drop = table.drop;
  const client = localClient();
  loseFirstAnswers(client, commandName);
  const handler = makeApiHandler({
    useCases: makeTaskUseCases({
      tasks: new DynamoDbTaskRepository({
        client,
        tableName: table.tableName,
      }),
    }),
    owner: { mode: 'jwt' },
    logger: makeJsonLogger({ sink: () => {} }),
  });
  const invoke = async (event: Parameters<typeof httpEvent>[0]) =>
    toReply(await handler(httpEvent(event), lambdaContext()));
  const created = await invoke(postTask('Lost answers'));
  return { invoke, taskId: String(Reflect.get(Object(created.body), 'taskId')) };
};

const patch = (taskId: string, headers: Record<string, string> = {}) => ({
  method: 'PATCH',
  rawPath: `/tasks/${taskId}`,
  headers: { 'content-type': 'application/json', ...headers },
  body: '{"status":"DONE"}',
});

describe('a write whose answer was lost and that the SDK retried', () => {
  it('a PATCH with If-Match answers 200 with version 2, not 412', async () => {
    const { invoke, taskId } = await apiLosing('UpdateItemCommand');
    const reply = await invoke(patch(taskId, { 'if-match': '"1"' }));
    expect(reply.status).toBe(200);
    expect(reply.header('etag')).toBe('"2"');
    expect(reply.body).toMatchObject({ status: 'DONE', version: 2 });
    expect((await invoke({ rawPath: `/tasks/${taskId}` })).header('etag')).toBe('"2"');
  });

  it('a PATCH without If-Match is applied once: version 2, not 3', async () => {
    const { invoke, taskId } = await apiLosing('UpdateItemCommand');
    const reply = await invoke(patch(taskId));
    expect(reply.status).toBe(200);
    expect(reply.header('etag')).toBe('"2"');
    expect((await invoke({ rawPath: `/tasks/${taskId}` })).header('etag')).toBe('"2"');
  });

  it.each([
    ['without If-Match', {}],
    ['with If-Match', { 'if-match': '"1"' }],
  ])('a DELETE %s answers 204, not 404', async (_, headers) => {
    const { invoke, taskId } = await apiLosing('DeleteItemCommand');
    const reply = await invoke({ method: 'DELETE', rawPath: `/tasks/${taskId}`, headers });
    expect(reply.status).toBe(204);
    expect((await invoke({ rawPath: `/tasks/${taskId}` })).status).toBe(404);
  });
});
