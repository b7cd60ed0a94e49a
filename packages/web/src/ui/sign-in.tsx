import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredSession } from '../auth/session.js';
import type { WebAuthConfig } from '../config.js';

export interface SignInProps {
  readonly auth: Exclude<WebAuthConfig, { kind: 'none' }>;
  /** Why the user is here again ("Your session has ended."), shown above the form. */
  readonly reason: string | undefined;
  readonly signIn: (fields: { username: string; password: string }) => Promise<StoredSession>;
  readonly onSignedIn: (session: StoredSession) => void;
}

/**
 * The sign-in form: "User name" for the local issuer (dev only: any name), "Email" and
 * "Password" for Cognito; "Sign in".
 */
export const SignIn = ({ auth, reason, signIn, onSignedIn }: SignInProps) => {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const firstRef = useRef<HTMLInputElement>(null);
  useEffect(() => firstRef.current?.focus(), []);

  const submit = async () => {
    setPending(true);
    setFailure(undefined);
    try {
      onSignedIn(await signIn({ username: username.trim(), password }));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setPending(false);
      firstRef.current?.focus();
    }
  };

  const cognito = auth.kind === 'cognito';
  return (
    <main class="sign-in">
      <h1>Tasks</h1>
      <form
        aria-labelledby="sign-in-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending) void submit();
        }}
      >
        <h2 id="sign-in-heading">Sign in</h2>
        {reason !== undefined && <p role="status">{reason}</p>}
        {!cognito && (
          <p class="quiet">Local development sign-in: any user name gets its own tasks.</p>
        )}
        <label for="sign-in-user">{cognito ? 'Email' : 'User name'}</label>
        <input
          id="sign-in-user"
          ref={firstRef}
          type="text"
          inputMode={cognito ? 'email' : 'text'}
          autocomplete={cognito ? 'username' : 'off'}
          autocapitalize="none"
          spellcheck={false}
          required
          value={username}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        {cognito && (
          <>
            <label for="sign-in-password">Password</label>
            <input
              id="sign-in-password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </>
        )}
        <button type="submit" aria-disabled={pending}>
          Sign in
        </button>
        {failure !== undefined && (
          <div class="notice" role="alert">
            <p class="notice-title">You are not signed in.</p>
            <p>{failure}</p>
          </div>
        )}
      </form>
    </main>
  );
};
