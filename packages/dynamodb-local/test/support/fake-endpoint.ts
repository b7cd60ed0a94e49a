import { createServer, type Server } from 'node:http';
import { afterEach } from 'vitest';

/** Starts HTTP servers answering every request with `{"TableNames":[]}`; closed after each test. */
export const useFakeEndpoints = (): (() => Promise<string>) => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  });
  return () =>
    new Promise((resolve) => {
      const server = createServer((_, res) => res.end('{"TableNames":[]}'));
      servers.push(server);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
      });
    });
};
