/**
 * Cognito's SRP-6a (the USER_SRP_AUTH flow), on WebCrypto and BigInt: the password never
 * leaves the page, only a proof that the page knows it. Cognito's variant of RFC 5054:
 * the 3072-bit group of RFC 3526 with g = 2, k = H(N | g), x = H(salt | H(pool id +
 * user id + ":" + password)), the session key through HKDF ("Caldera Derived Key", 16
 * bytes), and the PASSWORD_VERIFIER signature, an HMAC of pool id, user id, secret block
 * and time stamp under that key. Hex strings are padded as Cognito's own client pads them
 * (even length, "00" before a high first nibble). Tested against amazon-cognito-identity-js
 * and against a verifier that does the server's side.
 */

/** An SRP value Cognito sent that must not be used (B ≡ 0 or u = 0 mod N). */
export class SrpError extends Error {
  override readonly name = 'SrpError';
  readonly code = 'srp_failed';
}

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

/** The group's prime (RFC 3526 §4, 3072 bits) and generator. */
export const N = BigInt(`0x${N_HEX}`);
export const G = 2n;

const encoder = new TextEncoder();

/** `value` as Cognito hashes it: even-length hex, "00" first when the top bit is set. */
export const padHex = (value: bigint): string => {
  if (value < 0n) throw new RangeError('padHex takes a non-negative value');
  const hex = value.toString(16);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return /^[89a-f]/.test(even) ? `00${even}` : even;
};

export const bytesOfHex = (hex: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

const hexOfBytes = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

const concat = (...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
};

export const base64OfBytes = (bytes: Uint8Array): string =>
  btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));

export const bytesOfBase64 = (base64: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));

const sha256 = async (bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

const hmacSha256 = async (
  key: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> => {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data));
};

/** H of a hex string's bytes, as a number. */
const hashHex = async (hex: string): Promise<bigint> =>
  BigInt(`0x${hexOfBytes(await sha256(bytesOfHex(hex)))}`);

/** The non-negative residue of `value` mod `modulus`. */
const mod = (value: bigint, modulus: bigint): bigint => ((value % modulus) + modulus) % modulus;

/** `base` to the `exponent` mod `modulus`, by squaring. */
export const modPow = (base: bigint, exponent: bigint, modulus: bigint): bigint => {
  let result = 1n;
  let square = mod(base, modulus);
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
};

/** k = H(N | g), the multiplier of SRP-6a. */
export const multiplierK = (): Promise<bigint> => hashHex(padHex(N) + padHex(G));

/** The page's ephemeral pair: a secret `a` of 128 random bytes and A = g^a mod N. */
export interface SrpEphemeral {
  readonly a: bigint;
  readonly A: bigint;
}

/** A fresh ephemeral pair (or the one of `a`, for tests). */
export const ephemeral = (
  a: bigint = BigInt(`0x${hexOfBytes(crypto.getRandomValues(new Uint8Array(128)))}`),
): SrpEphemeral => {
  const A = modPow(G, a, N);
  // A ≡ 0 would let anyone pass; with a random a it cannot happen, but the rule is SRP's.
  if (A === 0n) throw new SrpError('A mod N is 0');
  return { a, A };
};

export interface PasswordKeyInput {
  /** The part of the user pool id after the underscore. */
  readonly poolName: string;
  /** `USER_ID_FOR_SRP` of the challenge. */
  readonly userId: string;
  readonly password: string;
  readonly ephemeral: SrpEphemeral;
  /** `SRP_B` of the challenge. */
  readonly B: bigint;
  /** `SALT` of the challenge. */
  readonly salt: bigint;
}

/** The 16-byte key both sides derive: HKDF(S, salt u, info "Caldera Derived Key"). */
export const passwordAuthenticationKey = async ({
  poolName,
  userId,
  password,
  ephemeral: { a, A },
  B,
  salt,
}: PasswordKeyInput): Promise<Uint8Array<ArrayBuffer>> => {
  if (mod(B, N) === 0n) throw new SrpError('B mod N is 0');
  const u = await hashHex(padHex(A) + padHex(B));
  if (u === 0n) throw new SrpError('u is 0');
  const identity = hexOfBytes(await sha256(encoder.encode(`${poolName}${userId}:${password}`)));
  const x = await hashHex(padHex(salt) + identity);
  const k = await multiplierK();
  const S = modPow(B - k * modPow(G, x, N), a + u * x, N);
  const prk = await hmacSha256(bytesOfHex(padHex(u)), bytesOfHex(padHex(S)));
  const okm = await hmacSha256(
    prk,
    concat(encoder.encode('Caldera Derived Key'), Uint8Array.of(1)),
  );
  return okm.slice(0, 16);
};

export interface ClaimInput {
  readonly poolName: string;
  readonly userId: string;
  /** `SECRET_BLOCK` of the challenge, base64. */
  readonly secretBlock: string;
  /** {@link cognitoTimestamp} of now. */
  readonly timestamp: string;
}

/** `PASSWORD_CLAIM_SIGNATURE`: base64 HMAC-SHA256 of pool, user, secret block and time. */
export const passwordClaimSignature = async (
  key: Uint8Array<ArrayBuffer>,
  { poolName, userId, secretBlock, timestamp }: ClaimInput,
): Promise<string> => {
  const message = concat(
    encoder.encode(poolName),
    encoder.encode(userId),
    bytesOfBase64(secretBlock),
    encoder.encode(timestamp),
  );
  return base64OfBytes(await hmacSha256(key, message));
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number): string => String(value).padStart(2, '0');

/** Cognito's `TIMESTAMP`: "Tue Sep 1 07:05:09 UTC 2020" (the day not padded). */
export const cognitoTimestamp = (date: Date): string =>
  `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
  `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ` +
  `${date.getUTCFullYear()}`;
