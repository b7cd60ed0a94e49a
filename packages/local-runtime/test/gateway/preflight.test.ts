/**
 * Browsers' preflights as an HTTP API treats them (issue 11, item 5): OPTIONS selects a
 * route like any other method (an OPTIONS route, else ANY, else `$default`), the route's
 * authorizer runs on it (a preflight has no token), and CorsConfiguration answers by
 * itself only when no route takes it. The local runtime once let every preflight past the
 * authorizer, which hid that the deployed API answered them 401.
 */
import type { TemplateRoute } from '@tasks/sam-template';
import { afterEach, describe, expect, it } from 'vitest';
import { unauthorized } from '../../src/route-authorizer.js';
import type { CorsConfiguration } from '../../src/template-cors.js';
import { rawRequest, startFakeGateway } from '../support/fake-gateway.js';

const CORS: CorsConfiguration = {
  allowOrigins: ['https://app.example.com'],
  allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'Authorization'],
  exposeHeaders: ['ETag'],
  maxAge: 600,
};
const PREFLIGHT = {
  method: 'OPTIONS',
  headers: { origin: 'https://app.example.com', 'access-control-request-method': 'PATCH' },
};
/** An authorizer that refuses every request: what a token-less request meets. */
const refuseAll = async () => ({ ok: false as const, response: unauthorized(undefined) });

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const gatewayWith = async (routes: TemplateRoute[]) => {
  const gateway = await startFakeGateway({ routes, authorize: refuseAll, cors: CORS });
  close = gateway.close;
  return gateway;
};

describe('a CORS preflight at the local gateway', () => {
  it('meets the authorizer of the ANY route that takes it, as the deployed API did: 401', async () => {
    const gateway = await gatewayWith([
      { functionId: 'Tasks', method: 'GET', path: '/tasks' },
      { functionId: 'Fallback', method: 'ANY', path: '/tasks' },
    ]);

    const reply = await fetch(`${gateway.url}/tasks`, PREFLIGHT);

    expect(reply.status).toBe(401);
    expect(gateway.invocations).toEqual([]);
  });

  it('meets the authorizer of $default when no other route takes it', async () => {
    const gateway = await gatewayWith([
      { functionId: 'Tasks', method: 'GET', path: '/tasks' },
      { functionId: 'Fallback', method: 'ANY', path: '$default' },
    ]);

    expect((await fetch(`${gateway.url}/tasks`, PREFLIGHT)).status).toBe(401);
  });

  it('reaches the function of an OPTIONS route without an authorizer, with the configured CORS headers instead of its own', async () => {
    const gateway = await startFakeGateway({
      routes: [
        { functionId: 'Fallback', method: 'ANY', path: '/tasks' },
        { functionId: 'Fallback', method: 'OPTIONS', path: '/tasks', authorizer: 'NONE' },
      ],
      authorize: refuseAll,
      cors: CORS,
      handlers: {
        Fallback: () => ({
          statusCode: 204,
          headers: { Allow: 'GET, OPTIONS', 'Access-Control-Allow-Origin': 'https://evil.example' },
        }),
      },
    });
    close = gateway.close;

    const reply = await fetch(`${gateway.url}/tasks`, PREFLIGHT);

    expect(reply.status).toBe(204);
    expect(reply.headers.get('allow')).toBe('GET, OPTIONS');
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(reply.headers.get('access-control-allow-methods')).toBe('GET,POST,PATCH,DELETE,OPTIONS');
    expect(reply.headers.get('access-control-allow-headers')).toBe('Content-Type,Authorization');
    expect(reply.headers.get('access-control-max-age')).toBe('600');
  });

  it('is answered by the gateway itself, 204 with the CORS headers, when no route takes it', async () => {
    const gateway = await gatewayWith([{ functionId: 'Tasks', method: 'GET', path: '/tasks' }]);

    const reply = await fetch(`${gateway.url}/tasks`, PREFLIGHT);
    const plain = await fetch(`${gateway.url}/tasks`, { method: 'OPTIONS' });

    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(reply.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(gateway.invocations).toEqual([]);
    expect(plain.status).toBe(404);
  });

  it('reads Origin and Access-Control-Request-Method whatever case the names are sent in', async () => {
    const gateway = await gatewayWith([{ functionId: 'Tasks', method: 'GET', path: '/tasks' }]);

    const reply = await rawRequest(gateway.port, [
      'OPTIONS /tasks HTTP/1.1',
      `Host: 127.0.0.1:${gateway.port}`,
      'ORIGIN: https://app.example.com',
      'access-control-REQUEST-method: PATCH',
    ]);

    expect(reply).toMatch(/^HTTP\/1\.1 204 /);
    expect(reply).toMatch(/\r\nAccess-Control-Allow-Origin: https:\/\/app\.example\.com\r\n/i);
  });

  it('is a 404 when no route takes it and the API has no CORS configuration', async () => {
    const gateway = await startFakeGateway({
      routes: [{ functionId: 'Tasks', method: 'GET', path: '/tasks' }],
    });
    close = gateway.close;

    expect((await fetch(`${gateway.url}/tasks`, PREFLIGHT)).status).toBe(404);
  });
});

describe('CORS headers on what a function answers', () => {
  it('adds the configured ones for an allowed origin, and none for another', async () => {
    const gateway = await startFakeGateway({
      routes: [{ functionId: 'Tasks', method: 'GET', path: '/tasks' }],
      cors: CORS,
    });
    close = gateway.close;

    const allowed = await fetch(`${gateway.url}/tasks`, {
      headers: { origin: 'https://app.example.com' },
    });
    const other = await fetch(`${gateway.url}/tasks`, {
      headers: { origin: 'https://evil.example' },
    });

    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
  });
});
