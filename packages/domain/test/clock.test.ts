import { describe, expect, it } from 'vitest';
import { TASK_ID_PATTERN, uuidV7Generator } from '../src/index.js';

describe('uuidV7Generator', () => {
  it('makes version 7 UUIDs in canonical form', () => {
    const id = uuidV7Generator();
    expect(id).toMatch(TASK_ID_PATTERN);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('makes strictly increasing ids, also many within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidV7Generator());
    for (let index = 1; index < ids.length; index++) {
      expect((ids[index - 1] ?? '') < (ids[index] ?? '')).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the creation time in the first 48 bits', () => {
    const before = Date.now();
    const id = uuidV7Generator();
    const msecs = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });
});
