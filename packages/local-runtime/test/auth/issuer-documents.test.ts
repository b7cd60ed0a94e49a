import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '@tasks/local-issuer';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { DISCOVERY_PATH, JWKS_PATH } from '../../src/index.js';
import { field } from '../support/api.js';
import { useAuthRuntime } from '../support/auth-runtime.js';
import { STORES } from '../support/stores.js';

const isKeySet = (value: unknown): value is JSONWebKeySet => Array.isArray(field(value, 'keys'));

describe.each(STORES)("the local issuer's documents with TASKS_AUTH=jwt, $name", (store) => {
  const runtime = useAuthRuntime(store);
  const { api } = runtime;

  it('serves the JWKS without a token: the public half of the key only', async () => {
    const reply = await api.get(JWKS_PATH);

    expect(reply.status).toBe(200);
    expect(reply.header('content-type')).toBe('application/json');
    expect(reply.json).toEqual({ keys: [runtime.key().publicJwk] });
    expect(reply.json).toEqual({
      keys: [
        {
          kty: 'RSA',
          kid: runtime.key().kid,
          alg: 'RS256',
          use: 'sig',
          n: expect.any(String),
          e: 'AQAB',
        },
      ],
    });
  });

  it('serves the discovery document without a token, pointing at the JWKS it serves', async () => {
    const reply = await api.get(DISCOVERY_PATH);

    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      issuer: LOCAL_ISSUER,
      jwks_uri: `${runtime.url()}${JWKS_PATH}`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('publishes the key that verifies the tokens issueToken signs', async () => {
    const discovery = await api.get(DISCOVERY_PATH);
    const jwksUri = field(discovery.json, 'jwks_uri');
    if (typeof jwksUri !== 'string') throw new Error(`no jwks_uri in ${discovery.text}`);
    const served: unknown = await (await fetch(jwksUri)).json();
    if (!isKeySet(served)) throw new Error('the JWKS has no keys');

    const { payload, protectedHeader } = await jwtVerify(
      await runtime.token({ sub: 'alice' }),
      createLocalJWKSet(served),
      { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE },
    );

    expect(payload.sub).toBe('alice');
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: runtime.key().kid });
  });

  it('keeps every other method on those paths behind the authorizer', async () => {
    const reply = await api.post(JWKS_PATH, { json: {} });

    expect(reply.status).toBe(401);
  });
});
