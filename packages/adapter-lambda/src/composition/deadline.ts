import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/**
 * How long before the function's deadline its store calls are ended: time to turn the
 * failure into a 503 problem and hand it to the platform (a few milliseconds, even on a
 * loaded machine), with room to spare.
 */
export const DEADLINE_MARGIN_MS = 500;

/** What a deadline is read from: the Lambda context of the invocation. */
export type RemainingTime = Pick<Context, 'getRemainingTimeInMillis'>;

/** The deadline of each invocation, as a signal that store calls made during it obey. */
export interface Deadlines {
  /** The signal of the invocation under way; `undefined` outside any. */
  readonly signal: () => AbortSignal | undefined;
  /**
   * Runs `work` (one invocation) with a signal that fires `marginMs` before the deadline
   * `context` tells (`getRemainingTimeInMillis`), so that no store call outlives the
   * function: a stalled store answers 503 instead of the platform's timeout (SPEC §5).
   */
  within<T>(context: RemainingTime, work: () => Promise<T>): Promise<T>;
}

/**
 * Deadlines carried by `AsyncLocalStorage`: the repository is built once per container,
 * outside the handler, and reads the current invocation's signal when it sends a call,
 * so that neither the port nor the use cases need a parameter for it.
 */
export const makeDeadlines = (marginMs: number = DEADLINE_MARGIN_MS): Deadlines => {
  const current = new AsyncLocalStorage<AbortSignal>();
  return {
    signal: () => current.getStore(),
    within: async (context, work) => {
      const controller = new AbortController();
      const budget = Math.max(0, context.getRemainingTimeInMillis() - marginMs);
      const timer = setTimeout(() => controller.abort(), budget);
      try {
        return await current.run(controller.signal, work);
      } finally {
        clearTimeout(timer);
        // Nothing the invocation started may outlive its answer.
        controller.abort();
      }
    },
  };
};
