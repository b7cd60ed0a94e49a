/**
 * The page's SRP against amazon-cognito-identity-js, Cognito's own client (a dev
 * dependency only: the page ships none of it): the same inputs and the same secret `a`
 * must give the same A, k, key and signature; and against a verifier doing Cognito's
 * side (./support/cognito-server.ts), which must accept the proof of the right password
 * and only that.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cognitoTimestamp,
  ephemeral,
  G,
  multiplierK,
  N,
  padHex,
  passwordAuthenticationKey,
  passwordClaimSignature,
  SrpError,
} from '../src/auth/cognito-srp.js';
import { SERVER_N_HEX } from './support/cognito-server.js';

interface LibraryBigInteger {
  toString(radix: number): string;
}
interface LibraryHelper {
  N: LibraryBigInteger;
  g: LibraryBigInteger;
  k: LibraryBigInteger;
  smallAValue: LibraryBigInteger;
  largeAValue: LibraryBigInteger | undefined;
  getLargeAValue(callback: (error: unknown, A: LibraryBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: LibraryBigInteger,
    salt: LibraryBigInteger,
    callback: (error: unknown, key: Uint8Array) => void,
  ): void;
  padHex(value: LibraryBigInteger): string;
}

const require = createRequire(import.meta.url);
const { default: AuthenticationHelper }: { default: new (poolName: string) => LibraryHelper } =
  require('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
const { default: BigInteger }: { default: new (hex: string, radix: number) => LibraryBigInteger } =
  require('amazon-cognito-identity-js/lib/BigInteger.js');
const { default: DateHelper }: { default: new () => { getNowString(): string } } =
  require('amazon-cognito-identity-js/lib/DateHelper.js');

const big = (value: bigint) => new BigInteger(value.toString(16), 16);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The library's helper with the secret `a` fixed, as its constructor would draw it. */
const libraryHelper = (poolName: string, a: bigint): LibraryHelper => {
  const helper = new AuthenticationHelper(poolName);
  helper.smallAValue = big(a);
  helper.largeAValue = undefined;
  return helper;
};

const libraryA = (helper: LibraryHelper): Promise<bigint> =>
  new Promise((resolve, reject) =>
    helper.getLargeAValue((error, A) =>
      error ? reject(error) : resolve(BigInt(`0x${A.toString(16)}`)),
    ),
  );

const libraryKey = async (
  helper: LibraryHelper,
  userId: string,
  password: string,
  B: bigint,
  salt: bigint,
) => {
  await libraryA(helper);
  return new Promise<string>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(userId, password, big(B), big(salt), (error, key) =>
      error ? reject(error) : resolve(hex(key)),
    ),
  );
};

/** The library's signature, as CognitoUser computes it (HMAC under the key), in node:crypto. */
const librarySignature = (
  key: string,
  poolName: string,
  userId: string,
  block: string,
  time: string,
) =>
  createHmac('sha256', Buffer.from(key, 'hex'))
    .update(
      Buffer.concat([
        Buffer.from(poolName),
        Buffer.from(userId),
        Buffer.from(block, 'base64'),
        Buffer.from(time),
      ]),
    )
    .digest('base64');

const randomBig = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);
/** A B as Cognito sends it: k·v + g^b mod N, for some verifier v. */
const serverB = async () => ((await multiplierK()) * randomBig(384) + 2n ** randomBig(2)) % N;

describe('the SRP group', () => {
  it('is the library’s: N, g and k = H(N | g)', async () => {
    const helper = new AuthenticationHelper('pool');
    expect(N.toString(16)).toBe(helper.N.toString(16));
    expect(N.toString(16)).toBe(SERVER_N_HEX.toLowerCase());
    expect(G.toString(16)).toBe(helper.g.toString(16));
    expect((await multiplierK()).toString(16)).toBe(helper.k.toString(16));
  });

  it('pads hex as the library does', () => {
    const helper = new AuthenticationHelper('p');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 3072n }), (value) => {
        expect(padHex(value)).toBe(helper.padHex(big(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('passwordAuthenticationKey and passwordClaimSignature', () => {
  it('give the library’s A, key and signature for the same a, B, salt and password', async () => {
    const a = BigInt(`0x${'ab'.repeat(128)}`);
    const B = await serverB();
    const salt = BigInt('0x9f3c1b2a7d5e4c6b8a0f1e2d3c4b5a69');
    const [poolName, userId, password] = [
      'AbCdEf123',
      '7e1c2a3b-user',
      'correct horse battery staple',
    ];
    const helper = libraryHelper(poolName, a);
    const pair = ephemeral(a);
    expect(pair.A).toBe(await libraryA(helper));

    const key = await passwordAuthenticationKey({
      poolName,
      userId,
      password,
      ephemeral: pair,
      B,
      salt,
    });
    expect(hex(key)).toBe(await libraryKey(helper, userId, password, B, salt));

    const secretBlock = randomBytes(96).toString('base64');
    const timestamp = 'Tue Sep 1 07:05:09 UTC 2020';
    expect(await passwordClaimSignature(key, { poolName, userId, secretBlock, timestamp })).toBe(
      librarySignature(hex(key), poolName, userId, secretBlock, timestamp),
    );
  });

  it('agree with the library for any password, user and secret', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 2n ** 1024n - 1n }),
        fc.bigInt({ min: 1n, max: 2n ** 128n }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (a, salt, password, userId) => {
          const B = await serverB();
          const key = await passwordAuthenticationKey({
            poolName: 'Pool9',
            userId,
            password,
            ephemeral: ephemeral(a),
            B,
            salt,
          });
          expect(hex(key)).toBe(
            await libraryKey(libraryHelper('Pool9', a), userId, password, B, salt),
          );
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuses a B that is 0 mod N, which would let anyone pass', async () => {
    const input = { poolName: 'p', userId: 'u', password: 'x', ephemeral: ephemeral(5n), salt: 1n };
    await expect(passwordAuthenticationKey({ ...input, B: N })).rejects.toThrow(SrpError);
    await expect(passwordAuthenticationKey({ ...input, B: 0n })).rejects.toMatchObject({
      code: 'srp_failed',
    });
  });
});

describe('cognitoTimestamp', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes any instant as the library does ("ddd MMM D HH:mm:ss UTC YYYY")', () => {
    vi.useFakeTimers();
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        (date) => {
          vi.setSystemTime(date);
          expect(cognitoTimestamp(date)).toBe(new DateHelper().getNowString());
        },
      ),
    );
    expect(cognitoTimestamp(new Date('2020-09-01T07:05:09Z'))).toBe('Tue Sep 1 07:05:09 UTC 2020');
  });
});
