import type { LoadedFunction } from '../bundles.js';
import { lambdaContext } from '../lambda-context.js';
import type { InvocationResult } from './delivery.js';
import type { LambdaStreamRecord } from './lambda-stream-record.js';

/** The function's ARN, as the failure destination's messages name it. */
export const functionArnOf = (fn: LoadedFunction): string =>
  `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.functionName}`;

/**
 * Invokes a stream function with `{ Records }` and its Lambda context, as the event source
 * mapping does: a rejection, a synchronous throw or running past the function's timeout
 * is a function error. Never rejects.
 */
export const invokeStreamFunction = async (
  fn: LoadedFunction,
  records: readonly LambdaStreamRecord[],
): Promise<InvocationResult> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Task timed out after ${fn.timeoutMs / 1000} seconds`)),
      fn.timeoutMs,
    );
  });
  try {
    const event = { Records: records };
    const context = lambdaContext(fn, Date.now() + fn.timeoutMs);
    const run = Promise.resolve().then(() =>
      Reflect.apply(fn.handler, undefined, [event, context]),
    );
    return { kind: 'returned', value: await Promise.race([run, timeout]) };
  } catch (error) {
    return { kind: 'error', error };
  } finally {
    clearTimeout(timer);
  }
};
