/**
 * Who is signed in, kept in `sessionStorage`: per browser window (tab), so that two
 * users can be tried in two windows (SPEC §12), and gone when the window closes.
 */
import { claimsOf } from './jwt.js';

export type StoredSession =
  | {
      readonly kind: 'local';
      readonly user: string;
      readonly token: string;
      /** Epoch milliseconds. */
      readonly expiresAt: number;
    }
  | {
      readonly kind: 'cognito';
      readonly user: string;
      /** Sent to the API as the bearer token. */
      readonly accessToken: string;
      readonly idToken: string;
      readonly refreshToken: string;
      /** Epoch milliseconds. */
      readonly expiresAt: number;
    };

const KEY = 'tasks.session';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const areStrings = (value: Record<string, unknown>, names: readonly string[]): boolean =>
  names.every((name) => typeof value[name] === 'string' && value[name] !== '');

/** The session kept in `storage`, or `undefined` when none (or when unreadable). */
export const loadSession = (storage: Storage): StoredSession | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(KEY) ?? 'null');
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value['expiresAt'] !== 'number') return undefined;
  const expiresAt = value['expiresAt'];
  if (value['kind'] === 'local' && areStrings(value, ['user', 'token'])) {
    return { kind: 'local', user: String(value['user']), token: String(value['token']), expiresAt };
  }
  if (
    value['kind'] === 'cognito' &&
    areStrings(value, ['user', 'accessToken', 'idToken', 'refreshToken'])
  ) {
    return {
      kind: 'cognito',
      user: String(value['user']),
      accessToken: String(value['accessToken']),
      idToken: String(value['idToken']),
      refreshToken: String(value['refreshToken']),
      expiresAt,
    };
  }
  return undefined;
};

export const saveSession = (storage: Storage, session: StoredSession): void =>
  storage.setItem(KEY, JSON.stringify(session));

export const clearSession = (storage: Storage): void => storage.removeItem(KEY);

/** The name to show for a token's user: its email, else its subject. */
export const userOf = (token: string, fallback: string): string => {
  const claims = claimsOf(token);
  return claims.email ?? claims.sub ?? fallback;
};

/** The session has ended and could not be renewed: the user signs in again. */
export class SessionExpiredError extends Error {
  override readonly name = 'SessionExpiredError';
  readonly code = 'session_expired';
}

/** A sign-in that did not happen, with the reason in words. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  readonly code = 'sign_in_failed';
}
