/**
 * The signed-in user as the rest of the page sees them: a name to show and a token for
 * each request, whatever the kind of sign-in.
 */
import type { WebConfig } from '@tasks/web-config';
import { SessionExpiredError, type StoredSession } from './session.js';

export interface ActiveSession {
  readonly user: string;
  /** The bearer token for the next request; `undefined` when the API needs none. */
  readonly token: () => Promise<string | undefined>;
  /** False when there is no sign-in (`auth.kind` `none`): nobody to sign out. */
  readonly canSignOut: boolean;
  /**
   * Ends the session at sign-out: a renewal still in flight is not saved (it would sign
   * the user in again at the next load), and no token is given after.
   */
  readonly close: () => void;
}

/** Renews a Cognito session whose tokens are about to expire. */
export type RefreshSession = (
  session: Extract<StoredSession, { kind: 'cognito' }>,
) => Promise<StoredSession>;

/** A token this close to its expiry is renewed (Cognito) or counts as expired (local). */
export const EXPIRY_MARGIN_MS = 60_000;

/**
 * The active session for `config`, from the one kept in the window (if any and still
 * usable). `save` is told of renewed tokens; `now` is the clock.
 */
export const activeSession = (
  config: WebConfig,
  stored: StoredSession | undefined,
  {
    refresh,
    save,
    now = Date.now,
  }: {
    refresh: RefreshSession;
    save: (session: StoredSession) => void;
    now?: () => number;
  },
): ActiveSession | undefined => {
  const { auth } = config;
  if (auth.kind === 'none') {
    return {
      user: auth.owner,
      token: async () => undefined,
      canSignOut: false,
      close: () => undefined,
    };
  }
  if (stored === undefined || stored.kind !== auth.kind) return undefined;
  let open = true;
  const close = () => {
    open = false;
  };
  const stillOpen = () => {
    if (!open) throw new SessionExpiredError('Signed out');
  };
  if (stored.kind === 'local') {
    if (stored.expiresAt - EXPIRY_MARGIN_MS <= now()) return undefined;
    return {
      user: stored.user,
      canSignOut: true,
      close,
      token: async () => {
        stillOpen();
        if (stored.expiresAt - EXPIRY_MARGIN_MS <= now()) {
          throw new SessionExpiredError('The local token has expired');
        }
        return stored.token;
      },
    };
  }
  let current: StoredSession = stored;
  let renewing: Promise<StoredSession> | undefined;
  return {
    user: stored.user,
    canSignOut: true,
    close,
    token: async () => {
      stillOpen();
      if (current.kind === 'cognito' && current.expiresAt - EXPIRY_MARGIN_MS <= now()) {
        const expiring = current;
        renewing ??= refresh(expiring).finally(() => {
          renewing = undefined;
        });
        const renewed = await renewing;
        // Signed out while Cognito answered: the renewed tokens are dropped, not kept.
        stillOpen();
        current = renewed;
        save(current);
      }
      return current.kind === 'cognito' ? current.accessToken : current.token;
    },
  };
};
