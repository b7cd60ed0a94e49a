import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PortInUseError } from '../../src/errors.js';
import { listen } from '../../src/http-server.js';
import type { GatewayResponse } from '../../src/lambda-result.js';

const ok = (body: string): GatewayResponse => ({
  statusCode: 200,
  headers: [],
  body: Buffer.from(body),
});

describe('the local HTTP server', () => {
  it('lets a request in flight finish when it closes, then refuses connections', async () => {
    const server = await listen({
      host: '127.0.0.1',
      port: 0,
      handle: async () => {
        await sleep(300);
        return ok('finished');
      },
    });
    const url = `http://127.0.0.1:${server.port}/tasks`;
    const inFlight = fetch(url);
    await sleep(50);

    const closed = server.close(5_000);
    const reply = await inFlight;

    expect(reply.status).toBe(200);
    expect(await reply.text()).toBe('finished');
    await closed;
    await expect(fetch(url)).rejects.toThrow();
  });

  it('closes within the grace period even when a request never finishes', async () => {
    const server = await listen({
      host: '127.0.0.1',
      port: 0,
      handle: () => new Promise<GatewayResponse>(() => undefined),
    });
    const stuck = fetch(`http://127.0.0.1:${server.port}/tasks`).catch((error: unknown) => error);
    await sleep(50);
    const started = Date.now();

    await server.close(200);

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stuck).toBeInstanceOf(Error);
  });

  it('rejects with PortInUseError (code port_in_use) when the port is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;

    const listening = listen({ host: '127.0.0.1', port, handle: async () => ok('') });

    await expect(listening).rejects.toBeInstanceOf(PortInUseError);
    await expect(listening).rejects.toMatchObject({
      code: 'port_in_use',
      message: `Port ${port} on 127.0.0.1 is already in use: stop what uses it or set PORT`,
    });
    await new Promise((resolve) => holder.close(resolve));
  });

  it('answers 500 to a response HTTP cannot carry, and logs it with the request id', async () => {
    const lines: string[] = [];
    const server = await listen({
      host: '127.0.0.1',
      port: 0,
      handle: async () => ({
        statusCode: 200,
        headers: [
          ['x-note', '中'],
          ['apigw-requestid', 'KmHc1jV4liAEJvQ='],
        ],
        body: Buffer.from('{}'),
      }),
      log: (line) => lines.push(line),
    });
    try {
      const reply = await fetch(`http://127.0.0.1:${server.port}/tasks`);

      expect(reply.status).toBe(500);
      expect(await reply.text()).toBe('{"message":"Internal Server Error"}');
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          level: 'ERROR',
          message: 'response could not be sent',
          requestId: 'KmHc1jV4liAEJvQ=',
          errorMessage: expect.stringContaining('x-note'),
        }),
      ]);
    } finally {
      await server.close(1_000);
    }
  });
});
