/** One request as the fake fetch saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** What the fake answers to one request: a response, or a failure to answer at all. */
export type Scripted = Response | Error | ((request: SeenRequest) => Response | Error);

export interface FakeFetch {
  readonly fetch: typeof fetch;
  readonly requests: SeenRequest[];
}

/**
 * A `fetch` that answers from `script`, one entry per request in order, the last entry
 * repeated; an `Error` entry rejects as a network failure does. Honours `init.signal`.
 */
export const fakeFetch = (...script: Scripted[]): FakeFetch => {
  const requests: SeenRequest[] = [];
  const fake = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    init.signal?.throwIfAborted();
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      url: String(input),
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    const entry = script[Math.min(requests.length, script.length - 1)];
    requests.push(request);
    if (entry === undefined) throw new Error('fakeFetch: empty script');
    const answer = typeof entry === 'function' ? entry(request) : entry;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return { fetch: fake, requests };
};

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

export const problem = (
  status: number,
  code: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: code, status, detail: code, code, ...extra }),
    {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
    },
  );

/** What `fetch` rejects with when the connection fails (undici's). */
export const networkFailure = () => new TypeError('fetch failed');

export const aTask = (overrides: Record<string, unknown> = {}) => ({
  taskId: '01932b6e-7c1a-7000-8000-000000000001',
  title: 'Write the client',
  status: 'TODO',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  ...overrides,
});

export const created = (task = aTask()) =>
  json(
    201,
    { message: 'Task created', taskId: task.taskId, task },
    { location: `/tasks/${task.taskId}` },
  );
