import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp } from '../src/index.js';

/** Year 0 to year 9999, the years `toISOString` writes with four digits. */
const FIRST = Date.parse('0000-01-01T00:00:00.000Z');
const LAST = Date.parse('9999-12-31T23:59:59.999Z');

describe('isoTimestamp', () => {
  it('writes what toISOString writes, for every millisecond of years 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('gets the edges of days, months, leap years and centuries right', () => {
    const edges = [
      '0000-01-01T00:00:00.000Z',
      '0000-02-29T23:59:59.999Z',
      '1900-02-28T23:59:59.999Z',
      '1900-03-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '2000-02-29T12:00:00.001Z',
      '2024-12-31T23:59:59.999Z',
      '2100-03-01T00:00:00.010Z',
      '9999-12-31T23:59:59.999Z',
    ];
    for (const text of edges) {
      const ms = Date.parse(text);
      for (const near of [ms - 1, ms, ms + 1]) {
        expect(isoTimestamp(near)).toBe(new Date(near).toISOString());
      }
    }
    // Every day of four centuries, at a time with every field non-zero.
    for (
      let day = Date.parse('1900-01-01T01:02:03.004Z');
      day < Date.parse('2300-01-01');
      day += 86_400_000
    ) {
      expect(isoTimestamp(day)).toBe(new Date(day).toISOString());
    }
  });

  it('leaves other years, fractions of a millisecond and non-times to toISOString', () => {
    for (const ms of [FIRST - 1, LAST + 1, 8.64e15, -8.64e15, 1.5, -0.5]) {
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    }
    expect(() => isoTimestamp(Number.NaN)).toThrow(RangeError);
    expect(() => isoTimestamp(8.64e15 + 1)).toThrow(RangeError);
  });
});
