import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/index.js';
import { httpEvent } from './events.js';
import { setup } from './harness.js';

/** What any error body stays under, whatever the request (a 16 KB body once bought 160 KB). */
const ERROR_BODY_BOUND = 8 * 1024;

// Text of any length and script: astral characters take the most bytes once quoted.
const text = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  { arbitrary: fc.string({ unit: 'binary', minLength: 40, maxLength: 80 }), weight: 3 },
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }).map((unit) => unit.repeat(2000)),
  fc.constantFrom('🚀'.repeat(500), '"\\'.repeat(500), '\u0000'.repeat(500)),
);

/** A body of many unknown keys (and maybe bad known ones), kept within the 16 KiB limit. */
const body = fc
  .tuple(
    fc.oneof(
      fc.uniqueArray(text, { minLength: 1, maxLength: 200 }),
      // Enough keys, each long enough to be cut, to fill every listed entry.
      fc.uniqueArray(fc.string({ unit: 'binary', minLength: 41, maxLength: 60 }), {
        minLength: 21,
        maxLength: 80,
      }),
    ),
    fc.oneof(fc.constant({}), fc.record({ title: fc.oneof(text, fc.integer()), status: text })),
  )
  .map(([keys, known]) => {
    const entries: [string, unknown][] = Object.entries(known);
    let size = 2;
    for (const key of keys) {
      size += Buffer.byteLength(JSON.stringify(key)) + 3;
      if (size > MAX_BODY_BYTES - 100) break;
      entries.push([key, 0]);
    }
    return JSON.stringify(Object.fromEntries(entries));
  });

/** Query strings of many long, unknown, repeated parameters. */
const rawQueryString = fc
  .array(fc.tuple(fc.oneof(text, fc.constantFrom('limit', 'status', 'lastKey')), text), {
    minLength: 1,
    maxLength: 60,
  })
  .map((pairs) =>
    new URLSearchParams(
      pairs.map(([name, value]): [string, string] => [name.toWellFormed(), value.toWellFormed()]),
    ).toString(),
  );

const request = fc.oneof(
  fc.record({ method: fc.constant('POST'), rawPath: fc.constant('/tasks'), body }),
  fc.record({ method: fc.constant('GET'), rawPath: fc.constant('/tasks'), rawQueryString }),
  fc.record({
    method: fc.constantFrom('GET', 'PATCH', 'DELETE', 'PUT'),
    rawPath: text.map((id) => `/tasks/${encodeURIComponent(id.toWellFormed())}`),
    rawQueryString,
    body,
    ifMatch: text,
  }),
  fc.record({
    method: fc.constantFrom('GET', 'POST', 'TRACE'),
    rawPath: text.map((segment) => `/${encodeURIComponent(segment.toWellFormed())}`),
  }),
  fc.record({
    method: fc.constant('POST'),
    rawPath: fc.constant('/tasks'),
    body: fc.constant('{"title":"x"}'),
    idempotencyKey: text,
  }),
);

describe('an error body, for any request', () => {
  it(`stays under ${ERROR_BODY_BOUND / 1024} KiB, and is never a 5xx`, async () => {
    const harness = setup();
    let largest = 0;
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const reply = await harness.invoke(
          httpEvent({
            method: input.method,
            rawPath: input.rawPath,
            ...('rawQueryString' in input ? { rawQueryString: input.rawQueryString } : {}),
            ...('body' in input ? { body: input.body } : {}),
            headers: {
              'content-type': 'application/json',
              ...('ifMatch' in input ? { 'if-match': input.ifMatch } : {}),
              ...('idempotencyKey' in input ? { 'idempotency-key': input.idempotencyKey } : {}),
            },
          }),
        );
        expect(reply.status).toBeLessThan(500);
        if (reply.status < 400) return;
        const size = Buffer.byteLength(reply.raw.body);
        largest = Math.max(largest, size);
        expect(size).toBeLessThanOrEqual(ERROR_BODY_BOUND);
      }),
      // Shrinking a body of 16 KiB takes minutes: the first failing request is reported as is.
      { numRuns: 300, endOnFailure: true },
    );
    // The run reached the bound's neighbourhood: bodies that list the most a body can.
    expect(largest).toBeGreaterThan(ERROR_BODY_BOUND * 0.75);
  });
});
