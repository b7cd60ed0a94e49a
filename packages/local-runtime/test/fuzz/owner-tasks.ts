/** The helpers' own requests are bounded too: a hung runtime fails the run, never stalls it. */
const TIMEOUT_MS = 10_000;

/** A task as the list returns it: only what the fuzz reads is typed. */
export interface ListedTask {
  readonly taskId: string;
  readonly version: number;
}

const call = async (url: string, init: RequestInit = {}): Promise<Response> =>
  fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });

const failure = async (what: string, response: Response): Promise<Error> =>
  new Error(`${what}: ${response.status} ${await response.text()}`);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isListedTask = (value: unknown): value is ListedTask =>
  isRecord(value) && typeof value['taskId'] === 'string' && typeof value['version'] === 'number';

interface Page {
  readonly items: readonly ListedTask[];
  readonly nextKey?: string;
}

const listPage = async (baseUrl: string, query: string): Promise<Page> => {
  const response = await call(`${baseUrl}/tasks?${query}`);
  if (response.status !== 200) throw await failure(`GET /tasks?${query}`, response);
  const page: unknown = await response.json();
  const items = isRecord(page) ? page['items'] : undefined;
  const nextKey = isRecord(page) ? page['nextKey'] : undefined;
  if (!Array.isArray(items) || !items.every(isListedTask)) {
    throw new Error(`GET /tasks?${query}: not a page: ${JSON.stringify(page)}`);
  }
  return typeof nextKey === 'string' ? { items, nextKey } : { items };
};

/**
 * Every task of the owner, newest first, as a walk through the pages of `GET /tasks`
 * returns them: the state a rejected request must leave as it found it. Kept as the
 * whole JSON of each task, so that a changed title or version shows.
 */
export const walkTasks = async (baseUrl: string): Promise<ListedTask[]> => {
  const tasks: ListedTask[] = [];
  let query = 'limit=100';
  for (;;) {
    const page = await listPage(baseUrl, query);
    tasks.push(...page.items);
    if (page.nextKey === undefined) return tasks;
    query = `limit=100&lastKey=${encodeURIComponent(page.nextKey)}`;
  }
};

/** Creates a task and resolves its id. */
export const createTask = async (baseUrl: string, title: string): Promise<string> => {
  const response = await call(`${baseUrl}/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw await failure('POST /tasks', response);
  const created: unknown = await response.json();
  const taskId = isRecord(created) ? created['taskId'] : undefined;
  if (typeof taskId !== 'string') throw new Error('POST /tasks: no taskId');
  return taskId;
};

export const deleteTask = async (baseUrl: string, taskId: string): Promise<void> => {
  const response = await call(`${baseUrl}/tasks/${taskId}`, { method: 'DELETE' });
  if (response.status !== 204) throw await failure(`DELETE /tasks/${taskId}`, response);
};

/** The `nextKey` of the first page of one task: a cursor the API itself handed out. */
export const firstCursor = async (baseUrl: string): Promise<string> => {
  const { nextKey } = await listPage(baseUrl, 'limit=1');
  if (nextKey === undefined) throw new Error('GET /tasks?limit=1: no nextKey: too few tasks');
  return nextKey;
};
