import { SignInError, type StoredSession } from './session.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const problemText = (body: unknown, status: number): string => {
  if (isRecord(body) && typeof body['detail'] === 'string') return body['detail'];
  if (isRecord(body) && typeof body['title'] === 'string') return body['title'];
  return `The sign-in answered HTTP ${status}.`;
};

/**
 * Signs `username` in through the local issuer (dev only: any name gets a token):
 * `POST signInUrl {"username"}` → `{"token","expiresIn"}`.
 */
export const signInLocally = async (
  signInUrl: string,
  username: string,
  now: () => number = Date.now,
  fetchSignIn: typeof fetch = fetch,
): Promise<StoredSession> => {
  let response: Response;
  try {
    response = await fetchSignIn(signInUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
  } catch (error) {
    throw new SignInError('The sign-in got no answer. Check your connection.', { cause: error });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new SignInError(problemText(body, response.status));
  if (!isRecord(body) || typeof body['token'] !== 'string') {
    throw new SignInError('The sign-in answered without a token.');
  }
  const expiresIn = typeof body['expiresIn'] === 'number' ? body['expiresIn'] : 3600;
  return {
    kind: 'local',
    user: username.trim(),
    token: body['token'],
    expiresAt: now() + expiresIn * 1000,
  };
};
