import { describe, expect, it } from 'vitest';
import { activeSession, EXPIRY_MARGIN_MS } from '../src/auth/active-session.js';
import { claimsOf, MalformedTokenError } from '../src/auth/jwt.js';
import { signInLocally } from '../src/auth/local-sign-in.js';
import {
  clearSession,
  loadSession,
  SessionExpiredError,
  SignInError,
  type StoredSession,
  saveSession,
} from '../src/auth/session.js';
import { fakeJwt } from './support/cognito-server.js';

/** `sessionStorage` as a Map. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

const local: StoredSession = { kind: 'local', user: 'alice', token: 'tok', expiresAt: 10_000_000 };
const cognito: StoredSession = {
  kind: 'cognito',
  user: 'a@example.com',
  accessToken: 'access-1',
  idToken: 'id-1',
  refreshToken: 'refresh',
  expiresAt: 10_000_000,
};
const never = async (): Promise<StoredSession> => {
  throw new Error('not renewed');
};

describe('the stored session', () => {
  it('round-trips each kind through the window’s storage, and is gone once cleared', () => {
    const storage = new MemoryStorage();
    for (const session of [local, cognito]) {
      saveSession(storage, session);
      expect(loadSession(storage)).toEqual(session);
    }
    clearSession(storage);
    expect(loadSession(storage)).toBeUndefined();
  });

  it.each(['not json', '{"kind":"local","user":"a","expiresAt":1}', '{"kind":"other"}', '[]'])(
    'is none when what is stored is not a session: %s',
    (text) => {
      const storage = new MemoryStorage();
      storage.setItem('tasks.session', text);
      expect(loadSession(storage)).toBeUndefined();
    },
  );
});

describe('activeSession', () => {
  const none = { apiUrl: '', auth: { kind: 'none', owner: 'local' } } as const;
  const localConfig = {
    apiUrl: '',
    auth: { kind: 'local', signInUrl: '/local-issuer/sign-in' },
  } as const;
  const cognitoConfig = {
    apiUrl: '',
    auth: { kind: 'cognito', region: 'eu-west-1', userPoolId: 'eu-west-1_a', clientId: 'c' },
  } as const;

  it('is the fixed owner, with no token and nobody to sign out, without sign-in', async () => {
    const session = activeSession(none, undefined, { refresh: never, save: () => undefined });
    expect(session?.user).toBe('local');
    expect(session?.canSignOut).toBe(false);
    expect(await session?.token()).toBeUndefined();
  });

  it('needs a stored session of the configured kind, not about to expire', () => {
    const deps = { refresh: never, save: () => undefined, now: () => 0 };
    expect(activeSession(localConfig, undefined, deps)).toBeUndefined();
    expect(activeSession(localConfig, cognito, deps)).toBeUndefined();
    expect(
      activeSession(localConfig, { ...local, expiresAt: EXPIRY_MARGIN_MS }, deps),
    ).toBeUndefined();
    expect(activeSession(localConfig, local, deps)?.user).toBe('alice');
  });

  it('ends a local session when its token expires', async () => {
    let now = 0;
    const session = activeSession(localConfig, local, {
      refresh: never,
      save: () => undefined,
      now: () => now,
    });
    expect(await session?.token()).toBe('tok');
    now = local.expiresAt;
    await expect(session?.token()).rejects.toThrow(SessionExpiredError);
  });

  it('renews a Cognito session about to expire once, however many requests wait, and saves it', async () => {
    let now = 0;
    const saved: StoredSession[] = [];
    let renewals = 0;
    const refresh = async (): Promise<StoredSession> => {
      renewals++;
      return { ...cognito, accessToken: `access-${renewals + 1}`, expiresAt: now + 3_600_000 };
    };
    const session = activeSession(cognitoConfig, cognito, {
      refresh,
      save: (s) => saved.push(s),
      now: () => now,
    });
    expect(await session?.token()).toBe('access-1');
    now = cognito.expiresAt - EXPIRY_MARGIN_MS / 2;
    const tokens = await Promise.all([session?.token(), session?.token(), session?.token()]);
    expect(tokens).toEqual(['access-2', 'access-2', 'access-2']);
    expect(renewals).toBe(1);
    expect(saved).toHaveLength(3);
    expect(await session?.token()).toBe('access-2');
    expect(renewals).toBe(1);
  });

  it('does not save a renewal that answers after sign-out, nor give a token after it', async () => {
    const storage = new MemoryStorage();
    saveSession(storage, cognito);
    let answer: (renewed: StoredSession) => void = () => undefined;
    const session = activeSession(cognitoConfig, cognito, {
      refresh: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
      save: (s) => saveSession(storage, s),
      now: () => cognito.expiresAt,
    });
    const request = session?.token();
    // Sign-out, as the page does it, while Cognito has not answered yet.
    session?.close();
    clearSession(storage);
    answer({ ...cognito, accessToken: 'access-2', expiresAt: cognito.expiresAt + 3_600_000 });
    await expect(request).rejects.toThrow(SessionExpiredError);
    expect(loadSession(storage)).toBeUndefined();
    await expect(session?.token()).rejects.toThrow(SessionExpiredError);
  });

  it('gives no local token after sign-out', async () => {
    const session = activeSession(localConfig, local, {
      refresh: never,
      save: () => undefined,
      now: () => 0,
    });
    expect(await session?.token()).toBe('tok');
    session?.close();
    await expect(session?.token()).rejects.toThrow(SessionExpiredError);
  });
});

describe('claimsOf', () => {
  it('reads the subject, email and expiry of a token', () => {
    expect(claimsOf(fakeJwt({ sub: 'u1', email: 'a@example.com', exp: 5, other: true }))).toEqual({
      sub: 'u1',
      email: 'a@example.com',
      exp: 5,
    });
  });

  it.each(['no-dots', 'a.!!!.c', `a.${Buffer.from('[1]').toString('base64url')}.c`])(
    'refuses %s',
    (token) => {
      expect(() => claimsOf(token)).toThrow(MalformedTokenError);
    },
  );
});

describe('signInLocally', () => {
  const answering =
    (status: number, body: unknown, seen?: RequestInit[]): typeof fetch =>
    async (_url, init) => {
      seen?.push(init ?? {});
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    };

  it('posts the user name and keeps the token until it expires', async () => {
    const seen: RequestInit[] = [];
    const session = await signInLocally(
      '/local-issuer/sign-in',
      'alice',
      () => 1000,
      answering(200, { token: 'jwt', expiresIn: 3600 }, seen),
    );
    expect(session).toEqual({
      kind: 'local',
      user: 'alice',
      token: 'jwt',
      expiresAt: 1000 + 3_600_000,
    });
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"username":"alice"}' });
  });

  it('says what the issuer’s problem says', async () => {
    const attempt = signInLocally(
      '/x',
      ' ',
      Date.now,
      answering(400, { title: 'Bad request', detail: 'username must not be blank' }),
    );
    await expect(attempt).rejects.toThrow(SignInError);
    await expect(attempt).rejects.toThrow('username must not be blank');
  });

  it('says so when the issuer cannot be reached', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(signInLocally('/x', 'a', Date.now, offline)).rejects.toThrow(
      'The sign-in got no answer. Check your connection.',
    );
  });
});
