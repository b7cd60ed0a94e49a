import { randomFillSync } from 'node:crypto';

// Drawn 4 KiB at a time: one system call per few hundred ids instead of one or two per
// request, as Node's own randomUUID does. On sandboxed hosts a call costs tens of µs.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** Where the next `count` random bytes (at most 4 KiB) start; the pool refilled when empty. */
const take = (count: number): number => {
  if (offset + count > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += count;
  return offset - count;
};

/** `count` random bytes (at most 4 KiB), from a pool refilled when it runs out. */
export const pooledRandomBytes = (count: number): Buffer => {
  const start = take(count);
  return Buffer.from(pool.subarray(start, start + count));
};

/** `count` random bytes from the pool as text, without copying them first. */
export const pooledRandomText = (
  count: number,
  encoding: 'base64' | 'base64url' | 'hex',
): string => {
  const start = take(count);
  return pool.toString(encoding, start, start + count);
};
