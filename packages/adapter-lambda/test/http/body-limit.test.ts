import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { JSON_HEADERS, setup, withTask } from './harness.js';

/** SPEC §4: a body over 16 KiB is 413; 16 KiB itself is not over. */
const LIMIT = 16 * 1024;

/** A valid task body of exactly `bytes` bytes: JSON, padded with insignificant whitespace. */
const bodyOf = (bytes: number, json = '{"title":"At the limit"'): string =>
  `${json}${' '.repeat(bytes - json.length - 1)}}`;

describe('the 16 KiB body limit, byte for byte', () => {
  it.each([
    ['as text', false],
    ['in base64', true],
  ])('creates from a body of exactly 16,384 bytes sent %s', async (_, isBase64Encoded) => {
    const body = bodyOf(LIMIT);
    expect(Buffer.byteLength(body)).toBe(LIMIT);

    const reply = await setup().invoke(
      httpEvent({
        method: 'POST',
        rawPath: '/tasks',
        headers: JSON_HEADERS,
        body: isBase64Encoded ? Buffer.from(body).toString('base64') : body,
        isBase64Encoded,
      }),
    );

    expect(reply.status).toBe(201);
  });

  it.each([
    ['as text', false],
    ['in base64', true],
  ])('returns 413 problem for a body of 16,385 bytes sent %s', async (_, isBase64Encoded) => {
    const body = bodyOf(LIMIT + 1);
    expect(Buffer.byteLength(body)).toBe(LIMIT + 1);

    const reply = await setup().invoke(
      httpEvent({
        method: 'POST',
        rawPath: '/tasks',
        headers: JSON_HEADERS,
        body: isBase64Encoded ? Buffer.from(body).toString('base64') : body,
        isBase64Encoded,
      }),
    );

    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('counts the bytes of multi-byte characters: 16,384 bytes with them is accepted, one more is not', async () => {
    // 'é' is two bytes: the limit is on bytes, and a count of characters would be lower.
    const json = `{"title":"${'é'.repeat(100)}"`;
    const atLimit = bodyOf(LIMIT - 100, json);
    expect(Buffer.byteLength(atLimit)).toBe(LIMIT);
    const harness = setup();
    const post = (body: string) =>
      harness.invoke(httpEvent({ method: 'POST', rawPath: '/tasks', headers: JSON_HEADERS, body }));

    expect((await post(atLimit)).status).toBe(201);
    expect((await post(` ${atLimit}`)).status).toBe(413);
  });

  it('applies to a PATCH too: 16,384 bytes are applied, 16,385 are 413', async () => {
    const { harness, taskId } = await withTask();
    const patch = (body: string) =>
      harness.invoke(
        httpEvent({
          method: 'PATCH',
          rawPath: `/tasks/${taskId}`,
          headers: { 'content-type': 'application/merge-patch+json' },
          body,
        }),
      );

    expect((await patch(bodyOf(LIMIT, '{"status":"DONE"'))).status).toBe(200);
    expect((await patch(bodyOf(LIMIT + 1, '{"status":"TODO"'))).status).toBe(413);
  });
});
