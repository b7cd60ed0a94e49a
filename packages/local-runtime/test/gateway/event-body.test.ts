import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGateway } from '../support/fake-gateway.js';

type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;

describe('the body of the payload 2.0 event', () => {
  let gateway: FakeGateway;
  afterEach(async () => {
    await gateway.close();
  });

  it.each([
    ['application/json; charset=utf-8', '{"title":"Café"}'],
    ['text/plain', 'plain text'],
    ['application/xml', '<a/>'],
  ])('hands a %s body over as text', async (contentType, body) => {
    gateway = await startFakeGateway();

    await fetch(`${gateway.url}/tasks`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });

    expect(gateway.only().event).toMatchObject({ body, isBase64Encoded: false });
  });

  it.each([
    ['application/octet-stream', { 'content-type': 'application/octet-stream' }],
    ['application/merge-patch+json', { 'content-type': 'application/merge-patch+json' }],
    ['no Content-Type', {}],
  ])('hands a body with %s over in base64', async (_, headers) => {
    gateway = await startFakeGateway();
    const bytes = new Uint8Array([0x7b, 0x00, 0xff, 0x7d]);

    await fetch(`${gateway.url}/tasks`, { method: 'POST', body: bytes, headers });

    expect(gateway.only().event).toMatchObject({ body: 'ewD/fQ==', isBase64Encoded: true });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'text/plain'])(
    'hands a %s body that is not UTF-8 over in base64, as no JSON string can carry it',
    async (contentType) => {
      gateway = await startFakeGateway();
      const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);

      await fetch(`${gateway.url}/tasks`, {
        method: 'POST',
        body: bytes,
        headers: { 'content-type': contentType },
      });

      expect(gateway.only().event).toMatchObject({ body: 'eyL/In0=', isBase64Encoded: true });
    },
  );
});
