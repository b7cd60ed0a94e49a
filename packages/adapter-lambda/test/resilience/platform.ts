import type { ComposedHandler } from '../../src/composition/compose.js';
import type { ApiGatewayEvent, ApiGatewayResult } from '../../src/index.js';
import { lambdaContext } from '../http/lambda-context.js';

/** What API Gateway answers when the function did not (Lambda stopped it at its timeout). */
export const PLATFORM_TIMEOUT: ApiGatewayResult = {
  statusCode: 500,
  headers: { 'Content-Type': 'application/json' },
  body: '{"message":"Internal Server Error"}',
  isBase64Encoded: false,
};

/**
 * Invokes `handler` as Lambda does a function with `timeoutMs` to run: its context counts
 * down to the deadline, and if it has not answered by then, the platform answers
 * {@link PLATFORM_TIMEOUT} instead (as the local runtime does). `settled` is the handler's
 * own end, which may come later, as in the local runtime, whose handlers run on.
 */
export const invokeAsLambda = async (
  handler: ComposedHandler,
  event: ApiGatewayEvent,
  timeoutMs: number,
): Promise<{ answer: ApiGatewayResult; settled: Promise<unknown> }> => {
  const deadline = Date.now() + timeoutMs;
  const context = lambdaContext({
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  });
  const running = handler(event, context);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ApiGatewayResult>((resolve) => {
    timer = setTimeout(() => resolve(PLATFORM_TIMEOUT), timeoutMs);
  });
  try {
    const answer = await Promise.race([running, timeout]);
    return { answer, settled: running.catch(() => undefined) };
  } finally {
    clearTimeout(timer);
  }
};
