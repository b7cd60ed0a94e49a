import { join } from 'node:path';
import {
  issueToken,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateSigningKey,
} from '@tasks/local-issuer';
import { CompactSign, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { field, itemsOf } from '../support/api.js';
import { type AuthRuntime, useAuthRuntime } from '../support/auth-runtime.js';
import { STORES } from '../support/stores.js';

/** A refused token and what the `www-authenticate` challenge says about it. */
interface Refusal {
  readonly name: string;
  /** The `Authorization` header; none when `undefined`. */
  readonly header: (runtime: AuthRuntime) => Promise<string | undefined>;
  readonly challenge: RegExp;
}

// RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E, nothing else.
const INVALID_TOKEN =
  /^Bearer scope="" error="invalid_token" error_description="[\x20\x21\x23-\x5b\x5d-\x7e]+"$/;
const SUB = 'eve';
// A token whose every claim is right: only the part a case names is wrong.
const claims = { sub: SUB, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, token_use: 'id' };
const epoch = (): number => Math.floor(Date.now() / 1000);

/**
 * `Bearer <token>` signed RS256 with the runtime's key, whatever its header says (jose is
 * told to write the `crit` names it lists), with valid claims overridden by `overrides`.
 */
const signed = async (
  rt: AuthRuntime,
  header: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Promise<string> => {
  const payload = { ...claims, iat: epoch(), exp: epoch() + 60, ...overrides };
  const crit = Array.isArray(header['crit']) ? header['crit'].map(String) : [];
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ ...header, alg: 'RS256' })
    .sign(rt.key().privateKey, { crit: Object.fromEntries(crit.map((name) => [name, true])) });
  return `Bearer ${token}`;
};

const REFUSALS: readonly Refusal[] = [
  { name: 'no Authorization header', header: async () => undefined, challenge: /^Bearer$/ },
  { name: 'an empty Authorization header', header: async () => '', challenge: /^Bearer$/ },
  {
    name: 'an expired token',
    header: async (rt) => `Bearer ${await rt.token({ sub: SUB, expiresInSeconds: -60 })}`,
    challenge: INVALID_TOKEN,
  },
  {
    name: 'a token signed by another key under the same kid',
    header: async (rt) => {
      const other = await loadOrCreateSigningKey(join(rt.dataDir(), 'another-key'));
      return `Bearer ${await issueToken({ ...other, kid: rt.key().kid }, { sub: SUB })}`;
    },
    challenge: INVALID_TOKEN,
  },
  {
    name: 'a token for another audience',
    header: async (rt) => `Bearer ${await rt.token({ sub: SUB, audience: 'another-app' })}`,
    // The one refusal whose wording AWS documents.
    challenge: /error_description="the token does not have a valid audience"$/,
  },
  {
    name: 'a token of another issuer',
    header: async (rt) => `Bearer ${await rt.token({ sub: SUB, issuer: 'https://evil.example' })}`,
    challenge: INVALID_TOKEN,
  },
  {
    name: 'an unsigned token (alg: none)',
    header: async () => `Bearer ${new UnsecuredJWT(claims).setExpirationTime('1h').encode()}`,
    challenge: INVALID_TOKEN,
  },
  {
    name: 'an HMAC token keyed with the public key',
    header: async (rt) => {
      const secret = new TextEncoder().encode(JSON.stringify(rt.key().publicJwk));
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: rt.key().kid })
        .setExpirationTime('1h')
        .sign(secret);
      return `Bearer ${token}`;
    },
    challenge: INVALID_TOKEN,
  },
  { name: 'a malformed token', header: async () => 'Bearer not.a.jwt', challenge: INVALID_TOKEN },
  { name: 'a bare Bearer', header: async () => 'Bearer', challenge: INVALID_TOKEN },
  // What API Gateway's JWT authorizer checks ("Control access to HTTP APIs with JWT
  // authorizers", API Gateway developer guide) beyond signature, issuer and expiry.
  {
    name: 'a token for another audience in aud whose client_id is ours (aud wins)',
    header: async (rt) =>
      signed(rt, { kid: rt.key().kid }, { aud: 'someone-else', client_id: LOCAL_AUDIENCE }),
    challenge: /error_description="the token does not have a valid audience"$/,
  },
  {
    name: 'a token without kid',
    header: async (rt) => signed(rt, {}, {}),
    challenge: INVALID_TOKEN,
  },
  {
    name: 'a token issued in the future (iat)',
    header: async (rt) => signed(rt, { kid: rt.key().kid }, { iat: epoch() + 300 }),
    challenge: INVALID_TOKEN,
  },
  {
    name: 'a token not valid yet (nbf)',
    header: async (rt) => signed(rt, { kid: rt.key().kid }, { nbf: epoch() + 300 }),
    challenge: INVALID_TOKEN,
  },
  {
    // Its header name once reached www-authenticate, which cannot carry it: a 500.
    name: 'a token with an unknown crit parameter named in Chinese',
    header: async (rt) => signed(rt, { kid: rt.key().kid, crit: ['中'], 中: 1 }, {}),
    challenge: INVALID_TOKEN,
  },
];

describe.each(STORES)('bearer tokens with TASKS_AUTH=jwt over HTTP, $name', (store) => {
  const runtime = useAuthRuntime(store);
  const { api } = runtime;
  const eve = runtime.as(SUB);

  it.each(REFUSALS)('answers 401 Unauthorized to $name and runs no function', async (refusal) => {
    const header = await refusal.header(runtime);
    const title = `Refused: ${refusal.name}`;
    const headers: Record<string, string> = header === undefined ? {} : { authorization: header };

    const created = await api.post('/tasks', { json: { title }, headers });
    const listed = await api.get('/tasks', { headers });

    for (const reply of [created, listed]) {
      expect(reply.status).toBe(401);
      // API Gateway's own answer: a function's 401 would be problem+json.
      expect(reply.header('content-type')).toBe('application/json');
      expect(reply.text).toBe('{"message":"Unauthorized"}');
      expect(reply.header('www-authenticate')).toMatch(refusal.challenge);
      expect(reply.header('apigw-requestid')).toEqual(expect.any(String));
    }
    const titles = itemsOf(await eve.get('/tasks?limit=100')).map((item) => field(item, 'title'));
    expect(titles).not.toContain(title);
  });

  it('accepts a valid token with and without the Bearer prefix', async () => {
    const token = await runtime.token({ sub: 'frank' });

    const prefixed = await api.post('/tasks', {
      json: { title: 'With Bearer' },
      headers: { authorization: `Bearer ${token}` },
    });
    const bare = await api.get('/tasks', { headers: { authorization: token } });

    expect(prefixed.status).toBe(201);
    expect(bare.status).toBe(200);
    expect(itemsOf(bare).map((item) => field(item, 'title'))).toEqual(['With Bearer']);
  });

  it('answers OPTIONS without a token, a CORS preflight or not: its routes opt out of the authorizer', async () => {
    const preflight = await api.request('OPTIONS', '/tasks', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    const plain = await api.request('OPTIONS', '/tasks');

    expect(preflight.status).toBe(204);
    expect(preflight.header('access-control-allow-origin')).toBe('*');
    expect(plain.status).toBe(204);
    expect(plain.header('allow')).toBe('POST, GET, OPTIONS');
  });

  it('lets an accepted token through to the $default route, whose function answers 404', async () => {
    const reply = await eve.get('/nowhere');

    expect(reply.status).toBe(404);
    expect(reply.header('content-type')).toBe('application/problem+json');
  });
});
