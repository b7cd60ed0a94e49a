import { afterEach, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../src/bundles.js';
import { startFakeGateway } from '../support/fake-gateway.js';

type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;

const INTERNAL_SERVER_ERROR = { message: 'Internal Server Error' };

describe('what the local API Gateway answers for a function result', () => {
  let gateway: FakeGateway;
  afterEach(async () => {
    await gateway.close();
  });

  const answering = async (handler: LambdaHandler, timeoutMs?: number) => {
    gateway = await startFakeGateway({
      handlers: { List: handler },
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    return fetch(`${gateway.url}/tasks`);
  };

  it('honours statusCode, headers, multiValueHeaders and cookies of a structured result', async () => {
    const reply = await answering(async () => ({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', ETag: '"1"', 'X-Count': 3 },
      multiValueHeaders: { Vary: ['Origin', 'Accept'] },
      cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
      body: '{"ok":true}',
    }));

    expect(reply.status).toBe(201);
    expect(reply.headers.get('etag')).toBe('"1"');
    expect(reply.headers.get('x-count')).toBe('3');
    expect(reply.headers.get('vary')).toBe('Origin, Accept');
    expect(reply.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(await reply.json()).toEqual({ ok: true });
  });

  it('decodes a base64 body when isBase64Encoded is true', async () => {
    const reply = await answering(() => ({
      statusCode: 200,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 254, 255]).toString('base64'),
      isBase64Encoded: true,
    }));

    expect(new Uint8Array(await reply.arrayBuffer())).toEqual(new Uint8Array([0, 1, 254, 255]));
  });

  it('answers 204 without a body when the result has none', async () => {
    const reply = await answering(async () => ({ statusCode: 204, headers: {} }));

    expect(reply.status).toBe(204);
    expect(await reply.text()).toBe('');
  });

  it('reads a result without statusCode as a 200 JSON body, as payload 2.0 does', async () => {
    const reply = await answering(async () => ({ items: [] }));

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(await reply.json()).toEqual({ items: [] });
  });

  it('answers 500 Internal Server Error when the function rejects, and logs why', async () => {
    const reply = await answering(async () => {
      throw new TypeError('boom');
    });

    expect(reply.status).toBe(500);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(await reply.json()).toEqual(INTERNAL_SERVER_ERROR);
    expect(gateway.logs).toHaveLength(1);
    expect(JSON.parse(gateway.logs[0] ?? '')).toMatchObject({
      level: 'ERROR',
      message: 'Invoke Error',
      functionName: 'tasks-local-List',
      errorType: 'TypeError',
      errorMessage: 'boom',
      requestId: reply.headers.get('apigw-requestid'),
    });
  });

  it('answers 500 when the function throws before returning a promise', async () => {
    const reply = await answering(() => {
      throw new Error('sync boom');
    });

    expect(reply.status).toBe(500);
    expect(await reply.json()).toEqual(INTERNAL_SERVER_ERROR);
  });

  it('answers 500 when the function outlives its timeout', async () => {
    const reply = await answering(() => new Promise(() => undefined), 50);

    expect(reply.status).toBe(500);
    expect(await reply.json()).toEqual(INTERNAL_SERVER_ERROR);
    expect(gateway.logs.join('\n')).toContain('Task timed out after 0.05 seconds');
  });

  it.each([
    ['a status code that is not a number', { statusCode: '200' }],
    ['a status code out of range', { statusCode: 99 }],
    ['a body that is not a string', { statusCode: 200, body: { ok: true } }],
    ['a header value that is an object', { statusCode: 200, headers: { 'X-A': { b: 1 } } }],
    ['cookies that are not strings', { statusCode: 200, cookies: [1] }],
    ['a header HTTP cannot carry', { statusCode: 200, headers: { ETag: '"1"', 'X-Bad': 'a\nb' } }],
  ])('answers 500 for a structured result with %s', async (_, result) => {
    const reply = await answering(async () => result);

    expect(reply.status).toBe(500);
    expect(await reply.json()).toEqual(INTERNAL_SERVER_ERROR);
    expect(reply.headers.get('etag')).toBeNull();
  });

  it('answers 404 Not Found itself when no route and no $default take the request', async () => {
    gateway = await startFakeGateway({
      routes: [{ functionId: 'List', method: 'GET', path: '/tasks' }],
    });

    const reply = await fetch(`${gateway.url}/projects`);

    expect(reply.status).toBe(404);
    expect(await reply.json()).toEqual({ message: 'Not Found' });
    expect(reply.headers.get('apigw-requestid')).toBeTruthy();
    expect(gateway.invocations).toEqual([]);
  });
});
