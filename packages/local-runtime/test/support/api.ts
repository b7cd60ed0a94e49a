import type { Exchange } from './openapi-exchanges.js';

/** A response read whole: status, headers, text, and the JSON body when there is one. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when the response is JSON (problem+json included), else `undefined`. */
  readonly json: unknown;
  header(name: string): string | null;
}

export interface RequestOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Sent as is; no `Content-Type` unless `headers` has one. */
  readonly body?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The HTTP client of the contract tests: real requests with `fetch`. */
export interface Api {
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  get(path: string, options?: RequestOptions): Promise<Reply>;
  post(path: string, options?: RequestOptions): Promise<Reply>;
  patch(path: string, options?: RequestOptions): Promise<Reply>;
  delete(path: string, options?: RequestOptions): Promise<Reply>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An API client for the server at `baseUrl()` (read at each request: it is set in a hook).
 * `onExchange` sees every request and its response before the caller does.
 */
export const apiAt = (baseUrl: () => string, onExchange?: (exchange: Exchange) => void): Api => {
  const request = async (method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    onExchange?.({
      method,
      path: path.split('?')[0] ?? path,
      requestHeaders: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      status: response.status,
      header: (name) => response.headers.get(name) ?? undefined,
      text,
    });
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: isJson && text !== '' ? JSON.parse(text) : undefined,
      header: (name: string) => response.headers.get(name),
    };
  };
  return {
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, options) => request('POST', path, options),
    patch: (path, options) => request('PATCH', path, options),
    delete: (path, options) => request('DELETE', path, options),
  };
};

/** The value at `keys` in a JSON body, or `undefined`. */
export const field = (value: unknown, ...keys: string[]): unknown => {
  let node = value;
  for (const key of keys) node = isRecord(node) ? node[key] : undefined;
  return node;
};

/** The `taskId` of a 201 reply; fails the test when there is none. */
export const createdId = (reply: Reply): string => {
  const taskId = field(reply.json, 'taskId');
  if (typeof taskId !== 'string') throw new Error(`no taskId in ${reply.status} ${reply.text}`);
  return taskId;
};

/** The `items` of a list page; fails the test when the body is not a page. */
export const itemsOf = (reply: Reply): unknown[] => {
  const items = field(reply.json, 'items');
  if (!Array.isArray(items)) throw new Error(`no items in ${reply.status} ${reply.text}`);
  return items;
};
