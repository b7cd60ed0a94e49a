import { randomFillSync } from 'node:crypto';

// Drawn 4 KiB at a time: one system call per few hundred ids instead of one or two per
// request, as Node's own randomUUID does. On sandboxed hosts a call costs tens of µs.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `count` random bytes (at most 4 KiB) as text, from a pool refilled when it runs out. */
export const pooledRandomText = (
  count: number,
  encoding: 'base64' | 'base64url' | 'hex',
): string => {
  if (offset + count > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += count;
  return pool.toString(encoding, offset - count, offset);
};
