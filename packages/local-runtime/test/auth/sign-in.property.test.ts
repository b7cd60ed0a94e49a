import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, type SigningKey } from '@tasks/local-issuer';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpRequest } from '../../src/index.js';
import { makeSignIn, SIGN_IN_PATH } from '../../src/web/sign-in.js';

const signInRequest = (username: string): IncomingHttpRequest => ({
  method: 'POST',
  rawPath: SIGN_IN_PATH,
  rawQueryString: '',
  httpVersion: '1.1',
  rawHeaders: ['Host', '127.0.0.1:3000', 'Content-Type', 'application/json'],
  sourceIp: '127.0.0.1',
  localPort: 3000,
  // JSON.stringify writes a lone surrogate as \udxxx: it reaches the sign-in as sent.
  body: Buffer.from(JSON.stringify({ username })),
});

/** Every control, format, line separator and paragraph separator character. */
const UNSHOWN_CHARACTERS = Array.from({ length: 0x110000 }, (_, code) => code)
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code))
  .filter((char) => /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(char));

/** A character no user name may hold: one of those, or a lone surrogate. */
const refusedCharacter = fc.oneof(
  fc.constantFrom(...UNSHOWN_CHARACTERS),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);

/** Well-formed text, so that no surrogate beside it makes a pair with a lone one. */
const text = fc.string({ unit: 'grapheme', maxLength: 20 });

describe('the local sign-in, whatever user name it is sent', () => {
  let dir: string | undefined;
  let key: SigningKey | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tasks-local-sign-in-'));
    key = await loadOrCreateSigningKey(dir);
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  const signIn = (username: string) => {
    if (key === undefined) throw new Error('no key');
    return makeSignIn(key)(signInRequest(username));
  };

  it('covers the format characters that spoof what is shown', () => {
    for (const char of ['\u202e', '\u200b', '\u200d', '\u2066', '\ufeff', '\u2028', '\u2029']) {
      expect(UNSHOWN_CHARACTERS).toContain(char);
    }
  });

  it('refuses, with a 400 naming the field, a name holding a character that does not show as itself or a lone surrogate', async () => {
    await fc.assert(
      fc.asyncProperty(text, refusedCharacter, text, async (before, char, after) => {
        const response = await signIn(`a${before}${char}${after}z`);
        const body: unknown = JSON.parse(response.body.toString());

        expect(response.statusCode).toBe(400);
        expect(body).toMatchObject({
          code: 'validation_failed',
          errors: [{ path: 'username', message: expect.stringMatching(/U\+|well-formed/) }],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('signs in as the trimmed name any other name of at most 128 characters', async () => {
    const shown = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter(
        (name) =>
          name.trim() !== '' &&
          [...name.trim()].length <= 128 &&
          !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name),
      );
    await fc.assert(
      fc.asyncProperty(shown, async (name) => {
        const response = await signIn(name);
        const token: unknown = JSON.parse(response.body.toString()).token;

        expect(response.statusCode).toBe(200);
        expect(typeof token === 'string' && decodeJwt(token).sub).toBe(name.trim());
      }),
      { numRuns: 50 },
    );
  });
});
