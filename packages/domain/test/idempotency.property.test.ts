import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from '../src/index.js';

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

describe('request fingerprints', () => {
  it('are equal for the same JSON value whatever the key order or whitespace', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const reordered = JSON.parse(JSON.stringify(shuffleKeys(value, seed), null, 2));
        expect(requestFingerprint(reordered)).toBe(requestFingerprint(value));
      }),
    );
  });

  it('differ for different JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(requestFingerprint(a)).not.toBe(requestFingerprint(b));
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
