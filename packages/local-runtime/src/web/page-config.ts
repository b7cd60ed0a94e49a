import type { AuthChoice } from '../runtime-options.js';
import { SIGN_IN_PATH } from './sign-in.js';

/** What the page reads from `/config.json` (SPEC §12; `@tasks/web/config`). */
export interface WebConfig {
  /** Base URL of the API without trailing slash; "" means the page's own origin. */
  readonly apiUrl: string;
  readonly auth:
    | { readonly kind: 'none'; readonly owner: string }
    | { readonly kind: 'local'; readonly signInUrl: string }
    | {
        readonly kind: 'cognito';
        readonly region: string;
        readonly userPoolId: string;
        readonly clientId: string;
      };
}

/**
 * How the page signs in on this runtime: its configuration and the origins it must reach
 * besides its own (for the CSP's `connect-src`), or why it cannot.
 */
export type PageSignIn =
  | { readonly ok: true; readonly config: WebConfig; readonly connectSources: readonly string[] }
  | { readonly ok: false; readonly problem: string };

/** `https://cognito-idp.<region>.amazonaws.com/<region>_<id>`, a user pool's issuer. */
const COGNITO_ISSUER =
  /^https:\/\/cognito-idp\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com\/(\1_[0-9A-Za-z]+)$/;

/**
 * The page's `config.json` for the runtime's authentication. The API is on the page's own
 * origin (`apiUrl: ""`), as behind the distribution. Off: the fixed owner. The local
 * issuer: its sign-in endpoint. A trusted Cognito user pool: the pool, its region, and the
 * first accepted audience as the app client. Another issuer: the page cannot sign in.
 */
export const pageSignIn = (auth: AuthChoice, fixedOwner: string): PageSignIn => {
  if (auth.mode === 'none') {
    return {
      ok: true,
      config: { apiUrl: '', auth: { kind: 'none', owner: fixedOwner } },
      connectSources: [],
    };
  }
  if (auth.trust === undefined) {
    return {
      ok: true,
      config: { apiUrl: '', auth: { kind: 'local', signInUrl: SIGN_IN_PATH } },
      connectSources: [],
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
  return {
    ok: true,
    config: { apiUrl: '', auth: { kind: 'cognito', region, userPoolId, clientId } },
    connectSources: [`https://cognito-idp.${region}.amazonaws.com`],
  };
};

/**
 * The distribution's response headers policy (SPEC §12), on every answer of the page's
 * behaviour: a CSP that lets the page load only its own files and reach only its origin
 * (the API is there) and `connectSources`. HSTS is the cloud's alone: locally it is HTTP.
 */
export const securityHeaders = (connectSources: readonly string[]): [string, string][] => [
  [
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      ["connect-src 'self'", ...connectSources].join(' '),
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ].join('; '),
  ],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
];
