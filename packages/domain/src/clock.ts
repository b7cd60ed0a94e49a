import { v7 as uuidv7 } from 'uuid';

/** Where the use cases read the time; injected so that tests are deterministic. */
export interface Clock {
  now(): Date;
}

/** Makes the id of a new task. Ids must sort by creation time (UUIDv7 does). */
export type TaskIdGenerator = () => string;

export const systemClock: Clock = { now: () => new Date() };

/** UUID version 7: time-ordered, so newest-first is descending id order. */
export const uuidV7Generator: TaskIdGenerator = () => uuidv7();
