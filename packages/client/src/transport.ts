/**
 * One call of the API: the request built once (a create's `Idempotency-Key` included),
 * sent and, where {@link isRetrySafe} allows, sent again by the rules of `./retry.js`.
 */
import { TasksApiError, TasksNetworkError } from './errors.js';
import { isRetrySafe, parseRetryAfter, type RetryPolicy, retryDelay, sleep } from './retry.js';

/** A bearer token, or a function that gives one for each request (and each retry). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface TransportOptions {
  readonly baseUrl: string;
  readonly token: TokenSource | undefined;
  readonly fetch: typeof fetch;
  readonly retry: RetryPolicy;
  /** How long one try may wait for its answer before it counts as lost. */
  readonly timeoutMs: number;
}

export interface Call {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** From the API's root: `/tasks/…`, query included. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /**
   * Statuses that mean success when an earlier try got no answer (and so may have done
   * the work): a delete that finds no task after a lost answer.
   */
  readonly doneAfterLostAnswer?: readonly number[];
}

/** A success: its status, headers and JSON body (`undefined` when empty). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export type Send = (call: Call) => Promise<Answer>;

const readBody = (status: number, text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (status < 300) throw new TasksApiError(status, { detail: 'The answer is not JSON' });
    return { detail: text.slice(0, 200) };
  }
};

/** A function that sends calls to the API at `options.baseUrl`. */
export const makeTransport = (options: TransportOptions): Send => {
  const { retry } = options;
  const root = options.baseUrl.replace(/\/+$/, '');

  const tryOnce = async (call: Call, url: string): Promise<Answer> => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    call.signal?.throwIfAborted();
    const headers: Record<string, string> = { ...call.headers };
    if (token) headers['authorization'] = `Bearer ${token}`;
    // One signal for the try: the caller's abort (its reason kept, so that fetch rejects
    // as the platform does) or the try's timeout, whichever comes first.
    const controller = new AbortController();
    const abort = () => controller.abort(call.signal?.reason);
    call.signal?.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(url, {
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (call.signal?.aborted) throw error;
      const why = controller.signal.aborted
        ? `no answer within ${options.timeoutMs} ms`
        : 'no answer';
      throw new TasksNetworkError(`${call.method} ${url}: ${why}`, { cause: error });
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', abort);
    }
    const body = readBody(response.status, text);
    if (response.ok) return { status: response.status, headers: response.headers, body };
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    throw new TasksApiError(response.status, body, retryAfter);
  };

  return async (call) => {
    const url = `${root}${call.path}`;
    const safe = isRetrySafe(call.method, call.headers ?? {});
    const started = Date.now();
    let answerLost = false;
    for (let attempt = 1; ; attempt++) {
      call.signal?.throwIfAborted();
      try {
        return await tryOnce(call, url);
      } catch (error) {
        if (!(error instanceof TasksApiError || error instanceof TasksNetworkError)) throw error;
        if (error instanceof TasksApiError && answerLost) {
          if (call.doneAfterLostAnswer?.includes(error.status)) {
            return { status: error.status, headers: new Headers(), body: undefined };
          }
        }
        answerLost ||= error instanceof TasksNetworkError;
        const delayMs =
          safe && attempt < retry.attempts ? retryDelay(error, attempt, retry) : undefined;
        if (delayMs === undefined || Date.now() - started + delayMs > retry.totalMs) throw error;
        retry.onRetry?.({ method: call.method, url, attempt, delayMs, error });
        await sleep(delayMs, call.signal);
      }
    }
  };
};
