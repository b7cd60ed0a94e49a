import { LOCAL_AUDIENCE } from '@tasks/local-issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWKS_PATH, type LocalRuntime, startLocalRuntime } from '../../src/index.js';
import { apiAt } from '../support/api.js';
import { useAuthRuntime } from '../support/auth-runtime.js';
import type { StoreUnderTest } from '../support/stores.js';

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example';
const memory: StoreUnderTest = {
  name: 'in memory',
  start: (options) =>
    startLocalRuntime({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      store: 'memory',
      ...options,
    }),
};

// TASKS_JWT_ISSUER, TASKS_JWT_AUDIENCE, TASKS_JWKS_URL: a runtime that trusts another
// issuer (a Cognito pool) fetches its keys from the JWKS URL. The other issuer here is a
// second runtime's local issuer, whose JWKS is served over HTTP as Cognito's is.
describe('a runtime trusting another issuer', () => {
  const issuer = useAuthRuntime(memory);
  let runtime: LocalRuntime | undefined;
  beforeAll(async () => {
    runtime = await memory.start({
      auth: {
        mode: 'jwt',
        trust: {
          issuer: ISSUER,
          audience: ['client-1', 'client-2'],
          jwksUrl: `${issuer.url()}${JWKS_PATH}`,
        },
      },
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });
  const api = apiAt(() => runtime?.url ?? '');
  const get = (token: string) =>
    api.get('/tasks', { headers: { authorization: `Bearer ${token}` } });

  it("accepts that issuer's tokens for any of its audiences, verified against its remote JWKS", async () => {
    const first = await get(
      await issuer.token({ sub: 'alice', issuer: ISSUER, audience: 'client-1' }),
    );
    const second = await get(
      await issuer.token({ sub: 'alice', issuer: ISSUER, audience: 'client-2' }),
    );

    expect([first.status, second.status]).toEqual([200, 200]);
  });

  it("refuses the local issuer's tokens, and tokens for another audience", async () => {
    const local = await get(await issuer.token({ sub: 'alice', audience: LOCAL_AUDIENCE }));
    const other = await get(
      await issuer.token({ sub: 'alice', issuer: ISSUER, audience: 'client-3' }),
    );

    expect([local.status, other.status]).toEqual([401, 401]);
  });

  it('says which issuer it trusts, and serves no keys of its own', async () => {
    expect(runtime?.auth).toEqual({
      mode: 'jwt',
      issuer: ISSUER,
      audience: ['client-1', 'client-2'],
      jwksUrl: `${issuer.url()}${JWKS_PATH}`,
    });
    expect((await api.get(JWKS_PATH)).status).toBe(401);
  });
});
