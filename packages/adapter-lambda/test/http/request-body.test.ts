import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { type Harness, JSON_HEADERS, postTask, setup } from './harness.js';

const post = (
  body: string,
  headers: Record<string, string> = JSON_HEADERS,
  isBase64Encoded = false,
) => httpEvent({ method: 'POST', rawPath: '/tasks', body, headers, isBase64Encoded });

describe('request bodies', () => {
  it.each([
    ['a truncated object', '{"title": "Finish'],
    ['a trailing comma', '{"title": "Finish",}'],
    ['single quotes', "{'title': 'Finish'}"],
    ['an empty body', ''],
  ])('returns 400 malformed_json problem for %s', async (_, body) => {
    const reply = await setup().invoke(post(body));

    expect(reply.status).toBe(400);
    expect(reply.header('Content-Type')).toBe('application/problem+json');
    expect(reply.body).toEqual({
      type: 'https://tasks.example.com/problems/malformed-json',
      title: 'Malformed JSON body',
      status: 400,
      detail: expect.any(String),
      code: 'malformed_json',
    });
  });

  it('returns 400 malformed_json problem for a base64 body that is not UTF-8', async () => {
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');

    const reply = await setup().invoke(post(body, JSON_HEADERS, true));

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'malformed_json' });
  });

  it.each([
    ['a wrong type', { title: 42 }, 'title'],
    ['a missing title', { description: 'no title' }, 'title'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    [
      'a description over 2,000 characters',
      { title: 'x', description: 'd'.repeat(2001) },
      'description',
    ],
    ['an unknown status', { title: 'x', status: 'BLOCKED' }, 'status'],
    ['an unknown field', { title: 'x', taskId: 'mine' }, 'taskId'],
    ['an owner in the body', { title: 'x', owner: 'user-bob' }, 'owner'],
  ])('returns 400 validation problem listing the field for %s', async (_, body, path) => {
    const reply = await postTask(setup(), body);

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      type: 'https://tasks.example.com/problems/validation',
      title: 'Request validation failed',
      status: 400,
      code: 'validation_failed',
      errors: [{ path, message: expect.any(String) }],
    });
  });

  it.each([
    ['a JSON array', '[]'],
    ['a JSON string', '"Finish"'],
    ['JSON null', 'null'],
  ])('returns 400 validation problem for %s instead of an object', async (_, body) => {
    const reply = await setup().invoke(post(body));

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'validation_failed' });
  });

  it('returns 413 problem for a body over 16 KiB', async () => {
    const reply = await postTask(setup(), { title: 'x', description: 'd'.repeat(16 * 1024) });

    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('counts bytes, not characters, towards the 16 KiB limit', async () => {
    // 6,000 characters of 3 bytes each: 18,000 bytes, though only 6,000 UTF-16 units.
    const reply = await postTask(setup(), { title: 'x', description: '✓'.repeat(6000) });

    expect(reply.status).toBe(413);
  });

  it('returns 413 problem for a base64 body whose decoded bytes are over 16 KiB', async () => {
    const body = `${JSON.stringify({ title: 'x' })}${' '.repeat(16 * 1024)}`;

    const reply = await setup().invoke(
      post(Buffer.from(body).toString('base64'), JSON_HEADERS, true),
    );

    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ code: 'payload_too_large' });
  });

  it('accepts a base64 body whose encoding is over 16 KiB when its bytes are not', async () => {
    const body = JSON.stringify({ title: 'x', description: 'd'.repeat(2000) });
    const padded = `${body}${' '.repeat(14 * 1024 - body.length)}`;
    const encoded = Buffer.from(padded).toString('base64');
    expect(encoded.length).toBeGreaterThan(16 * 1024);

    const reply = await setup().invoke(post(encoded, JSON_HEADERS, true));

    expect(reply.status).toBe(201);
  });

  it.each([
    'text/plain',
    'application/xml',
    'application/json; charset=iso-8859-1',
    'application/merge-patch+json',
    'json',
  ])('returns 415 problem for POST with Content-Type %s', async (contentType) => {
    const reply = await setup().invoke(post('{"title":"x"}', { 'content-type': contentType }));

    expect(reply.status).toBe(415);
    expect(reply.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });
});

