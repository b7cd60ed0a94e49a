import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateSigningKey,
  makeJwtAuthorizer,
  REFUSALS,
  type SigningKey,
  verificationKeys,
} from '../src/index.js';
import { signToken } from './sign-token.js';

let directory: string;
let key: SigningKey;
let authorize: ReturnType<typeof makeJwtAuthorizer>;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tasks-issuer-property-'));
  key = await loadOrCreateSigningKey(directory);
  authorize = makeJwtAuthorizer({
    issuer: LOCAL_ISSUER,
    audience: [LOCAL_AUDIENCE],
    keys: verificationKeys({ key }),
  });
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const now = (): number => Math.floor(Date.now() / 1000);
// Any text, in any script: header names and values are the attacker's.
const text = fc.string({ unit: 'binary', maxLength: 12 });
const anyValue = fc.oneof(text, fc.integer(), fc.jsonValue({ maxDepth: 2 }));
const ABSENT = Symbol('absent');

/** Mostly `usual`, sometimes `unusual`, sometimes left out: tokens near the valid ones. */
const field = <T, U>(usual: fc.Arbitrary<T>, unusual: fc.Arbitrary<U>) =>
  fc.oneof(
    { weight: 5, arbitrary: usual },
    { weight: 1, arbitrary: unusual },
    { weight: 1, arbitrary: fc.constant(ABSENT) },
  );
const seconds = (min: number, max: number) =>
  fc.integer({ min, max }).map((offset) => now() + offset);

const header = fc.record({
  alg: field(fc.constant('RS256'), fc.oneof(fc.constantFrom('RS512', 'HS256', 'none'), anyValue)),
  kid: field(fc.constant('ours'), anyValue),
  typ: field(fc.constant('JWT'), anyValue),
  crit: fc.oneof({ weight: 5, arbitrary: fc.constant(ABSENT) }, fc.array(text, { maxLength: 2 })),
  extra: fc.dictionary(text, anyValue, { maxKeys: 2 }),
});

const claims = fc.record({
  sub: field(fc.constant('alice'), anyValue),
  iss: field(fc.constant(LOCAL_ISSUER), anyValue),
  aud: field(
    fc.constantFrom(LOCAL_AUDIENCE, [LOCAL_AUDIENCE, 'other']),
    fc.oneof(fc.constantFrom('someone-else', ['other']), anyValue),
  ),
  client_id: field(fc.constant(LOCAL_AUDIENCE), anyValue),
  exp: field(seconds(5, 3600), fc.oneof(seconds(-3600, -1), anyValue)),
  nbf: field(seconds(-3600, 0), fc.oneof(seconds(5, 3600), anyValue)),
  iat: field(seconds(-3600, 0), fc.oneof(seconds(5, 3600), anyValue)),
  extra: fc.dictionary(text, anyValue, { maxKeys: 2 }),
});

/** The JSON object of a generated record: `extra` spread in, left-out fields dropped. */
const flatten = ({ extra, ...fields }: { extra: Record<string, unknown> }) => {
  const entries = Object.entries(fields).filter(([, value]) => value !== ABSENT);
  return { ...extra, ...Object.fromEntries(entries) };
};

const accepted = (value: unknown, expected: string): boolean => [value].flat().includes(expected);

describe('the local JWT authorizer, for any signed token', () => {
  it('resolves a verdict, refusing in words of its own, and accepts only what API Gateway would', async () => {
    const refusals: readonly string[] = Object.values(REFUSALS);
    let acceptedCount = 0;
    await fc.assert(
      fc.asyncProperty(header, claims, async (rawHeader, rawClaims) => {
        const protectedHeader = flatten(rawHeader);
        if (protectedHeader['kid'] === 'ours') protectedHeader['kid'] = key.kid;
        const payload: Record<string, unknown> = flatten(rawClaims);
        const verdict = await authorize(`Bearer ${await signToken(key, protectedHeader, payload)}`);
        if (!verdict.ok) {
          expect(refusals).toContain(verdict.reason);
          return;
        }
        acceptedCount++;
        expect(protectedHeader['kid']).toBe(key.kid);
        expect(payload['iss']).toBe(LOCAL_ISSUER);
        expect(payload['exp']).toBeGreaterThan(now() - 1);
        for (const claim of ['nbf', 'iat']) {
          if (claim in payload) expect(payload[claim]).toBeLessThanOrEqual(now() + 1);
        }
        expect(
          'aud' in payload
            ? accepted(payload['aud'], LOCAL_AUDIENCE)
            : payload['client_id'] === LOCAL_AUDIENCE,
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Near-valid tokens: the acceptance rules are exercised, not only the refusals.
    expect(acceptedCount).toBeGreaterThan(10);
  });
});
