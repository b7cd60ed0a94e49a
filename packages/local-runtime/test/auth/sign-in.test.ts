import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { issueToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '@tasks/local-issuer';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { JWKS_PATH, MAX_USERNAME_LENGTH, SIGN_IN_PATH } from '../../src/index.js';
import { type Api, createdId, field, itemsOf, type Reply } from '../support/api.js';
import { useAuthRuntime, withAuthorization } from '../support/auth-runtime.js';
import { STORES, useRuntime } from '../support/stores.js';

const [memory] = STORES;
if (memory === undefined) throw new Error('no store');

const isKeySet = (value: unknown): value is JSONWebKeySet => Array.isArray(field(value, 'keys'));

const tokenOf = (reply: Reply): string => {
  const token = field(reply.json, 'token');
  if (typeof token !== 'string') throw new Error(`no token in ${reply.status} ${reply.text}`);
  return token;
};

const expectProblem = (reply: Reply, status: number, code: string): void => {
  expect(reply.status).toBe(status);
  expect(reply.header('content-type')).toBe('application/problem+json');
  expect(reply.json).toMatchObject({
    type: expect.stringMatching(/^https:\/\/tasks\.example\.com\/problems\//),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
};

/** A sign-in sent to `url` with the `Host` header `host` (fetch always sends the URL's). */
const signInWithHost = (url: string, host: string) =>
  new Promise<{ status: number; contentType: string | undefined; json: unknown }>(
    (resolve, reject) => {
      const { hostname, port } = new URL(url);
      const sent = httpRequest(
        {
          hostname,
          port,
          method: 'POST',
          path: SIGN_IN_PATH,
          headers: { host, 'content-type': 'application/json' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'],
              json: JSON.parse(Buffer.concat(chunks).toString()),
            }),
          );
          response.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(JSON.stringify({ username: 'alice' }));
    },
  );

// Issue 15: with TASKS_AUTH=jwt the page signs in through the local issuer, any user name
// (development only), so that two users in two windows see only their own tasks.
describe('POST /local-issuer/sign-in with TASKS_AUTH=jwt (the local issuer)', () => {
  const runtime = useAuthRuntime(memory);
  const { api } = runtime;
  const signIn = (username: unknown) => api.post(SIGN_IN_PATH, { json: { username } });

  it('hands out a token of the local issuer whose sub is the user name, for an hour, never cached', async () => {
    const reply = await signIn('alice');

    expect(reply.status).toBe(200);
    expect(reply.header('content-type')).toBe('application/json');
    expect(reply.header('cache-control')).toBe('no-store');
    expect(reply.json).toEqual({ token: expect.any(String), expiresIn: 3600 });
    const jwks = (await api.get(JWKS_PATH)).json;
    if (!isKeySet(jwks)) throw new Error('the JWKS has no keys');
    const { payload } = await jwtVerify(tokenOf(reply), createLocalJWKSet(jwks), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    expect(payload.sub).toBe('alice');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('gives the token npm run token -- --sub alice gives: the same header and claims', async () => {
    const signedIn = tokenOf(await signIn('alice'));
    const printed = await issueToken(runtime.key(), { sub: 'alice' });
    const { iat: _signedAt, exp: _expires, ...claims } = decodeJwt(signedIn);
    const { iat: _printedAt, exp: _printedExpires, ...printedClaims } = decodeJwt(printed);

    expect(claims).toEqual(printedClaims);
    expect(decodeProtectedHeader(signedIn)).toEqual(decodeProtectedHeader(printed));
  });

  it('trims the user name, and takes one of 128 characters (code points, not UTF-16 units)', async () => {
    const long = '😀'.repeat(MAX_USERNAME_LENGTH);

    expect(decodeJwt(tokenOf(await signIn('  alice  '))).sub).toBe('alice');
    expect(decodeJwt(tokenOf(await signIn(long))).sub).toBe(long);
  });

  it.each([
    ['missing', {}],
    ['null', { username: null }],
    ['a number', { username: 42 }],
    ['empty', { username: '' }],
    ['blank', { username: ' \t ' }],
    ['too long', { username: 'a'.repeat(MAX_USERNAME_LENGTH + 1) }],
    ['with a NUL', { username: 'al\u0000ice' }],
    ['with a newline', { username: 'al\nice' }],
    ['with a DEL', { username: 'al\u007fice' }],
    ['with a right-to-left override', { username: 'alice\u202eevil' }],
    ['with a zero-width space', { username: 'al\u200bice' }],
    ['with a line separator', { username: 'al\u2028ice' }],
    ['with a paragraph separator', { username: 'al\u2029ice' }],
    ['with a lone high surrogate', { username: 'al\ud800ice' }],
    ['with a lone low surrogate', { username: 'alice\udc00' }],
    ['beside another field', { username: 'alice', admin: true }],
  ])('refuses a user name that is %s: 400, naming the field', async (_, body) => {
    const reply = await api.post(SIGN_IN_PATH, { json: body });

    expectProblem(reply, 400, 'validation_failed');
    expect(field(reply.json, 'errors')).toEqual([
      { path: 'username', message: expect.any(String) },
    ]);
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"alice"'],
  ])('refuses a body that is %s: 400', async (_, body) => {
    const reply = await api.post(SIGN_IN_PATH, {
      body,
      headers: { 'content-type': 'application/json' },
    });

    expectProblem(reply, 400, 'validation_failed');
  });

  it.each([
    ['truncated JSON', Buffer.from('{"username": "al')],
    ['no body', Buffer.alloc(0)],
    [
      'a name in bytes that are not UTF-8',
      Buffer.concat([Buffer.from('{"username":"al'), Buffer.from([0xff]), Buffer.from('ice"}')]),
    ],
  ])('answers %s with 400 malformed_json', async (_, body) => {
    const reply = await api.post(SIGN_IN_PATH, {
      body,
      headers: { 'content-type': 'application/json' },
    });

    expectProblem(reply, 400, 'malformed_json');
  });

  it.each([
    ['no Content-Type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('answers a body with %s with 415', async (_, headers) => {
    const reply = await api.post(SIGN_IN_PATH, { body: '{"username":"alice"}', headers });

    expectProblem(reply, 415, 'unsupported_media_type');
  });

  it('takes JSON with a charset', async () => {
    const reply = await api.post(SIGN_IN_PATH, {
      body: '{"username":"alice"}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });

    expect(reply.status).toBe(200);
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])(
    'answers %s with 405 and Allow: POST',
    async (method) => {
      const reply = await api.request(method, SIGN_IN_PATH);

      expectProblem(reply, 405, 'method_not_allowed');
      expect(reply.header('allow')).toBe('POST');
    },
  );

  it('answers HEAD with 405 and Allow: POST, without a body', async () => {
    const reply = await api.request('HEAD', SIGN_IN_PATH);

    expect(reply.status).toBe(405);
    expect(reply.header('allow')).toBe('POST');
    expect(reply.text).toBe('');
  });

  it.each([
    '127.0.0.1',
    '127.0.0.1:3000',
    'localhost',
    'localhost:3000',
    'LocalHost:3000',
    '[::1]',
    '[::1]:3000',
  ])('signs in a request to the loopback host %s', async (host) => {
    const reply = await signInWithHost(runtime.url(), host);

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ token: expect.any(String), expiresIn: 3600 });
  });

  // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 sends its own.
  it.each([
    'evil.example',
    'evil.example:3000',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    '192.168.1.20:3000',
    '[::2]:3000',
    '127.0.0.1:3000.evil.example',
  ])('refuses a request to the host %s: 403, saying why', async (host) => {
    const reply = await signInWithHost(runtime.url(), host);

    expect(reply.status).toBe(403);
    expect(reply.contentType).toBe('application/problem+json');
    expect(reply.json).toMatchObject({
      status: 403,
      code: 'forbidden',
      detail: expect.stringContaining(
        `only a request to a loopback host (Host 127.0.0.1, localhost or [::1], with or without the port), not one with Host ${JSON.stringify(host)}`,
      ),
    });
    expect(field(reply.json, 'token')).toBeUndefined();
  });

  it('gives two users tokens whose sub differ, and the API keeps their tasks apart', async () => {
    const as = async (username: string): Promise<Api> => {
      const token = tokenOf(await signIn(username));
      return withAuthorization(api, async () => `Bearer ${token}`);
    };
    const [alice, bob] = [await as('alice'), await as('bob')];
    const [aliceSub, bobSub] = await Promise.all(
      ['alice', 'bob'].map(async (name) => decodeJwt(tokenOf(await signIn(name))).sub),
    );
    expect(aliceSub).not.toBe(bobSub);

    const hers = createdId(
      await alice.post('/tasks', { json: { title: `Alice's ${randomUUID()}` } }),
    );

    expect((await alice.get(`/tasks/${hers}`)).status).toBe(200);
    expect((await bob.get(`/tasks/${hers}`)).status).toBe(404);
    const bobsIds = itemsOf(await bob.get('/tasks?limit=100')).map((item) => field(item, 'taskId'));
    expect(bobsIds).not.toContain(hers);
  });
});

describe('no sign-in where the runtime is not the local issuer', () => {
  const api = useRuntime(memory);

  it('answers POST /local-issuer/sign-in with authentication off as any unknown path: 404', async () => {
    const reply = await api.post(SIGN_IN_PATH, { json: { username: 'alice' } });

    expectProblem(reply, 404, 'not_found');
  });
});
