import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of a store that can be made to stall: see {@link startStallingProxy}. */
export interface StallingProxy {
  /** `http://127.0.0.1:<port>`: where clients send what the store should get. */
  readonly endpoint: string;
  /** From now on, nothing sent to the store reaches it, and nothing is answered. */
  stall(): void;
  /**
   * Ends the stall: what connections still open had sent meanwhile reaches the store now.
   * What a connection sent before its client closed it is lost.
   */
  resume(): void;
  /** Connections still open that hold bytes the stall kept from the store. */
  held(): number;
  close(): Promise<void>;
}

interface Link {
  readonly client: Socket;
  readonly store: Socket;
  held: Buffer[];
}

/**
 * A stalled store as a network shows it: requests sent during the stall neither reach the
 * store nor get an answer; once it ends, those of clients still waiting go through, late
 * (a client that gave up took its request with it, as a connection that is closed
 * delivers nothing more). This is a network's stall, not a stopped process's: a DynamoDB
 * Local JVM stopped with SIGSTOP still applies, when it resumes, every request its
 * kernel had received for it, from clients long gone, which no client can prevent.
 */
export const startStallingProxy = async (storeEndpoint: string): Promise<StallingProxy> => {
  const { hostname, port } = new URL(storeEndpoint);
  const links = new Set<Link>();
  let stalled = false;
  const server = createServer((client) => {
    const store = createConnection({ host: hostname, port: Number(port) });
    const link: Link = { client, store, held: [] };
    links.add(link);
    client.on('data', (chunk) => {
      if (stalled) link.held.push(chunk);
      else store.write(chunk);
    });
    store.on('data', (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
    const drop = () => {
      links.delete(link);
      link.held = [];
      client.destroy();
      store.destroy();
    };
    client.on('close', drop);
    store.on('close', drop);
    client.on('error', drop);
    store.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the proxy has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const link of links) {
        for (const chunk of link.held) link.store.write(chunk);
        link.held = [];
      }
    },
    held: () => [...links].filter((link) => link.held.length > 0).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of links) {
          link.client.destroy();
          link.store.destroy();
        }
        server.close(() => resolve());
      }),
  };
};
