import { errors } from 'jose';

/**
 * Why a token was refused, in words of our own. A token is attacker text: the library's
 * messages quote header names, claim values and algorithms from it (`Extension Header
 * Parameter "中" is not recognized`), and a refusal ends up in a `WWW-Authenticate`
 * header, so no refusal ever carries anything the token said. Every sentence here is
 * printable ASCII without `"` or `\`, as RFC 6750 §3 allows in `error_description`.
 */
export const REFUSALS = {
  noToken: 'no token in Authorization',
  malformed: 'the token is malformed',
  unsupported: 'the token uses a header parameter or algorithm that is not supported',
  algorithm: 'the token is not signed with an RSA algorithm',
  noKeyId: 'the token has no kid header',
  unknownKey: 'the kid of the token names no key of the issuer',
  signature: 'the token signature is invalid',
  issuer: 'the token has an invalid issuer',
  // The one refusal whose wording AWS documents ("Troubleshooting issues with HTTP API
  // JWT authorizers", API Gateway developer guide).
  audience: 'the token does not have a valid audience',
  noExpiry: 'the token has no expiry (exp)',
  expired: 'the token has expired',
  notYetValid: 'the token is not valid yet (nbf)',
  issuedInFuture: 'the token was issued in the future (iat)',
  claims: 'the token has an invalid claim',
  other: 'the token could not be verified',
} as const;

/** One of {@link REFUSALS}. */
export type Refusal = (typeof REFUSALS)[keyof typeof REFUSALS];

/** Thrown by the key lookup for a token without `kid` (API Gateway requires one). */
export class MissingKeyIdError extends Error {
  override readonly name = 'MissingKeyIdError';
}

const claimRefusal = (claim: string, reason: string): Refusal => {
  if (claim === 'exp' && reason === 'missing') return REFUSALS.noExpiry;
  if (claim === 'iss') return REFUSALS.issuer;
  if (claim === 'nbf') return REFUSALS.notYetValid;
  return REFUSALS.claims;
};

/** The refusal of what `jwtVerify` threw, or `undefined` when it is no verdict on the token. */
export const refusalOf = (error: unknown): Refusal | undefined => {
  if (error instanceof MissingKeyIdError) return REFUSALS.noKeyId;
  if (error instanceof errors.JWTExpired) return REFUSALS.expired;
  if (error instanceof errors.JWTClaimValidationFailed) {
    return claimRefusal(error.claim, error.reason);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return REFUSALS.signature;
  if (error instanceof errors.JWKSNoMatchingKey) return REFUSALS.unknownKey;
  if (error instanceof errors.JOSEAlgNotAllowed) return REFUSALS.algorithm;
  if (error instanceof errors.JOSENotSupported) return REFUSALS.unsupported;
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return REFUSALS.malformed;
  }
  if (error instanceof errors.JOSEError) return REFUSALS.other;
  return undefined;
};
