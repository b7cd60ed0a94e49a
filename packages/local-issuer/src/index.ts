export { jwksDocument, openIdConfiguration, verificationKeys } from './jwks.js';
export { REFUSALS, type Refusal } from './refusals.js';
export { loadOrCreateSigningKey, SIGNING_ALGORITHM, type SigningKey } from './signing-key.js';
export { issueToken, LOCAL_AUDIENCE, LOCAL_ISSUER, type TokenRequest } from './tokens.js';
export {
  type JwtAuthorizerContext,
  type JwtAuthorizerOptions,
  makeJwtAuthorizer,
  type Verdict,
} from './verify.js';
