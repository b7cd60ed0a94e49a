import { describe, expect, it } from 'vitest';
import { cliOptions } from '../../src/index.js';

const COGNITO = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool';
const authOf = (env: Record<string, string>) => cliOptions(env, '/repo').auth;

describe('TASKS_AUTH and the issuer settings read from the environment', () => {
  it('leaves authentication to its default (off) when TASKS_AUTH is unset or empty', () => {
    expect(authOf({})).toBeUndefined();
    expect(authOf({ TASKS_AUTH: '' })).toBeUndefined();
  });

  it('reads none and jwt; jwt alone trusts the local issuer', () => {
    expect(authOf({ TASKS_AUTH: 'none' })).toEqual({ mode: 'none' });
    expect(authOf({ TASKS_AUTH: 'jwt' })).toEqual({ mode: 'jwt' });
  });

  it('trusts another issuer, its keys by default where Cognito publishes them', () => {
    const auth = authOf({
      TASKS_AUTH: 'jwt',
      TASKS_JWT_ISSUER: `${COGNITO}/`,
      TASKS_JWT_AUDIENCE: ' client-1 ,client-2,',
    });

    expect(auth).toEqual({
      mode: 'jwt',
      trust: {
        issuer: `${COGNITO}/`,
        audience: ['client-1', 'client-2'],
        jwksUrl: `${COGNITO}/.well-known/jwks.json`,
      },
    });
  });

  it('takes the JWKS from TASKS_JWKS_URL when given', () => {
    const auth = authOf({
      TASKS_AUTH: 'jwt',
      TASKS_JWT_ISSUER: COGNITO,
      TASKS_JWT_AUDIENCE: 'client-1',
      TASKS_JWKS_URL: 'http://127.0.0.1:9000/keys',
    });

    expect(auth).toMatchObject({ trust: { jwksUrl: 'http://127.0.0.1:9000/keys' } });
  });

  it.each([
    [{ TASKS_AUTH: 'oauth' }, 'TASKS_AUTH must be "jwt" or "none", not "oauth"'],
    [{ TASKS_JWT_ISSUER: COGNITO }, 'TASKS_AUTH must be "jwt" when TASKS_JWT_ISSUER is set'],
    [
      { TASKS_AUTH: 'none', TASKS_JWT_AUDIENCE: 'a', TASKS_JWKS_URL: 'http://x/keys' },
      'TASKS_AUTH must be "jwt" when TASKS_JWT_AUDIENCE, TASKS_JWKS_URL are set',
    ],
    [
      { TASKS_AUTH: 'jwt', TASKS_JWT_AUDIENCE: 'a' },
      `TASKS_JWT_ISSUER must be the issuer's http(s) URL, not ""`,
    ],
    [
      { TASKS_AUTH: 'jwt', TASKS_JWT_ISSUER: COGNITO },
      'TASKS_JWT_AUDIENCE must list the accepted audiences (client ids), comma-separated',
    ],
    [
      {
        TASKS_AUTH: 'jwt',
        TASKS_JWT_ISSUER: COGNITO,
        TASKS_JWT_AUDIENCE: 'a',
        TASKS_JWKS_URL: 'keys',
      },
      'TASKS_JWKS_URL must be an http(s) URL, not "keys"',
    ],
  ])('refuses %j in one line', (env, problem) => {
    expect(() => cliOptions(env)).toThrow(`Invalid environment: ${problem}`);
  });
});
