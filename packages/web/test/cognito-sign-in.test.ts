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

/** A fetch that never reaches Cognito, as the browser's fetch fails offline. */
const OFFLINE: typeof fetch = async () => {
  throw new TypeError('fetch failed');
};

/** A stored Cognito session whose tokens have expired, for calls that never reach a pool. */
const EXPIRED = {
  kind: 'cognito',
  user: 'a',
  accessToken: 'x',
  idToken: 'y',
  refreshToken: 'z',
  expiresAt: 0,
} as const;

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
    await expect(
      signInWithCognito(config, 'a@example.com', 'p', { fetch: OFFLINE }),
    ).rejects.toThrow('Could not reach the sign-in service. Check your connection.');
  });

  /** A fetch that answers every call with `status` and `body` as Cognito's JSON type. */
  const answering =
    (status: number, body: string): typeof fetch =>
    async () =>
      new Response(body, { status, headers: { 'content-type': 'application/x-amz-json-1.1' } });

  /** The error `attempt` rejects with. */
  const failureOf = async (attempt: Promise<unknown>): Promise<unknown> =>
    attempt.then(
      () => {
        throw new Error('expected the sign-in to fail');
      },
      (error: unknown) => error,
    );

  it.each([
    ['ResourceNotFoundException', 'User pool client does not exist.'],
    ['InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.'],
    [
      'InvalidParameterException',
      "1 validation error detected: Value at 'clientId' failed to satisfy constraint",
    ],
    ['InvalidUserPoolConfigurationException', 'SMS configuration is invalid'],
  ])(
    'says sign-in is misconfigured for %s, keeping Cognito’s words in the cause: %s',
    async (type, message) => {
      const error = await failureOf(
        signInWithCognito(config, 'alice@example.com', 'Correct-horse-1', {
          fetch: answering(400, JSON.stringify({ __type: type, message })),
        }),
      );
      expect(error).toBeInstanceOf(SignInError);
      expect(error).toMatchObject({
        message: 'Sign-in is misconfigured for this site: tell whoever runs it.',
        cause: { name: 'CognitoError', code: type, message },
      });
    },
  );

  it('says sign-in is misconfigured when the pool has no such client (the fake’s own answer)', async () => {
    const cognito = server();
    await expect(
      signInWithCognito({ ...config, clientId: 'another' }, 'alice@example.com', 'x', {
        fetch: cognito.fetch,
      }),
    ).rejects.toThrow('Sign-in is misconfigured for this site: tell whoever runs it.');
  });

  it('does not show the text of an error it has no words for', async () => {
    const error = await failureOf(
      signInWithCognito(config, 'alice@example.com', 'p', {
        fetch: answering(
          500,
          JSON.stringify({ __type: 'InternalErrorException', message: 'boom' }),
        ),
      }),
    );
    expect(error).toMatchObject({
      message: 'The sign-in service could not sign you in just now: try again in a moment.',
      cause: { code: 'InternalErrorException', message: 'boom' },
    });
  });

  it('takes a 200 that is not JSON (a portal or proxy in between) for an unreachable Cognito', async () => {
    const error = await failureOf(
      signInWithCognito(config, 'alice@example.com', 'p', {
        fetch: answering(200, '<html>Sign in to the Wi-Fi</html>'),
      }),
    );
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({
      message: 'Could not reach the sign-in service. Check your connection.',
      cause: expect.any(TasksNetworkError),
    });
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
    await expect(refreshCognito(config, EXPIRED, { fetch: OFFLINE })).rejects.toThrow(
      TasksNetworkError,
    );
  });

  it('takes a 200 without JSON for a network error too, and a misconfigured pool in words', async () => {
    const portal: typeof fetch = async () => new Response('<html></html>', { status: 200 });
    await expect(refreshCognito(config, EXPIRED, { fetch: portal })).rejects.toThrow(
      TasksNetworkError,
    );
    const cognito = server();
    await expect(
      refreshCognito({ ...config, clientId: 'another' }, EXPIRED, { fetch: cognito.fetch }),
    ).rejects.toThrow('Sign-in is misconfigured for this site: tell whoever runs it.');
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
    expect(await revokeCognito(config, EXPIRED, { fetch: OFFLINE })).toBe(false);
  });
});
