import { describe, expect, it } from 'vitest';
import type { IncomingHttpRequest } from '../../src/api-gateway-event.js';
import type { GatewayResponse } from '../../src/lambda-result.js';
import { makeDistribution } from '../../src/web/distribution.js';

const request = (rawPath: string): IncomingHttpRequest => ({
  method: 'GET',
  rawPath,
  rawQueryString: '',
  httpVersion: '1.1',
  rawHeaders: ['Host', 'localhost:3000'],
  sourceIp: '127.0.0.1',
  localPort: 3000,
  body: Buffer.alloc(0),
});

const answer = (headers: GatewayResponse['headers']): GatewayResponse => ({
  statusCode: 200,
  headers,
  body: Buffer.from('{}'),
});

describe("the local distribution's response headers policy", () => {
  it("replaces the origin's header of the same name in any case, on every answer", async () => {
    const distribution = makeDistribution({
      api: async () =>
        answer([
          ['content-type', 'application/json'],
          ['strict-transport-security', 'max-age=1'],
          ['X-FRAME-OPTIONS', 'ALLOW'],
        ]),
      site: {
        page: async () => answer([]),
        behaviours: [
          {
            matches: (path) => path.startsWith('/tasks'),
            origin: 'api',
            allowedMethods: ['GET'],
            headers: [
              ['Strict-Transport-Security', 'max-age=63072000'],
              ['X-Frame-Options', 'DENY'],
            ],
          },
        ],
      },
    });

    for (const path of ['/tasks', '/tasks/1']) {
      const response = await distribution.handle(request(path));
      expect(response.headers).toEqual([
        ['content-type', 'application/json'],
        ['Strict-Transport-Security', 'max-age=63072000'],
        ['X-Frame-Options', 'DENY'],
      ]);
    }
  });
});
