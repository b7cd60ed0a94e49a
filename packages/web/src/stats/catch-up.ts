/**
 * The statistics come from the table's stream, seconds behind the writes (SPEC §10).
 * After a write the page polls a few times, on a widening schedule, until the answer
 * shows the write, then stops: no polling while nothing changes, so an idle page costs
 * no requests (an interval would bill one every few seconds for as long as a tab stays
 * open, and still lag by up to its period).
 */
import type { TaskStats } from '@tasks/client';

/** A write the statistics must come to show. */
export type Write =
  /** A create or update: counted once `asOf` (the newest change counted) reaches it. */
  | { readonly kind: 'upsert'; readonly updatedAt: string }
  /** A delete: counted once the total falls below what it was before. */
  | { readonly kind: 'remove'; readonly totalBefore: number | undefined };

/** Waits between polls after a write, in ms: about 20 s in all, then the page stops. */
export const POLL_DELAYS_MS: readonly number[] = [1000, 2000, 3000, 5000, 9000];

/** Whether `stats` shows `write`. */
export const shows = (stats: TaskStats, write: Write): boolean =>
  write.kind === 'upsert'
    ? stats.asOf !== null && Date.parse(stats.asOf) >= Date.parse(write.updatedAt)
    : write.totalBefore === undefined || stats.total < write.totalBefore;

export interface PollOptions {
  readonly load: (signal: AbortSignal) => Promise<TaskStats>;
  readonly caughtUp: (stats: TaskStats) => boolean;
  readonly onStats: (stats: TaskStats) => void;
  readonly signal: AbortSignal;
  readonly delays?: readonly number[];
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Polls until `caughtUp` holds, or the schedule ends: resolves whether it caught up.
 * Rejects with the signal's reason when aborted (a newer write starts its own poll), or
 * with the load's error.
 */
export const pollUntilCaughtUp = async ({
  load,
  caughtUp,
  onStats,
  signal,
  delays = POLL_DELAYS_MS,
  sleep = abortableSleep,
}: PollOptions): Promise<boolean> => {
  for (const delay of delays) {
    await sleep(delay, signal);
    const stats = await load(signal);
    signal.throwIfAborted();
    onStats(stats);
    if (caughtUp(stats)) return true;
  }
  return false;
};
