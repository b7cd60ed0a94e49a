import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { MissingKeyIdError, REFUSALS, type Refusal, refusalOf } from './refusals.js';

export interface JwtAuthorizerOptions {
  readonly issuer: string;
  /** Accepted in `aud`, or in `client_id` when the token has no `aud`, as API Gateway does. */
  readonly audience: readonly string[];
  readonly keys: JWTVerifyGetKey;
}

/** What API Gateway puts in `requestContext.authorizer.jwt`: every claim as a string. */
export interface JwtAuthorizerContext {
  readonly claims: Record<string, string>;
  readonly scopes: string[] | null;
}

export type Verdict =
  | { readonly ok: true; readonly jwt: JwtAuthorizerContext }
  /** `reason` is one of our own sentences, never text from the token. */
  | { readonly ok: false; readonly reason: Refusal };

// API Gateway hands claims to the integration as strings; lists as "[a b]".
const asClaimString = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : Array.isArray(value)
      ? `[${value.map(asClaimString).join(' ')}]`
      : JSON.stringify(value);

const stringClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, asClaimString(value)]));

/**
 * The audiences a token claims: API Gateway "validates client_id only if aud is not
 * present. When both aud and client_id are present, API Gateway evaluates aud."
 */
const audiencesOf = (payload: JWTPayload): unknown[] => {
  if (payload.aud !== undefined) return [payload.aud].flat();
  return [payload['client_id']];
};

/** API Gateway: "kid – The token must have a header claim that matches the key in the jwks_uri". */
const requiringKeyId =
  (keys: JWTVerifyGetKey): JWTVerifyGetKey =>
  (header, token) => {
    if (typeof header.kid !== 'string') throw new MissingKeyIdError('no kid');
    return keys(header, token);
  };

const refused = (reason: Refusal): Verdict => ({ ok: false, reason });

/**
 * Checks a request's `Authorization` header as API Gateway's JWT authorizer does ("Control
 * access to HTTP APIs with JWT authorizers", API Gateway developer guide): a JWT (with or
 * without `Bearer `), signed with RSA by the key of the issuer's JWKS that its `kid`
 * names; `iss` the issuer; `aud` one of the audiences (or, without `aud`, `client_id`);
 * `exp` in the future; `nbf` and `iat`, when present, not in the future. `alg: none`,
 * HMAC and unknown `crit` parameters are refused. Resolves a verdict for any input.
 */
export const makeJwtAuthorizer = ({ issuer, audience, keys }: JwtAuthorizerOptions) => {
  const getKey = requiringKeyId(keys);
  return async (authorization: string | undefined): Promise<Verdict> => {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (token === undefined || token === '') return refused(REFUSALS.noToken);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer,
        algorithms: ['RS256', 'RS384', 'RS512'],
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      const reason = refusalOf(error);
      if (reason === undefined) throw error;
      return refused(reason);
    }
    // jose checked that `iat`, when present, is a number; it checks its age only on request.
    if (payload.iat !== undefined && payload.iat > Math.floor(Date.now() / 1000)) {
      return refused(REFUSALS.issuedInFuture);
    }
    const audiences = audiencesOf(payload);
    if (
      !audiences.some((candidate) => typeof candidate === 'string' && audience.includes(candidate))
    ) {
      return refused(REFUSALS.audience);
    }
    const scope = payload['scope'];
    return {
      ok: true,
      jwt: {
        claims: stringClaims(payload),
        scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : null,
      },
    };
  };
};
