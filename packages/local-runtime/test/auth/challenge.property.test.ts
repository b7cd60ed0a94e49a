import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unauthorized } from '../../src/route-authorizer.js';

// RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E.
const CHALLENGE =
  /^Bearer scope="" error="invalid_token" error_description="[\x20\x21\x23-\x5b\x5d-\x7e]*"$/;

describe("the JWT authorizer's 401, whatever a refusal says", () => {
  it('carries a www-authenticate challenge that HTTP can send and RFC 6750 allows', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (reason) => {
        const headers = new Map(unauthorized(reason).headers);
        const challenge = headers.get('www-authenticate') ?? '';
        expect(() => validateHeaderValue('www-authenticate', challenge)).not.toThrow();
        expect(challenge).toMatch(CHALLENGE);
      }),
      { numRuns: 1000 },
    );
  });
});
