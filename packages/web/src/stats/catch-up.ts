/**
 * The statistics come from the table's stream, seconds behind the writes (SPEC §10).
 * After a write the page polls a few times, on a widening schedule, until the answer
 * shows the write, then stops: no polling while nothing changes, so an idle page costs
 * no requests (an interval would bill one every few seconds for as long as a tab stays
 * open, and still lag by up to its period).
 */
import type { TaskStats } from '@tasks/client';

/** A write made on this page, as the statistics come to count it. */
export type Write =
  | { readonly kind: 'create'; readonly updatedAt: string }
  | { readonly kind: 'update'; readonly updatedAt: string }
  | { readonly kind: 'remove' };

/**
 * What the statistics show once every write waited for is counted. A delete does not
 * move `asOf` (its own time is known to the stream to the second only: SPEC §10), and
 * "the total falls below the one last seen" fails when that total was itself behind
 * (a create, then its delete before the stream counted either: the total returns to
 * where it was). So the page counts: the total last seen, plus its creates, minus its
 * deletes. A write made elsewhere meanwhile (another tab) makes the total differ: the
 * page then ends its polls saying the statistics may be behind, which they may be.
 */
export interface CatchUpTarget {
  /** The total once every write is counted; unknown when no statistics came yet. */
  readonly total: number | undefined;
  /** The newest `updatedAt` among the creates and updates: `asOf` reaches it. */
  readonly asOf: string | undefined;
}

const TOTAL_CHANGE: Readonly<Record<Write['kind'], number>> = { create: 1, update: 0, remove: -1 };

/**
 * The target after `write`: from the one still waited for, or, when none is (the last
 * catch-up ended), from `seen`, the statistics last received.
 */
export const expectWrite = (
  waiting: CatchUpTarget | undefined,
  seen: TaskStats | undefined,
  write: Write,
): CatchUpTarget => {
  const total = waiting === undefined ? seen?.total : waiting.total;
  const asOf = waiting?.asOf;
  return {
    total: total === undefined ? undefined : total + TOTAL_CHANGE[write.kind],
    asOf:
      write.kind === 'remove' ||
      (asOf !== undefined && Date.parse(asOf) >= Date.parse(write.updatedAt))
        ? asOf
        : write.updatedAt,
  };
};

/** Waits between polls after a write, in ms: about 20 s in all, then the page stops. */
export const POLL_DELAYS_MS: readonly number[] = [1000, 2000, 3000, 5000, 9000];

/** Whether `stats` shows every write `target` waits for. */
export const shows = (stats: TaskStats, target: CatchUpTarget): boolean =>
  (target.total === undefined || stats.total === target.total) &&
  (target.asOf === undefined ||
    (stats.asOf !== null && Date.parse(stats.asOf) >= Date.parse(target.asOf)));

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
