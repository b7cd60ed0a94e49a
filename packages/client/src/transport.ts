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
   * Asked about an answer of the API after an earlier try got none (and so may have done
   * the work): the answer to give instead, or `undefined` to fail with it. A delete that
   * finds no task is done; an update refused as stale may find its own write.
   */
  readonly afterLostAnswer?: (error: TasksApiError) => Promise<Answer | undefined>;
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

/**
 * How much of a failure's body is read: the API's problem details stay under 8 KiB; a
 * proxy's error page can be any size, and only its first 200 characters are kept.
 */
const ERROR_BODY_BYTES = 64 * 1024;

/** The first `limit` bytes of `response`'s body as text; the rest is not read. */
const isWebStream = (body: unknown): body is ReadableStream<Uint8Array> =>
  typeof body === 'object' && body !== null && typeof Reflect.get(body, 'getReader') === 'function';

const prefixOf = async (response: Response, limit: number): Promise<string> => {
  // A fetch of another kind (node-fetch, a polyfill) may give no web stream: read it all.
  const body: unknown = response.body;
  if (!isWebStream(body)) return response.text();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (size >= limit) {
      await reader.cancel();
      return text;
    }
  }
};

/** `promise`, or a rejection as soon as `signal` aborts. */
const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.throwIfAborted();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });

/** What one try got to: `sent` once the request was handed to `fetch`. */
interface TryState {
  sent: boolean;
}

/** A function that sends calls to the API at `options.baseUrl`. */
export const makeTransport = (options: TransportOptions): Send => {
  const { retry } = options;
  const root = options.baseUrl.replace(/\/+$/, '');
  // Called as a plain function: a browser's `window.fetch` refuses any other `this`.
  const send = options.fetch;

  const tryOnce = async (call: Call, url: string, state: TryState): Promise<Answer> => {
    call.signal?.throwIfAborted();
    // One signal for the try, the token's wait included: the caller's abort (its reason
    // kept, so that fetch rejects as the platform does) or the try's timeout, first come.
    const controller = new AbortController();
    const abort = () => controller.abort(call.signal?.reason);
    call.signal?.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    let response: Response;
    let text: string;
    try {
      let token: string | undefined;
      try {
        token =
          typeof options.token === 'function'
            ? await untilAborted(Promise.resolve(options.token()), controller.signal)
            : options.token;
      } catch (error) {
        if (call.signal?.aborted || !controller.signal.aborted) throw error;
        throw new TasksNetworkError(
          `${call.method} ${url}: no token within ${options.timeoutMs} ms`,
          {
            cause: error,
          },
        );
      }
      // Built before anything is sent: a body JSON cannot carry or a header HTTP cannot
      // (a token with a line break) is the caller's fault, thrown as it is, never retried.
      const headers = new Headers(call.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      const body = call.body === undefined ? undefined : JSON.stringify(call.body);
      state.sent = true;
      try {
        response = await send(url, {
          method: call.method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: controller.signal,
        });
        text = response.ok ? await response.text() : await prefixOf(response, ERROR_BODY_BYTES);
      } catch (error) {
        if (call.signal?.aborted) throw error;
        const why = controller.signal.aborted
          ? `no answer within ${options.timeoutMs} ms`
          : 'no answer';
        throw new TasksNetworkError(`${call.method} ${url}: ${why}`, { cause: error });
      }
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
      const state: TryState = { sent: false };
      try {
        return await tryOnce(call, url, state);
      } catch (error) {
        if (!(error instanceof TasksApiError || error instanceof TasksNetworkError)) throw error;
        if (error instanceof TasksApiError && answerLost && call.afterLostAnswer !== undefined) {
          const instead = await call.afterLostAnswer(error);
          if (instead !== undefined) return instead;
        }
        // Unknown whether the try acted: it got no answer, or a 5xx, which says the API
        // could not tell either (a store call cut off at its deadline). A try that never
        // reached fetch (its token did not come) acted on nothing.
        answerLost ||=
          (error instanceof TasksNetworkError && state.sent) ||
          (error instanceof TasksApiError && error.status >= 500);
        const delayMs =
          safe && attempt < retry.attempts ? retryDelay(error, attempt, retry) : undefined;
        if (delayMs === undefined || Date.now() - started + delayMs > retry.totalMs) throw error;
        retry.onRetry?.({ method: call.method, url, attempt, delayMs, error });
        await sleep(delayMs, call.signal);
      }
    }
  };
};
