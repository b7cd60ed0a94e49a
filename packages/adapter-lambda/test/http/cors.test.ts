import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { setup } from './harness.js';

const APP = 'https://app.example.com';
const preflight = (origin: string) =>
  httpEvent({
    method: 'OPTIONS',
    rawPath: '/tasks',
    sub: null,
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, idempotency-key',
    },
  });

describe('CORS', () => {
  it('adds Allow-Origin, Expose-Headers and Vary to every response to an allowed origin', async () => {
    const harness = setup({ cors: { allowOrigins: [APP] } });

    const ok = await harness.invoke(httpEvent({ rawPath: '/tasks', headers: { origin: APP } }));
    const problem = await harness.invoke(httpEvent({ rawPath: '/nope', headers: { origin: APP } }));

    for (const reply of [ok, problem]) {
      expect(reply.header('Access-Control-Allow-Origin')).toBe(APP);
      expect(reply.header('Access-Control-Expose-Headers')).toBe(
        'ETag, Location, Idempotent-Replayed, Retry-After',
      );
      expect(reply.header('Vary')).toBe('Origin');
    }
  });

  it('adds no CORS header for an origin that is not allowed', async () => {
    const harness = setup({ cors: { allowOrigins: [APP] } });

    const reply = await harness.invoke(
      httpEvent({ rawPath: '/tasks', headers: { origin: 'https://evil.example' } }),
    );

    expect(reply.status).toBe(200);
    expect(reply.header('Access-Control-Allow-Origin')).toBeUndefined();
    expect(reply.header('Vary')).toBe('Origin');
  });

  it('answers any origin with * when every origin is allowed', async () => {
    const harness = setup({ cors: { allowOrigins: '*' } });

    const reply = await harness.invoke(
      httpEvent({ rawPath: '/tasks', headers: { origin: 'https://anywhere.example' } }),
    );

    expect(reply.header('Access-Control-Allow-Origin')).toBe('*');
    expect(reply.header('Vary')).toBeUndefined();
  });

  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const reply = await setup({ cors: { allowOrigins: [APP] } }).invoke(preflight(APP));

    expect(reply.status).toBe(204);
    expect(reply.raw.body).toBe('');
    expect(reply.header('Access-Control-Allow-Origin')).toBe(APP);
    expect(reply.header('Access-Control-Allow-Methods')).toBe('POST, GET, PATCH, DELETE, OPTIONS');
    expect(reply.header('Access-Control-Allow-Headers')).toBe(
      'Content-Type, Authorization, If-Match, Idempotency-Key',
    );
    expect(reply.header('Access-Control-Max-Age')).toBe('600');
    expect(reply.header('Vary')).toBe('Origin');
  });

  it('answers a preflight from another origin with 204 and no CORS header', async () => {
    const reply = await setup({ cors: { allowOrigins: [APP] } }).invoke(
      preflight('https://evil.example'),
    );

    expect(reply.status).toBe(204);
    expect(reply.header('Access-Control-Allow-Origin')).toBeUndefined();
    expect(reply.header('Access-Control-Allow-Methods')).toBeUndefined();
  });

  it('adds no CORS header when CORS is not configured', async () => {
    const reply = await setup().invoke(preflight(APP));

    expect(reply.status).toBe(204);
    expect(reply.header('Access-Control-Allow-Origin')).toBeUndefined();
  });

  it('uses the methods, headers and max age it is configured with', async () => {
    const reply = await setup({
      cors: {
        allowOrigins: [APP],
        allowMethods: ['GET'],
        allowHeaders: ['Authorization'],
        exposeHeaders: ['ETag'],
        maxAgeSeconds: 60,
      },
    }).invoke(preflight(APP));

    expect(reply.header('Access-Control-Allow-Methods')).toBe('GET');
    expect(reply.header('Access-Control-Allow-Headers')).toBe('Authorization');
    expect(reply.header('Access-Control-Expose-Headers')).toBe('ETag');
    expect(reply.header('Access-Control-Max-Age')).toBe('60');
  });
});
