/** The claims of a JWT the page shows or acts on; the API verifies the token, not the page. */
export interface TokenClaims {
  readonly sub?: string;
  readonly email?: string;
  /** Seconds since the epoch. */
  readonly exp?: number;
}

/** Thrown for a token whose payload cannot be read. */
export class MalformedTokenError extends Error {
  override readonly name = 'MalformedTokenError';
  readonly code = 'malformed_token';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const base64UrlDecode = (part: string): string => {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
    c.charCodeAt(0),
  );
  return new TextDecoder().decode(bytes);
};

/** The payload of a compact JWS, unverified: for display and expiry only. */
export const claimsOf = (token: string): TokenClaims => {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new MalformedTokenError('The token is not a JWT');
  let claims: unknown;
  try {
    claims = JSON.parse(base64UrlDecode(payload));
  } catch (error) {
    throw new MalformedTokenError('The token’s payload is not JSON', { cause: error });
  }
  if (!isRecord(claims)) throw new MalformedTokenError('The token’s payload is not an object');
  const { sub, email, exp } = claims;
  return {
    ...(typeof sub === 'string' ? { sub } : {}),
    ...(typeof email === 'string' ? { email } : {}),
    ...(typeof exp === 'number' ? { exp } : {}),
  };
};
