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
  REFUSALS,
  type Refusal,
  type SigningKey,
  verificationKeys,
} from '../src/index.js';
import { signToken } from './sign-token.js';

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

/** RFC 6750 §3: `error_description` is %x20-21 / %x23-5B / %x5D-7E. */
const RFC_6750_DESCRIPTION = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;

const epoch = (): number => Math.floor(Date.now() / 1000);
const validClaims = () => ({
  sub: 'alice',
  iss: LOCAL_ISSUER,
  aud: LOCAL_AUDIENCE,
  iat: epoch(),
  exp: epoch() + 60,
});
const signed = (header: Record<string, unknown>, claims: Record<string, unknown>) =>
  signToken(key, header, claims);

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

  it.each<[string, () => Promise<string | undefined>, Refusal]>([
    ['missing', async () => undefined, REFUSALS.noToken],
    ['empty', async () => 'Bearer ', REFUSALS.noToken],
    ['not a JWT', async () => 'Bearer not.a.jwt', REFUSALS.malformed],
    [
      'expired',
      async () => issueToken(key, { sub: 'alice', expiresInSeconds: -60 }),
      REFUSALS.expired,
    ],
    [
      'signed by another key',
      async () => issueToken({ ...otherKey, kid: key.kid }, { sub: 'alice' }),
      REFUSALS.signature,
    ],
    [
      'for another audience',
      async () => issueToken(key, { sub: 'alice', audience: 'someone-else' }),
      REFUSALS.audience,
    ],
    [
      'from another issuer',
      async () => issueToken(key, { sub: 'alice', issuer: 'https://evil.example' }),
      REFUSALS.issuer,
    ],
    [
      'unsigned (alg: none)',
      async () =>
        new UnsecuredJWT({ sub: 'alice', aud: LOCAL_AUDIENCE })
          .setIssuer(LOCAL_ISSUER)
          .setExpirationTime('1h')
          .encode(),
      REFUSALS.algorithm,
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
      REFUSALS.algorithm,
    ],
    [
      'without an expiry',
      async () =>
        new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'RS256', kid: key.kid })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .sign(key.privateKey),
      REFUSALS.noExpiry,
    ],
    // What API Gateway's JWT authorizer checks beyond the signature ("Control access to
    // HTTP APIs with JWT authorizers", API Gateway developer guide).
    [
      'for another audience in aud, although its client_id is ours (aud wins when present)',
      async () =>
        signed(
          { alg: 'RS256', kid: key.kid },
          { ...validClaims(), aud: 'someone-else', client_id: LOCAL_AUDIENCE },
        ),
      REFUSALS.audience,
    ],
    [
      'without a kid, although signed by the only key of the issuer',
      async () => signed({ alg: 'RS256' }, validClaims()),
      REFUSALS.noKeyId,
    ],
    [
      'whose kid names no key of the issuer',
      async () => signed({ alg: 'RS256', kid: 'another-kid' }, validClaims()),
      REFUSALS.unknownKey,
    ],
    [
      'issued in the future (iat)',
      async () => signed({ alg: 'RS256', kid: key.kid }, { ...validClaims(), iat: epoch() + 300 }),
      REFUSALS.issuedInFuture,
    ],
    [
      'not valid yet (nbf)',
      async () => signed({ alg: 'RS256', kid: key.kid }, { ...validClaims(), nbf: epoch() + 300 }),
      REFUSALS.notYetValid,
    ],
    [
      'marked with an unknown critical header parameter with a non-Latin-1 name',
      async () => signed({ alg: 'RS256', kid: key.kid, crit: ['中'], 中: 1 }, validClaims()),
      REFUSALS.unsupported,
    ],
  ])(
    'refuses a token that is %s, saying so in words of its own that fit a WWW-Authenticate header',
    async (_, token, reason) => {
      const value = await token();
      const verdict = await authorize(
        value === undefined || value.startsWith('Bearer') ? value : `Bearer ${value}`,
      );
      expect(verdict).toEqual({ ok: false, reason });
      expect(reason).toMatch(RFC_6750_DESCRIPTION);
    },
  );
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
