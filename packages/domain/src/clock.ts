import { v7 as uuidv7 } from 'uuid';

/** Where the use cases read the time; injected so that tests are deterministic. */
export interface Clock {
  now(): Date;
}

/** Makes the id of a new task. Ids must sort by creation time (UUIDv7 does). */
export type TaskIdGenerator = () => string;

export const systemClock: Clock = { now: () => new Date() };

// Random bytes are drawn 4 KiB at a time: one system call per 256 ids instead of one per
// id, as Node's own randomUUID does. On sandboxed hosts a call costs tens of microseconds.
const POOL_BYTES = 16 * 256;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;
const sixteenRandomBytes = (): Uint8Array => {
  if (poolOffset === POOL_BYTES) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  poolOffset += 16;
  return pool.slice(poolOffset - 16, poolOffset);
};

// RFC 9562 §6.2 method 1: within one millisecond a 31-bit counter orders the ids; when it
// overflows, the id borrows the next millisecond. Ids made here therefore always increase.
let lastMs = Number.NEGATIVE_INFINITY;
let sequence = 0;

/** UUID version 7: time-ordered and strictly increasing, so newest-first is descending id. */
export const uuidV7Generator: TaskIdGenerator = () => {
  const random = sixteenRandomBytes();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // A random start, with the top bit clear so the counter has room to grow.
    sequence =
      (((random[6] ?? 0) & 0x7f) << 23) |
      ((random[7] ?? 0) << 15) |
      ((random[8] ?? 0) << 7) |
      ((random[9] ?? 0) >>> 1);
  } else {
    sequence = (sequence + 1) | 0;
    if (sequence === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq: sequence });
};
