import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint, sha256Hex } from '../src/index.js';

/** The same JSON value with its object keys in another order, at every depth. */
const shuffleKeys = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, seed));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const rotated = [
      ...entries.slice(seed % (entries.length || 1)),
      ...entries.slice(0, seed % (entries.length || 1)),
    ];
    return Object.fromEntries(
      rotated.reverse().map(([key, item]) => [key, shuffleKeys(item, seed)]),
    );
  }
  return value;
};

describe('sha256Hex', () => {
  // FIPS 180-2's examples, and one character beyond ASCII (its UTF-8 bytes C3 A9).
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['é', '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'],
  ])('hashes %j as SHA-256 of its UTF-8 bytes', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });
});

describe('request fingerprints', () => {
  it('are equal for the same JSON value whatever the key order or whitespace', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const reordered = JSON.parse(JSON.stringify(shuffleKeys(value, seed), null, 2));
        expect(requestFingerprint(reordered, sha256Hex)).toBe(requestFingerprint(value, sha256Hex));
      }),
    );
  });

  it('differ for different JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(requestFingerprint(a, sha256Hex)).not.toBe(requestFingerprint(b, sha256Hex));
      }),
    );
  });

  it('canonical JSON parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Compared as JSON text would carry it (JSON has no -0: both sides write 0).
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
