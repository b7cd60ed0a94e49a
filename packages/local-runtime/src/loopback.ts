import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether `address`, the IP address a server is bound to (as `server.address()` gives
 * it), is a loopback address: `127.0.0.0/8` or `::1`, also mapped (`::ffff:127.0.0.1`).
 * Anything else (`0.0.0.0`, `::`, a network interface's address) is reachable from
 * elsewhere.
 */
export const isLoopbackAddress = (address: string): boolean => {
  if (isIPv4(address)) return address.split('.')[0] === '127';
  if (!isIPv6(address)) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped === undefined ? address === '::1' : isLoopbackAddress(mapped);
};

/** `127.0.0.1`, `localhost` or `[::1]`, with or without a port (host names are case-insensitive). */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether a `Host` header names this machine by a loopback name. A page of another site
 * that reaches a loopback port by DNS rebinding sends its own host name, which is no
 * loopback name.
 */
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOST.test(host);
