import { describe, expect, it } from 'vitest';
import {
  type IncomingHttpRequest,
  requestTime,
  toApiGatewayEvent,
} from '../../src/api-gateway-event.js';
import type { RouteSelection } from '../../src/route-table.js';

const selection: RouteSelection = {
  route: {
    routeKey: 'GET /tasks',
    method: 'GET',
    path: '/tasks',
    functionId: 'List',
    authorized: false,
  },
  pathParameters: {},
};

const request = (host: string): IncomingHttpRequest => ({
  method: 'GET',
  rawPath: '/tasks',
  rawQueryString: '',
  httpVersion: '1.1',
  rawHeaders: ['Host', host],
  sourceIp: '127.0.0.1',
  localPort: 3000,
  body: Buffer.alloc(0),
});

const eventAt = (host: string, now: Date) =>
  toApiGatewayEvent(request(host), {
    selection,
    requestId: 'id',
    now,
    accountId: '0',
    apiId: 'local',
  });

describe("the event's time and domain, which the gateway keeps from one request to the next", () => {
  it('writes each request its own second, in whatever order the seconds come', () => {
    const at = (iso: string) => requestTime(new Date(iso));

    expect(at('2026-12-04T19:59:59.999Z')).toBe('04/Dec/2026:19:59:59 +0000');
    expect(at('2026-12-04T19:59:59.001Z')).toBe('04/Dec/2026:19:59:59 +0000');
    expect(at('2026-12-04T20:00:00.000Z')).toBe('04/Dec/2026:20:00:00 +0000');
    expect(at('2026-12-04T20:00:01.000Z')).toBe('04/Dec/2026:20:00:01 +0000');
    expect(at('2026-12-04T19:59:59.500Z')).toBe('04/Dec/2026:19:59:59 +0000');
    expect(at('2027-01-01T00:00:00.000Z')).toBe('01/Jan/2027:00:00:00 +0000');
    expect(at('1970-01-01T00:00:00.999Z')).toBe('01/Jan/1970:00:00:00 +0000');
  });

  it("takes each request's domain from its own Host", () => {
    const now = new Date('2026-12-04T20:00:00.000Z');

    const first = eventAt('tasks.example.com:3000', now).requestContext;
    const second = eventAt('api.example.org', now).requestContext;
    const third = eventAt('tasks.example.com:3000', now).requestContext;

    expect([first.domainName, first.domainPrefix]).toEqual(['tasks.example.com', 'tasks']);
    expect([second.domainName, second.domainPrefix]).toEqual(['api.example.org', 'api']);
    expect([third.domainName, third.domainPrefix]).toEqual(['tasks.example.com', 'tasks']);
  });
});
