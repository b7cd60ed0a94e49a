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

/** What the signal of an invocation that has answered aborts with: made once, not per call. */
const ANSWERED = new DOMException('The invocation has answered', 'AbortError');

/** One invocation: where its deadline is read, and its signal once a store call asked for it. */
interface Invocation {
  readonly context: RemainingTime;
  controller?: AbortController;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Deadlines that the repository, built once per container outside the handler, reads
 * when it sends a call, so that neither the port nor the use cases need a parameter for
 * them. The signal and its timer are made on the first call that asks for one, from the
 * time left then: an invocation that sends no store call (a 400, the fallback, a store
 * that takes no signal) pays for neither. Profiled (issue 12), an AbortController, its
 * timer and the DOMException of `abort()` made for every invocation were the largest
 * cost of the in-process loop.
 *
 * Lambda hands an execution environment one invocation at a time, and that one is kept
 * in a variable. An invocation that starts while another is under way (the local runtime
 * and Lambda's managed instances run several in one module instance) is carried by
 * `AsyncLocalStorage` instead, which each such invocation pays for (about 0.2 µs): the
 * continuations of the first see no store and read the variable, those of the others
 * read their own store.
 */
export const makeDeadlines = (marginMs: number = DEADLINE_MARGIN_MS): Deadlines => {
  const concurrent = new AsyncLocalStorage<Invocation>();
  let alone: Invocation | undefined;
  return {
    signal: () => {
      const invocation = concurrent.getStore() ?? alone;
      if (invocation === undefined) return undefined;
      if (invocation.controller === undefined) {
        const controller = new AbortController();
        invocation.controller = controller;
        const budget = Math.max(0, invocation.context.getRemainingTimeInMillis() - marginMs);
        invocation.timer = setTimeout(() => controller.abort(), budget);
      }
      return invocation.controller.signal;
    },
    within: async (context, work) => {
      const invocation: Invocation = { context };
      const first = alone === undefined && concurrent.getStore() === undefined;
      try {
        if (!first) return await concurrent.run(invocation, work);
        alone = invocation;
        return await work();
      } finally {
        if (first) alone = undefined;
        clearTimeout(invocation.timer);
        // Nothing the invocation started may outlive its answer.
        invocation.controller?.abort(ANSWERED);
      }
    },
  };
};
