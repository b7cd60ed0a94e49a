import { createTasksClient } from '@tasks/client';
import type { WebConfig } from '@tasks/web-config';
import { useMemo, useState } from 'preact/hooks';
import { type ActiveSession, activeSession } from './auth/active-session.js';
import { refreshCognito, revokeCognito, signInWithCognito } from './auth/cognito.js';
import { signInLocally } from './auth/local-sign-in.js';
import {
  clearSession,
  loadSession,
  SessionExpiredError,
  type StoredSession,
  saveSession,
} from './auth/session.js';
import { OfflineBanner } from './ui/offline-banner.js';
import { SignIn } from './ui/sign-in.js';
import { TasksPage } from './ui/tasks-page.js';
import { useOnline } from './ui/use-online.js';

const sessionFor = (config: WebConfig, stored: StoredSession | undefined) => {
  const { auth } = config;
  return activeSession(config, stored, {
    refresh: async (session) => {
      if (auth.kind !== 'cognito') throw new SessionExpiredError('This sign-in cannot be renewed');
      return refreshCognito(auth, session);
    },
    save: (session) => saveSession(sessionStorage, session),
  });
};

/** The page: sign-in when needed, then the tasks of the signed-in user. */
export const App = ({ config }: { readonly config: WebConfig }) => {
  const online = useOnline();
  const [session, setSession] = useState<ActiveSession | undefined>(() =>
    sessionFor(config, loadSession(sessionStorage)),
  );
  const [reason, setReason] = useState<string | undefined>(undefined);
  const client = useMemo(
    () =>
      session === undefined
        ? undefined
        : createTasksClient({
            baseUrl: config.apiUrl === '' ? location.origin : config.apiUrl,
            token: session.token,
            // A page waits for its user: a few quick tries, then the words and "Retry".
            retry: { attempts: 3, totalMs: 8000 },
          }),
    [config, session],
  );

  const signOut = (why?: string) => {
    const stored = loadSession(sessionStorage);
    if (config.auth.kind === 'cognito' && stored?.kind === 'cognito') {
      void revokeCognito(config.auth, stored);
    }
    // First, so that a token renewal still in flight cannot save the session again.
    session?.close();
    clearSession(sessionStorage);
    setReason(why);
    setSession(undefined);
  };

  const { auth } = config;
  return (
    <>
      <OfflineBanner online={online} />
      {session !== undefined && client !== undefined ? (
        <TasksPage
          client={client}
          user={session.user}
          online={online}
          onSignOut={session.canSignOut ? () => signOut() : undefined}
          onSignIn={() => signOut('Your session has ended. Sign in again.')}
        />
      ) : (
        // Without sign-in (`none`) there is always a session: only the others get here.
        auth.kind !== 'none' && (
          <SignIn
            auth={auth}
            reason={reason}
            signIn={({ username, password }) =>
              auth.kind === 'cognito'
                ? signInWithCognito(auth, username, password)
                : signInLocally(auth.signInUrl, username)
            }
            onSignedIn={(stored) => {
              saveSession(sessionStorage, stored);
              setReason(undefined);
              setSession(sessionFor(config, stored));
            }}
          />
        )
      )}
    </>
  );
};
