import { createServer } from 'node:net';

/**
 * A TCP port that is free on the loopback interface right now. Another process may take
 * it before the caller binds it; callers that start a server report that as a start error.
 */
export const findFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() =>
        port === undefined ? reject(new Error('No port was assigned')) : resolve(port),
      );
    });
  });