describe("curl's default Content-Type", () => {
  it('reads a JSON body sent as application/x-www-form-urlencoded as JSON (curl -d, the original design)', async () => {
    const harness = setup();
    const reply = await harness.invoke(
      httpEvent({
        method: 'POST',
        rawPath: '/tasks',
        body: '{"title":"Finish cloud project"}',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      message: 'Task created',
      task: { title: 'Finish cloud project' },
    });
  });

  it('returns 415 problem for a real form', async () => {
    const harness = setup();
    const reply = await harness.invoke(
      httpEvent({
        method: 'POST',
        rawPath: '/tasks',
        body: 'title=Finish+cloud+project',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(reply.status).toBe(415);
    expect(reply.body).toMatchObject({ code: 'unsupported_media_type' });
  });
});

const expectNothingStored = async (harness: Harness) => {
  expect((await harness.invoke(httpEvent({ method: 'GET', rawPath: '/tasks' }))).body).toEqual({
    items: [],
  });
};

describe('bodies that are not UTF-8 JSON as sent', () => {
  const invalidUtf8 = Buffer.from([
    0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d,
  ]);

  it.each([
    ['application/json', { 'content-type': 'application/json' }],
    ['application/json; charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }],
    ['application/x-www-form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no Content-Type', {}],
  ])('returns 400 malformed_json for bytes that are not UTF-8 under %s', async (_, headers) => {
    const harness = setup();

    const reply = await harness.invoke(post(invalidUtf8.toString('base64'), headers, true));

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      code: 'malformed_json',
      detail: expect.stringContaining('UTF-8'),
    });
    await expectNothingStored(harness);
  });

  it('returns 400 malformed_json for a text body no UTF-8 can carry (a lone surrogate)', async () => {
    const reply = await setup().invoke(post('{"title":"a\ud800b"}'));

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'malformed_json' });
  });
});

describe('Content-Encoding', () => {
  it.each(['gzip', 'br', 'deflate', 'zstd', 'gzip, identity', 'x-anything'])(
    'returns 415 problem, saying only identity is accepted, for Content-Encoding %s',
    async (encoding) => {
      const harness = setup();

      const reply = await harness.invoke(
        post('{"title":"x"}', { ...JSON_HEADERS, 'content-encoding': encoding }),
      );

      expect(reply.status).toBe(415);
      expect(reply.header('Content-Type')).toBe('application/problem+json');
      // RFC 7694 §3: the codings the server accepts.
      expect(reply.header('Accept-Encoding')).toBe('identity');
      expect(reply.body).toMatchObject({
        status: 415,
        code: 'unsupported_media_type',
        detail: expect.stringContaining('Content-Encoding'),
      });
      await expectNothingStored(harness);
    },
  );

  it('returns 415 problem for a PATCH whose body is gzip-encoded', async () => {
    const reply = await setup().invoke(
      httpEvent({
        method: 'PATCH',
        rawPath: '/tasks/01890a5d-ac96-774b-bcce-b302099a8057',
        body: '{"title":"x"}',
        headers: { 'content-type': 'application/merge-patch+json', 'content-encoding': 'gzip' },
      }),
    );

    expect(reply.status).toBe(415);
    expect(reply.header('Accept-Encoding')).toBe('identity');
  });

  it.each(['identity', 'Identity', ' identity ', ''])(
    'reads the body as is with Content-Encoding "%s"',
    async (encoding) => {
      const reply = await setup().invoke(
        post('{"title":"x"}', { ...JSON_HEADERS, 'content-encoding': encoding }),
      );

      expect(reply.status).toBe(201);
    },
  );
});
