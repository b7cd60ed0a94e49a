import { join, resolve } from 'node:path';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateSigningKey,
  makeJwtAuthorizer,
  verificationKeys,
} from '@tasks/local-issuer';
import type { Gateway } from './gateway.js';
import { JWKS_PATH, withIssuerDocuments } from './issuer-documents.js';
import { makeJwtRouteAuthorizer, type RouteAuthorizer } from './route-authorizer.js';
import { type AuthChoice, DEFAULT_DATA_DIR, type RuntimeAuth } from './runtime-options.js';
import { makeSignIn, SIGN_IN_PATH, signInOff } from './web/sign-in.js';

/** Authentication, ready for the gateway and the functions. */
export interface Auth {
  readonly summary: RuntimeAuth;
  /** For the functions' environment: `AUTH_MODE`, and `FIXED_OWNER` when it is `none`. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** The authorizer of every route; `undefined` when authentication is off. */
  readonly authorize: RouteAuthorizer | undefined;
  /**
   * The local issuer's endpoints (its documents, the sign-in), anything else on its paths
   * going to `fallback`; `undefined` when the runtime is not the issuer.
   */
  readonly localIssuer: ((fallback: Gateway) => Gateway) | undefined;
}

export interface AuthContext {
  /** The runtime's own URL, where the local issuer's documents are served. */
  readonly url: string;
  /** Holds the local issuer's key in `local-issuer/`, as `npm run token` reads it. */
  readonly dataDir: string;
  readonly fixedOwner: string;
  /** The host the runtime listens on, as given (`0.0.0.0`), for what is said of it. */
  readonly host: string;
  /** Whether the runtime listens on a loopback address only: the sign-in is served then only. */
  readonly loopbackOnly: boolean;
}

/** The folder of the local issuer's key inside a data directory (see `npm run token`). */
export const issuerKeyDir = (dataDir: string): string => join(dataDir, 'local-issuer');

const tokenCommand = (dataDir: string): string =>
  resolve(dataDir) === resolve(DEFAULT_DATA_DIR)
    ? 'npm run token -- --sub alice'
    : `npm run token -- --sub alice --data-dir ${JSON.stringify(dataDir)}`;

/**
 * Sets up `choice`: off (the functions get `AUTH_MODE=none` and the fixed owner); a
 * trusted issuer's remote JWKS; or the local issuer, whose key is loaded from (or made
 * in) the data directory and whose JWKS, discovery document and sign-in (development
 * only: any user name gets a token) the runtime serves; the sign-in only on a loopback
 * address ({@link signInOff} beyond it).
 * With a JWT the functions get `AUTH_MODE=jwt` and no fixed owner, as deployed.
 */
export const startAuth = async (choice: AuthChoice, context: AuthContext): Promise<Auth> => {
  if (choice.mode === 'none') {
    const { fixedOwner } = context;
    return {
      summary: { mode: 'none', fixedOwner },
      environment: { AUTH_MODE: 'none', FIXED_OWNER: fixedOwner },
      authorize: undefined,
      localIssuer: undefined,
    };
  }
  const environment = { AUTH_MODE: 'jwt', FIXED_OWNER: undefined };
  if (choice.trust !== undefined) {
    const { issuer, audience, jwksUrl } = choice.trust;
    const keys = verificationKeys({ jwksUrl });
    return {
      summary: { mode: 'jwt', issuer, audience, jwksUrl },
      environment,
      authorize: makeJwtRouteAuthorizer(makeJwtAuthorizer({ issuer, audience, keys })),
      localIssuer: undefined,
    };
  }
  const key = await loadOrCreateSigningKey(issuerKeyDir(context.dataDir));
  const audience = [LOCAL_AUDIENCE];
  const keys = verificationKeys({ key });
  const command = tokenCommand(context.dataDir);
  return {
    summary: {
      mode: 'jwt',
      issuer: LOCAL_ISSUER,
      audience,
      jwksUrl: `${context.url}${JWKS_PATH}`,
      tokenCommand: command,
      signIn: context.loopbackOnly ? 'served' : 'off',
    },
    environment,
    authorize: makeJwtRouteAuthorizer(makeJwtAuthorizer({ issuer: LOCAL_ISSUER, audience, keys })),
    localIssuer: (fallback) => {
      const signIn = context.loopbackOnly ? makeSignIn(key) : signInOff(context.host, command);
      const documents = withIssuerDocuments(fallback, key, context.url);
      return (request) => (request.rawPath === SIGN_IN_PATH ? signIn(request) : documents(request));
    },
  };
};
