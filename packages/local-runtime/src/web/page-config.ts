import { InvalidWebConfigError, parseWebConfig, type WebConfig } from '@tasks/web-config';
import type { AuthChoice } from '../runtime-options.js';
import { SIGN_IN_PATH } from './sign-in.js';

/** How the page signs in on this runtime: its configuration, or why it cannot. */
export type PageSignIn =
  | { readonly ok: true; readonly config: WebConfig }
  | { readonly ok: false; readonly problem: string };

/** Whether the local issuer serves its sign-in: on loopback only (see `startAuth`). */
export type LocalSignIn =
  | { readonly served: true }
  /** `listensOn`: the host beyond loopback the runtime listens on, such as `0.0.0.0`. */
  | { readonly served: false; readonly listensOn: string };

/** `https://cognito-idp.<region>.amazonaws.com/<region>_<id>`, a user pool's issuer. */
const COGNITO_ISSUER =
  /^https:\/\/cognito-idp\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com\/(\1_[0-9A-Za-z]+)$/;

/**
 * The page's `config.json` for the runtime's authentication. The API is on the page's own
 * origin (`apiUrl: ""`), as behind the distribution. Off: the fixed owner. The local
 * issuer: its sign-in endpoint, when `localSignIn` says it is served; else the page cannot
 * sign in (a token from `npm run token` still works with the API). A trusted Cognito user pool: the pool, its region, and the
 * first accepted audience as the app client. Another issuer: the page cannot sign in.
 */
export const pageSignIn = (
  auth: AuthChoice,
  fixedOwner: string,
  localSignIn: LocalSignIn,
): PageSignIn => {
  if (auth.mode === 'none') {
    return {
      ok: true,
      config: { apiUrl: '', auth: { kind: 'none', owner: fixedOwner } },
    };
  }
  if (auth.trust === undefined) {
    if (!localSignIn.served) {
      return {
        ok: false,
        problem: `the local issuer's sign-in is off, as the runtime listens on ${localSignIn.listensOn}, beyond loopback, where anyone could sign in as any user (use npm run token)`,
      };
    }
    return {
      ok: true,
      config: { apiUrl: '', auth: { kind: 'local', signInUrl: SIGN_IN_PATH } },
    };
  }
  const { issuer, audience } = auth.trust;
  const pool = COGNITO_ISSUER.exec(issuer.replace(/\/+$/, ''));
  const [clientId] = audience;
  if (pool === null || clientId === undefined) {
    return {
      ok: false,
      problem: `the page signs in with the local issuer or a Cognito user pool (https://cognito-idp.<region>.amazonaws.com/<pool id>), not with ${issuer}`,
    };
  }
  const [, region = '', userPoolId = ''] = pool;
  try {
    // The page's own parser: a config it would refuse is no config to serve.
    const config = parseWebConfig({
      apiUrl: '',
      auth: { kind: 'cognito', region, userPoolId, clientId },
    });
    return { ok: true, config };
  } catch (error) {
    if (!(error instanceof InvalidWebConfigError)) throw error;
    return {
      ok: false,
      problem: `the page cannot sign in with the Cognito pool ${userPoolId}: ${error.problems.join('; ')} (the first TASKS_JWT_AUDIENCE is its app client id)`,
    };
  }
};
