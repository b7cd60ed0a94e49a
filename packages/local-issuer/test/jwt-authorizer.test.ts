import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issueToken,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateSigningKey,
  makeJwtAuthorizer,
  type SigningKey,
  verificationKeys,
} from '../src/index.js';

let directory: string;
let key: SigningKey;
let otherKey: SigningKey;
let authorize: ReturnType<typeof makeJwtAuthorizer>;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tasks-issuer-'));
  key = await loadOrCreateSigningKey(join(directory, 'ours'));
  otherKey = await loadOrCreateSigningKey(join(directory, 'theirs'));
  authorize = makeJwtAuthorizer({
    issuer: LOCAL_ISSUER,
    audience: [LOCAL_AUDIENCE],
    keys: verificationKeys({ key }),
  });
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('the local JWT authorizer', () => {
  it('accepts a token of the local issuer and hands over its claims as strings, as API Gateway does', async () => {
    const token = await issueToken(key, {
      sub: 'alice',
      claims: { email_verified: true, groups: ['a', 'b'] },
    });
    const verdict = await authorize(`Bearer ${token}`);
    expect(verdict).toEqual({
      ok: true,
      jwt: {
        claims: expect.objectContaining({
          sub: 'alice',
          iss: LOCAL_ISSUER,
          aud: LOCAL_AUDIENCE,
          token_use: 'id',
          email_verified: 'true',
          groups: '[a b]',
          exp: expect.stringMatching(/^\d+$/),
        }),
        scopes: null,
      },
    });
  });

  it('accepts the token without the Bearer prefix too', async () => {
    await expect(authorize(await issueToken(key, { sub: 'alice' }))).resolves.toMatchObject({
      ok: true,
    });
  });

  it('accepts an access token whose client_id is the audience, with its scopes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      client_id: LOCAL_AUDIENCE,
      scope: 'tasks/read tasks/write',
      token_use: 'access',
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject('alice')
      .setIssuer(LOCAL_ISSUER)
      .setExpirationTime(now + 60)
      .sign(key.privateKey);
    await expect(authorize(token)).resolves.toMatchObject({
      ok: true,
      jwt: { scopes: ['tasks/read', 'tasks/write'] },
    });
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['missing', async () => undefined],
    ['empty', async () => 'Bearer '],
    ['not a JWT', async () => 'Bearer not.a.jwt'],
    ['expired', async () => issueToken(key, { sub: 'alice', expiresInSeconds: -60 })],
    [
      'signed by another key',
      async () => issueToken({ ...otherKey, kid: key.kid }, { sub: 'alice' }),
    ],
    [
      'for another audience',
      async () => issueToken(key, { sub: 'alice', audience: 'someone-else' }),
    ],
    [
      'from another issuer',
      async () => issueToken(key, { sub: 'alice', issuer: 'https://evil.example' }),
    ],
    [
      'unsigned (alg: none)',
      async () =>
        new UnsecuredJWT({ sub: 'alice', aud: LOCAL_AUDIENCE })
          .setIssuer(LOCAL_ISSUER)
          .setExpirationTime('1h')
          .encode(),
    ],
    [
      'signed with HMAC',
      async () =>
        new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256', kid: key.kid })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('a shared secret of at least thirty-two bytes')),
    ],
    [
      'without an expiry',
      async () =>
        new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'RS256', kid: key.kid })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .sign(key.privateKey),
    ],
  ])('refuses a token that is %s', async (_, token) => {
    const value = await token();
    const verdict = await authorize(
      value === undefined || value.startsWith('Bearer') ? value : `Bearer ${value}`,
    );
    expect(verdict).toMatchObject({ ok: false, reason: expect.any(String) });
  });
});

describe('the signing key', () => {
  it('is kept, readable by its owner only, and the same on the next load', async () => {
    const again = await loadOrCreateSigningKey(join(directory, 'ours'));
    expect(again.kid).toBe(key.kid);
    expect(again.publicJwk).toEqual(key.publicJwk);
    expect((await stat(join(directory, 'ours', 'signing-key.json'))).mode & 0o777).toBe(0o600);
    expect(key.publicJwk).not.toHaveProperty('d');
  });
});
