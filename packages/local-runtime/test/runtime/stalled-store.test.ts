/**
 * SPEC §5 in the local runtime: each store call ends before the function's deadline, which
 * the runtime hands the bundles in their Lambda context, so that a store stalled past the
 * function's timeout is a 503 problem, not the gateway's `500 {"message":"Internal Server
 * Error"}` at the timeout (what a request got before: the local client allows 10 s per
 * answer, 3 attempts, against the template's 20 s).
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEMPLATE_PATH } from '@tasks/sam-template';
import { afterEach, describe, expect, inject, it } from 'vitest';
// The proxy the handler-level test of the same rule uses: one model of a stalled store.
import {
  type StallingProxy,
  startStallingProxy,
} from '../../../adapter-lambda/test/resilience/stalling-proxy.js';
import { type LocalRuntime, startLocalRuntime } from '../../src/index.js';
import { apiAt } from '../support/api.js';
import { useTempDirs } from '../support/temp-dir.js';

// Lambda's default: far below the template's 20 s, so that the test is short.
const FUNCTION_TIMEOUT_S = 3;

/** infra/template.yaml with every function's timeout at `seconds`, written to `dir`. */
const templateWithTimeout = async (dir: string, seconds: number): Promise<string> => {
  const original = await readFile(TEMPLATE_PATH, 'utf8');
  const timed = original.replace(/^( {4}Timeout:) \d+$/m, `$1 ${seconds}`);
  if (timed === original) throw new Error('no Globals Timeout in the template');
  // Without the stream's event source mapping: the local poller would read the stream
  // through the same stalled proxy, and this test counts what the API's functions left
  // on their way (the poller's own calls are bounded by its client's timeouts).
  const shortened = timed.replace(/^( +Type:) DynamoDB$/m, '$1 DynamoDBStreamOffForThisTest');
  if (shortened === timed) throw new Error('no DynamoDB stream event in the template');
  // The bundles stay where the template's CodeUri names them.
  const templateDir = dirname(TEMPLATE_PATH);
  const path = join(dir, 'template.yaml');
  await writeFile(
    path,
    shortened.replace(
      /CodeUri: (\S+)/g,
      (_, uri: string) => `CodeUri: ${resolve(templateDir, uri)}/`,
    ),
  );
  return path;
};

const tempDir = useTempDirs();
let proxy: StallingProxy | undefined;
let runtime: LocalRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  await proxy?.close();
  runtime = undefined;
  proxy = undefined;
});

describe('the local runtime on a store that stalls for longer than the function timeout', () => {
  it('answers a 503 problem with Retry-After, not the gateway timeout, and serves again after', async () => {
    proxy = await startStallingProxy(inject('dynamodbEndpoint'));
    runtime = await startLocalRuntime({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'error',
      store: 'dynamodb',
      dynamoDbEndpoint: proxy.endpoint,
      tableName: `tasks-test-${randomUUID()}`,
      templatePath: await templateWithTimeout(await tempDir(), FUNCTION_TIMEOUT_S),
      log: () => {},
    });
    const url = runtime.url;
    const api = apiAt(() => url);
    const created = await api.post('/tasks', { json: { title: 'Before the stall' } });
    expect(created.status).toBe(201);
    const taskId = String(Reflect.get(Object(created.json), 'taskId'));

    proxy.stall();
    const reply = await api.patch(`/tasks/${taskId}`, { json: { title: 'During the stall' } });
    expect(reply.status).toBe(503);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.header('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(reply.json).toMatchObject({ status: 503, code: 'storage_unavailable' });

    // The stall outlasts the timeout; nothing the function sent is still on its way.
    await sleep(FUNCTION_TIMEOUT_S * 1000);
    for (let polls = 0; polls < 100 && proxy.held() > 0; polls++) await sleep(20);
    expect(proxy.held()).toBe(0);
    proxy.resume();
    const after = await api.get(`/tasks/${taskId}`);
    expect(after.status).toBe(200);
    expect(after.json).toMatchObject({ title: 'Before the stall', version: 1 });
  });
});
