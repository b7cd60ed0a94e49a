/**
 * The one Web Crypto function the domain uses. It is a global of every runtime the domain
 * targets (Node.js, browsers, Deno, Bun, workers), so the domain needs no `node:` import
 * and no DOM library for it.
 */
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
};
