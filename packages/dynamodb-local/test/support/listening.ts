import { readFileSync } from 'node:fs';

/**
 * The local addresses of the listening TCP sockets on `port`, as /proc/net/tcp and tcp6
 * write them (hex): all zeros is 0.0.0.0 or ::, every interface; `0100007F` is 127.0.0.1,
 * and `0000000000000000FFFF00000100007F` the same as an IPv4-mapped IPv6 address.
 */
export const listeningAddresses = (port: number): string[] => {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local = '', , state]) => state === '0A' && local.endsWith(`:${hexPort}`))
      .map(([, local = '']) => local.slice(0, local.lastIndexOf(':'))),
  );
};

/** Whether every address is the loopback 127.0.0.1 (plain or IPv4-mapped). */
export const onlyLoopback = (addresses: readonly string[]): boolean =>
  addresses.length > 0 &&
  addresses.every((address) => /^(0100007F|0{16}FFFF00000100007F)$/.test(address));

/** Whether every address is the wildcard (every interface). */
export const everyInterface = (addresses: readonly string[]): boolean =>
  addresses.length > 0 && addresses.every((address) => /^0+$/.test(address));
