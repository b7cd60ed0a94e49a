import { TasksNetworkError } from '@tasks/client';
import { describe, expect, it } from 'vitest';
import { refreshCognito, revokeCognito, signInWithCognito } from '../src/auth/cognito.js';
import { claimsOf } from '../src/auth/jwt.js';
import { SessionExpiredError, SignInError, type StoredSession } from '../src/auth/session.js';
import { fakeCognito } from './support/cognito-server.js';

const config = {
  kind: 'cognito',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf123',
  clientId: '1example23456789abcdefghij',
} as const;

const server = () =>
  fakeCognito({
    ...config,
    users: {
      'alice@example.com': { userId: '0c1d2e3f-alice', password: 'Correct-horse-1' },
      'new@example.com': {
        userId: '9a8b-new',
        password: 'Temp-pass-1',
        challenge: 'NEW_PASSWORD_REQUIRED',
      },
      'mfa@example.com': {
        userId: '7c6d-mfa',
        password: 'Pass-word-1',
        challenge: 'SOFTWARE_TOKEN_MFA',
      },
    },
  });

const cognitoSession = (session: StoredSession) => {
  if (session.kind !== 'cognito')
    throw new Error(`expected a Cognito session, got ${session.kind}`);
  return session;
};

describe('signInWithCognito', () => {
  it('signs in through USER_SRP_AUTH and PASSWORD_VERIFIER, which Cognito’s side accepts', async () => {
    const cognito = server();
    const session = cognitoSession(
      await signInWithCognito(config, 'alice@example.com', 'Correct-horse-1', {
        fetch: cognito.fetch,
      }),
    );
    expect(cognito.calls).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(session).toMatchObject({ kind: 'cognito', user: 'alice@example.com' });
    expect(claimsOf(session.accessToken).sub).toBe('0c1d2e3f-alice');
    expect(cognito.refreshTokens.has(session.refreshToken)).toBe(true);
  });

  it('says the password is wrong when Cognito’s side refuses the proof', async () => {
    const cognito = server();
    const attempt = signInWithCognito(config, 'alice@example.com', 'Correct-horse-2', {
      fetch: cognito.fetch,
    });
    await expect(attempt).rejects.toThrow(SignInError);
    await expect(attempt).rejects.toThrow('Incorrect email or password.');
  });

  it.each([
    ['new@example.com', 'Temp-pass-1', 'must set a new password'],
    ['mfa@example.com', 'Pass-word-1', 'authenticator app'],
  ])('refuses the challenge that %s must answer, in words', async (email, password, words) => {
    const cognito = server();
    const attempt = signInWithCognito(config, email, password, { fetch: cognito.fetch });
    await expect(attempt).rejects.toThrow(SignInError);
    await expect(attempt).rejects.toThrow(words);
  });

  it('says so when Cognito cannot be reached', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(
      signInWithCognito(config, 'a@example.com', 'p', { fetch: offline }),
    ).rejects.toThrow('The sign-in got no answer. Check your connection.');
  });
});

describe('refreshCognito', () => {
  it('renews the tokens through REFRESH_TOKEN_AUTH and keeps the refresh token', async () => {
    const cognito = server();
    const session = cognitoSession(
      await signInWithCognito(config, 'alice@example.com', 'Correct-horse-1', {
        fetch: cognito.fetch,
      }),
    );
    const renewed = cognitoSession(await refreshCognito(config, session, { fetch: cognito.fetch }));
    expect(cognito.calls.at(-1)).toBe('InitiateAuth');
    expect(renewed.accessToken).not.toBe(session.accessToken);
    expect(renewed.refreshToken).toBe(session.refreshToken);
    expect(renewed.user).toBe('alice@example.com');
  });

  it('ends the session when Cognito refuses the refresh token', async () => {
    const cognito = server();
    const session = cognitoSession(
      await signInWithCognito(config, 'alice@example.com', 'Correct-horse-1', {
        fetch: cognito.fetch,
      }),
    );
    cognito.refreshTokens.clear();
    await expect(refreshCognito(config, session, { fetch: cognito.fetch })).rejects.toThrow(
      SessionExpiredError,
    );
  });

  it('leaves the session when Cognito cannot be reached: a network error, retried later', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const session = {
      kind: 'cognito',
      user: 'a',
      accessToken: 'x',
      idToken: 'y',
      refreshToken: 'z',
      expiresAt: 0,
    } as const;
    await expect(refreshCognito(config, session, { fetch: offline })).rejects.toThrow(
      TasksNetworkError,
    );
  });
});

describe('revokeCognito', () => {
  it('revokes the refresh token at sign-out, so that it renews nothing after', async () => {
    const cognito = server();
    const session = cognitoSession(
      await signInWithCognito(config, 'alice@example.com', 'Correct-horse-1', {
        fetch: cognito.fetch,
      }),
    );
    expect(await revokeCognito(config, session, { fetch: cognito.fetch })).toBe(true);
    expect(cognito.calls.at(-1)).toBe('RevokeToken');
    await expect(refreshCognito(config, session, { fetch: cognito.fetch })).rejects.toThrow(
      SessionExpiredError,
    );
  });

  it('lets the sign-out go on when Cognito cannot be reached', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const session = {
      kind: 'cognito',
      user: 'a',
      accessToken: 'x',
      idToken: 'y',
      refreshToken: 'z',
      expiresAt: 0,
    } as const;
    expect(await revokeCognito(config, session, { fetch: offline })).toBe(false);
  });
});
