import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

export interface JwtAuthorizerOptions {
  readonly issuer: string;
  /** Accepted in `aud` (ID tokens) or `client_id` (access tokens), as API Gateway does. */
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
  | { readonly ok: false; readonly reason: string };

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
 * Checks a request's `Authorization` header as API Gateway's JWT authorizer does: a JWT
 * (with or without `Bearer `), signed with RSA by a key of the issuer's JWKS, from that
 * issuer, for one of the audiences, not expired, not used before `nbf`. `alg: none` and
 * HMAC are refused.
 */
export const makeJwtAuthorizer =
  ({ issuer, audience, keys }: JwtAuthorizerOptions) =>
  async (authorization: string | undefined): Promise<Verdict> => {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (token === undefined || token === '')
      return { ok: false, reason: 'no token in Authorization' };
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        algorithms: ['RS256', 'RS384', 'RS512'],
        requiredClaims: ['exp'],
      });
      const audiences = [
        payload.aud ?? [],
        typeof payload['client_id'] === 'string' ? payload['client_id'] : [],
      ].flat();
      if (!audiences.some((candidate) => audience.includes(candidate))) {
        return { ok: false, reason: 'the token is for another audience' };
      }
      const scope = payload['scope'];
      return {
        ok: true,
        jwt: {
          claims: stringClaims(payload),
          scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : null,
        },
      };
    } catch (error) {
      if (error instanceof errors.JOSEError)
        return { ok: false, reason: `${error.code}: ${error.message}` };
      throw error;
    }
  };
