import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { SigningKey } from './signing-key.js';

/** The JSON Web Key Set the local issuer serves at `/.well-known/jwks.json`. */
export const jwksDocument = (key: SigningKey) => ({ keys: [key.publicJwk] });

/** The OpenID discovery document that points at it, as Cognito serves one. */
export const openIdConfiguration = (issuer: string, jwksUri: string) => ({
  issuer,
  jwks_uri: jwksUri,
  id_token_signing_alg_values_supported: ['RS256'],
  subject_types_supported: ['public'],
  response_types_supported: ['token'],
});

/** Keys to verify with: the local issuer's own, or a remote JWKS (a real Cognito pool). */
export const verificationKeys = (
  source: { key: SigningKey } | { jwksUrl: string },
): JWTVerifyGetKey =>
  'key' in source
    ? createLocalJWKSet(jwksDocument(source.key))
    : createRemoteJWKSet(new URL(source.jwksUrl));
