import { ECHO_MAX_LENGTH, MAX_LISTED_ISSUES } from '@tasks/domain';
import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { fieldOf, JSON_HEADERS, type Reply, setup } from './harness.js';

/** The size of what the client receives: the body's UTF-8 bytes. */
const bytesOf = (reply: Reply): number => Buffer.byteLength(reply.raw.body);

const errorsOf = (reply: Reply): unknown[] => {
  const errors = fieldOf(reply.body, 'errors');
  return Array.isArray(errors) ? errors : [];
};

/** A JSON object of `count` unknown keys, each `name(index)`, besides a valid title. */
const unknownKeys = (count: number, name: (index: number) => string): string =>
  JSON.stringify({
    title: 'x',
    ...Object.fromEntries(Array.from({ length: count }, (_, index) => [name(index), 0])),
  });

describe('error bodies are bounded (SPEC §4: a small request never buys a large answer)', () => {
  it(`lists at most ${MAX_LISTED_ISSUES} of the unknown keys of a 16 KB body, and says how many more`, async () => {
    const body = unknownKeys(1400, (index) => `k${String(index).padStart(5, '0')}`);
    expect(Buffer.byteLength(body)).toBeGreaterThan(15_000);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(16 * 1024);

    const reply = await setup().invoke(
      httpEvent({ method: 'POST', rawPath: '/tasks', body, headers: JSON_HEADERS }),
    );

    expect(reply.status).toBe(400);
    expect(errorsOf(reply)).toHaveLength(MAX_LISTED_ISSUES);
    expect(errorsOf(reply)[0]).toEqual({ path: 'k00000', message: 'is not a known field' });
    expect(fieldOf(reply.body, 'detail')).toMatch(/; and 1380 more$/);
    expect(bytesOf(reply)).toBeLessThan(4 * 1024);
  });

  it('cuts an unknown key of 16,000 characters short wherever it is quoted', async () => {
    const key = 'k'.repeat(16_000);
    const body = JSON.stringify({ title: 'x', [key]: 0 });

    const reply = await setup().invoke(
      httpEvent({ method: 'POST', rawPath: '/tasks', body, headers: JSON_HEADERS }),
    );

    expect(reply.status).toBe(400);
    expect(errorsOf(reply)).toEqual([
      { path: `${'k'.repeat(ECHO_MAX_LENGTH)}…`, message: 'is not a known field' },
    ]);
    expect(bytesOf(reply)).toBeLessThan(1024);
  });

  it('cuts a 15,000-character task id short in its 404', async () => {
    const taskId = 'x'.repeat(15_000);

    const reply = await setup().invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));

    expect(reply.status).toBe(404);
    expect(fieldOf(reply.body, 'detail')).toBe(`Task ${'x'.repeat(ECHO_MAX_LENGTH)}… not found`);
    expect(bytesOf(reply)).toBeLessThan(1024);
  });

  it('cuts long paths short in the 404 of an unknown path and the 405 of a known one', async () => {
    const long = 'p'.repeat(15_000);

    const unknown = await setup().invoke(httpEvent({ rawPath: `/${long}` }));
    const unsupported = await setup().invoke(
      httpEvent({ method: 'PUT', rawPath: `/tasks/${long}` }),
    );

    expect(unknown.status).toBe(404);
    expect(unsupported.status).toBe(405);
    for (const reply of [unknown, unsupported]) {
      expect(fieldOf(reply.body, 'detail')).toContain('…');
      expect(bytesOf(reply)).toBeLessThan(1024);
    }
    expect(fieldOf(unsupported.body, 'detail')).toMatch(
      /; use PATCH, DELETE, GET, OPTIONS\.$|; use GET, PATCH, DELETE, OPTIONS\.$/,
    );
  });

  it(`lists at most ${MAX_LISTED_ISSUES} of 500 unknown query parameters`, async () => {
    const rawQueryString = Array.from({ length: 500 }, (_, index) => `p${index}=1`).join('&');

    const reply = await setup().invoke(httpEvent({ rawPath: '/tasks', rawQueryString }));

    expect(reply.status).toBe(400);
    expect(errorsOf(reply)).toHaveLength(MAX_LISTED_ISSUES);
    expect(fieldOf(reply.body, 'detail')).toMatch(/; and 480 more$/);
  });
});
