import fc from 'fast-check';

/** A JSON text nested `depth` levels deep: deep enough to overflow a recursive parser. */
const deeplyNested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '🚀'.repeat(201), 'x'.repeat(20_000)),
);

const taskLike = fc.record(
  {
    title: fc.oneof(text, fc.anything()),
    description: fc.oneof(text, fc.constant(null), fc.anything()),
    status: fc.oneof(fc.constantFrom('TODO', 'IN_PROGRESS', 'DONE', 'done', ''), fc.anything()),
    taskId: fc.uuid(),
    version: fc.integer(),
  },
  { requiredKeys: [] },
);

const validTask = fc.record(
  {
    title: fc
      .string({ minLength: 1, maxLength: 50 })
      .filter((title) => /^[^\p{Cc}]*\S[^\p{Cc}]*$/u.test(title)),
    description: fc.string({ maxLength: 50 }),
    status: fc.constantFrom('TODO', 'IN_PROGRESS', 'DONE'),
  },
  { requiredKeys: ['title'] },
);

/** Bodies of every kind: valid and near-valid tasks, any JSON, broken JSON, huge and deep texts. */
export const body = fc.oneof(
  { arbitrary: validTask.map((value) => JSON.stringify(value)), weight: 4 },
  taskLike.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  text,
  fc.constantFrom(
    '{',
    '{"title":',
    '{"title":"a",}',
    'null',
    '[]',
    '"text"',
    '1e999',
    '{"title":"a"}{"title":"b"}',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map(deeplyNested),
  fc
    .integer({ min: 16 * 1024 - 20, max: 40_000 })
    .map((size) => JSON.stringify({ title: 'x'.repeat(size) })),
);

export const method = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'), weight: 4 },
  fc.constantFrom('PUT', 'OPTIONS', 'HEAD', 'get', 'TRACE'),
  fc.string({ minLength: 1, maxLength: 10 }),
);

/** Paths near the API's and far from it; `{id}` becomes a task that exists. */
export const path = fc.oneof(
  { arbitrary: fc.constantFrom('/tasks', '/tasks/{id}'), weight: 4 },
  fc.constantFrom(
    '/tasks',
    '/tasks/',
    '/tasks/{id}',
    '/tasks/{id}/',
    '/tasks/{id}/x',
    '/',
    '/task',
    '/TASKS',
    '//tasks',
    '/tasks/%',
    '/tasks/%ED%A0%80',
    '/tasks/..%2F..%2Fetc',
  ),
  fc.uuid().map((id) => `/tasks/${id}`),
  text.map((segment) => `/tasks/${encodeURIComponent(segment.toWellFormed())}`),
  fc.webPath(),
);

const queryValue = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '1',
    '20',
    '100',
    '101',
    '-1',
    '1.5',
    '1e2',
    ' 5',
    '0x10',
    'abc',
    'TODO',
    'DONE',
  ),
  fc.uuid(),
  text,
);
export const rawQueryString = fc
  .array(fc.tuple(fc.constantFrom('limit', 'lastKey', 'status', 'LIMIT', 'sort', ''), queryValue), {
    maxLength: 4,
  })
  .map((pairs) => new URLSearchParams(pairs).toString())
  .chain((query) => fc.constantFrom(query, ''));

export const headers = fc.record(
  {
    'content-type': fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 4 },
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/merge-patch+json',
        'text/plain',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
        '',
      ),
      text,
    ),
    'if-match': fc.oneof(
      { arbitrary: fc.constantFrom('"1"', '"2"', '"3"'), weight: 3 },
      fc.constantFrom('W/"1"', '*', '"abc"', '', '"1", "2"'),
      text,
    ),
    'idempotency-key': fc.oneof(fc.constantFrom('key-1', 'key-2', '', 'x'.repeat(256)), text),
    origin: fc.constantFrom('https://app.example.com', 'null'),
  },
  { requiredKeys: [] },
);
