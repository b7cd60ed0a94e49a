import { connect, createServer } from 'node:net';
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

/** The raw head of the answer to `GET <path>` on a new connection that the request closes. */
const rawHeadOf = (port: number, path: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () =>
      socket.end(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve(text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n'));
    });
  });

describe('the local HTTP server', () => {
  it('sends a body with its Content-Length, never chunked, each header in order and repeats kept', async () => {
    const server = await listen({
      host: '127.0.0.1',
      port: 0,
      handle: async (request) =>
        request.rawPath === '/empty'
          ? { statusCode: 204, headers: [['x-kept', 'yes']], body: Buffer.from('') }
          : {
              statusCode: 201,
              headers: [
                ['Set-Cookie', 'a=1'],
                ['content-type', 'application/json'],
                ['Set-Cookie', 'b=2'],
              ],
              body: Buffer.from('{"title":"é"}'),
            },
    });
    try {
      const created = await rawHeadOf(server.port, '/tasks');
      expect(created[0]).toBe('HTTP/1.1 201 Created');
      expect(created.filter((line) => /^set-cookie:/i.test(line))).toEqual([
        'Set-Cookie: a=1',
        'Set-Cookie: b=2',
      ]);
      expect(created).toContain('content-type: application/json');
      expect(created).toContain(`Content-Length: ${Buffer.byteLength('{"title":"é"}')}`);
      expect(created.some((line) => /^transfer-encoding:/i.test(line))).toBe(false);

      const empty = await rawHeadOf(server.port, '/empty');
      expect(empty[0]).toBe('HTTP/1.1 204 No Content');
      expect(empty).toContain('x-kept: yes');
      expect(empty.some((line) => /^(content-length|transfer-encoding):/i.test(line))).toBe(false);
    } finally {
      await server.close(1_000);
    }
  });

  it('lets a request in flight finish when it closes, then refuses connections', async () => {
    let arrived: () => void = () => undefined;
    const handling = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = await listen({
      host: '127.0.0.1',
      port: 0,
      handle: async () => {
        arrived();
        await sleep(300);
        return ok('finished');
      },
    });
    const url = `http://127.0.0.1:${server.port}/tasks`;
    const inFlight = fetch(url);
    // In flight once the server has it: a fixed wait let a loaded machine close first.
    await handling;

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
