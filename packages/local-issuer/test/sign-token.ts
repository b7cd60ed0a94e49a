import type { SigningKey } from '../src/index.js';

const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A JWS of any protected header and claims, signed RS256 with `key`: what jose's
 * `SignJWT` would refuse to write (an unknown `crit`, no `kid`), as an attacker can.
 */
export const signToken = async (
  key: SigningKey,
  header: Record<string, unknown>,
  claims: unknown,
): Promise<string> => {
  if (!(key.privateKey instanceof CryptoKey)) throw new TypeError('expected a Web Crypto key');
  const input = `${base64url(header)}.${base64url(claims)}`;
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key.privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
};
