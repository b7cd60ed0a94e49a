import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type SignJWT } from 'jose';

/** RS256: API Gateway's JWT authorizer accepts RSA signatures only. */
export const SIGNING_ALGORITHM = 'RS256';

/** Whatever jose signs with. */
export type PrivateKey = Parameters<SignJWT['sign']>[0];

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: PrivateKey;
  /** The public half, as the JWKS serves it. */
  readonly publicJwk: JWK;
}

const FILE = 'signing-key.json';

const isJwk = (value: unknown): value is JWK & { kid: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof Reflect.get(value, 'kid') === 'string' &&
  Reflect.get(value, 'kty') === 'RSA';

const publicPart = ({ n, e, kid }: JWK & { kid: string }): JWK => ({
  kty: 'RSA',
  ...(n === undefined ? {} : { n }),
  ...(e === undefined ? {} : { e }),
  kid,
  alg: SIGNING_ALGORITHM,
  use: 'sig',
});

/**
 * The local issuer's key, kept in `directory` so that tokens stay valid across restarts
 * and `npm run token` signs with the key the runtime verifies against. Made on first use.
 */
export const loadOrCreateSigningKey = async (directory: string): Promise<SigningKey> => {
  const file = join(directory, FILE);
  const stored: unknown = await readFile(file, 'utf8').then(JSON.parse, () => undefined);
  if (isJwk(stored)) {
    const privateKey = await importJWK(stored, SIGNING_ALGORITHM);
    if (privateKey instanceof Uint8Array) throw new Error(`${file} is not an RSA private key`);
    return { kid: stored.kid, privateKey, publicJwk: publicPart(stored) };
  }
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALGORITHM };
  await mkdir(directory, { recursive: true });
  // Written whole or not at all, readable by this user only: it signs tokens.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(jwk), { mode: 0o600 });
  await rename(temporary, file);
  return loadOrCreateSigningKey(directory);
};
