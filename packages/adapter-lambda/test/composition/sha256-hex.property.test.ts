import { canonicalJson, sha256Hex } from '@tasks/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSha256Hex } from '../../src/composition/sha256-hex.js';

// The deployed create-task hashes with Node's SHA-256; records written by the domain's
// JavaScript one (or by an older bundle) must still match a replay's fingerprint.
describe("Node's sha256Hex", () => {
  it("gives the domain's digest for any text, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(nodeSha256Hex(text)).toBe(sha256Hex(text));
      }),
    );
  });

  it("gives the domain's digest for any request body's canonical JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const text = canonicalJson(body);
        expect(nodeSha256Hex(text)).toBe(sha256Hex(text));
      }),
    );
  });
});
