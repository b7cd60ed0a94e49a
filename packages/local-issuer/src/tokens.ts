import { SignJWT } from 'jose';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-key.js';

/** The issuer and audience of the local issuer's tokens (and what the runtime expects). */
export const LOCAL_ISSUER = 'https://issuer.tasks.localhost';
export const LOCAL_AUDIENCE = 'tasks-local';

export interface TokenRequest {
  readonly sub: string;
  readonly audience?: string;
  readonly issuer?: string;
  /** Default one hour, as Cognito's ID tokens here. */
  readonly expiresInSeconds?: number;
  readonly claims?: Record<string, unknown>;
}

/** A signed ID token shaped like Cognito's: `sub`, `iss`, `aud`, `iat`, `exp`, `token_use`. */
export const issueToken = (
  key: SigningKey,
  {
    sub,
    audience = LOCAL_AUDIENCE,
    issuer = LOCAL_ISSUER,
    expiresInSeconds = 3600,
    claims = {},
  }: TokenRequest,
): Promise<string> => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ token_use: 'id', ...claims })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(key.privateKey);
};
