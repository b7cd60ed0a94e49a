import { METHODS } from 'node:http';
import fc from 'fast-check';
import { type BodySpec, text } from './body-arbitraries.js';

/** One header line: a name and a value, both sent as UTF-8. */
export type HeaderLine = readonly [name: string, value: string];

/**
 * One random request, its placeholders filled in just before it is sent (see
 * `toRawRequest`): `__ID__` names a task that exists, `__GONE__` a deleted one,
 * `__VERSION__` the existing task's version, `__CURSOR__` a `nextKey` handed out earlier.
 * They are spelt so that `URLSearchParams` leaves them alone.
 */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  /** Without the `?`; `undefined` when the target has none. */
  readonly query: string | undefined;
  readonly headers: readonly HeaderLine[];
  readonly body: BodySpec | undefined;
  readonly chunked: boolean;
}

const API_METHODS = ['GET', 'POST', 'PATCH', 'DELETE'];
// CONNECT is left out: Node's server closes such a connection without any answer.
const OTHER_KNOWN_METHODS = METHODS.filter((m) => !API_METHODS.includes(m) && m !== 'CONNECT');

/** Every request line keeps to one line: CR and LF would only split the request in two. */
const oneLine = (value: string): string => value.replace(/[\r\n]/g, '');

export const anyMethod = fc.oneof(
  { arbitrary: fc.constantFrom(...API_METHODS), weight: 4 },
  { arbitrary: fc.constantFrom(...OTHER_KNOWN_METHODS), weight: 3 },
  { arbitrary: fc.constantFrom('get', 'Post', 'FOO', 'BREW', 'G@T', ''), weight: 1 },
  { arbitrary: fc.stringMatching(/^[-!#$%&'*+.^_`|~0-9A-Za-z]{1,12}$/), weight: 1 },
  { arbitrary: fc.string({ maxLength: 10 }).map(oneLine), weight: 1 },
);

/** Paths near the API's and far from it, percent-encoded oddities, raw bytes, huge ones. */
export const anyPath = fc.oneof(
  { arbitrary: fc.constantFrom('/tasks', '/tasks/__ID__'), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      ...['/tasks/', '/tasks/__ID__/', '/tasks/__ID__/notes', '/tasks/__GONE__', '/', '/task'],
      ...['/TASKS', '//tasks', '/tasks//__ID__', '/%74asks', '/tasks%2F__ID__', '/tasks/__ID__%2F'],
      ...['/tasks/%7Bid%7D', '/tasks/%2e%2e', '/tasks/..', '/tasks/.', '/tasks/%', '/tasks/%zz'],
      ...['/tasks/%25', '/tasks/%00', '/tasks/%ED%A0%80', '/tasks/%C3%28', '/tasks/..%2F..%2Fetc'],
      ...['*', '/tasks/__ID__#frag', '/tasks;a=b', '/tasks/__ID__;v=1', '/tasks/__ID__/..'],
    ),
    weight: 4,
  },
  { arbitrary: fc.uuid().map((id) => `/tasks/${id}`), weight: 1 },
  { arbitrary: text.map((s) => `/tasks/${encodeURIComponent(s.toWellFormed())}`), weight: 1 },
  { arbitrary: fc.stringMatching(/^[\x21-\x7e]{0,20}$/).map((s) => `/tasks/${s}`), weight: 1 },
  { arbitrary: fc.webPath(), weight: 1 },
  // Bytes a request-target may not hold (non-ASCII, controls, spaces): refused by the parser.
  {
    arbitrary: text.filter((s) => /[^\x21-\x7e]/.test(s)).map((s) => `/tasks/${oneLine(s)}`),
    weight: 1,
  },
  // Well under and well over Node's 16 KiB limit on the request head.
  {
    arbitrary: fc.constantFrom(3_000, 24_000).map((size) => `/tasks/${'a'.repeat(size)}`),
    weight: 1,
  },
);

const queryValue = fc.oneof(
  fc.constantFrom(...['', '0', '1', '20', '100', '101', '-1', '1.5', '1e2', ' 5', '+5', '0x10']),
  fc.constantFrom(...['abc', 'TODO', 'DONE', 'IN_PROGRESS', 'todo', '__CURSOR__', '__ID__']),
  fc.constantFrom('__CURSOR__x', '__GONE__', '00000000-0000-0000-0000-000000000000'),
  fc.uuid(),
  text,
);

export const anyQuery = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.constantFrom('limit', 'lastKey', 'status', 'LIMIT', 'lastkey', 'sort', '', 'limit[]'),
        queryValue,
      ),
      { maxLength: 4 },
    )
    .map((pairs) => new URLSearchParams(pairs).toString()),
  fc.constantFrom(
    ...['', '&', '=', '&&limit=5', 'limit', 'limit=%zz', 'status=%FF', 'lastKey=%', 'limit=%35'],
    ...['limit=1&limit=2', 'limit=5;status=TODO', '+limit=5', 'status=TODO#x', 'status=%00'],
    ...['lastKey=__CURSOR__&lastKey=__CURSOR__', 'status=TODO&status=DONE', 'limit=1%00'],
  ),
  fc.stringMatching(/^[\x21-\x7e]{0,30}$/),
);

const headerText = text.map(oneLine);

const header = (name: string, value: fc.Arbitrary<string>) =>
  value.map((item): HeaderLine => [name, item]);

const contentType = fc.oneof(
  fc.constantFrom(
    ...['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'],
    ...['application/merge-patch+json', 'application/x-www-form-urlencoded', ''],
    ...['text/plain', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'],
    ...['application/json;charset="UTF-8"', 'application/jsonx', 'application/*', '*/*'],
  ),
  headerText,
);

const ifMatch = fc.oneof(
  fc.constantFrom('"__VERSION__"', '"1"', '"9999"', 'W/"__VERSION__"', '*', '"abc"', ''),
  fc.constantFrom('"1", "2"', '__VERSION__', '"__VERSION__'),
  headerText,
);

const idempotencyKey = fc.oneof(
  fc.constantFrom('fuzz-key-1', 'fuzz-key-2', '', ' ', 'x'.repeat(255), 'x'.repeat(256)),
  fc.uuid(),
  headerText,
);

/**
 * One to three header lines; a name drawn twice is sent twice. The values are any text
 * (sent as UTF-8), control characters included.
 */
export const anyHeaders = fc.array(
  fc.oneof(
    { arbitrary: header('content-type', contentType), weight: 6 },
    { arbitrary: header('if-match', ifMatch), weight: 3 },
    { arbitrary: header('idempotency-key', idempotencyKey), weight: 3 },
    {
      arbitrary: fc.tuple(
        fc.constantFrom(...['origin', 'authorization', 'x-forwarded-for', 'cookie', 'accept']),
        fc.oneof(fc.constantFrom('https://app.example.com', 'Bearer x.y.z'), headerText),
      ),
      weight: 2,
    },
    // Well under and well over Node's 16 KiB limit on the request head.
    {
      arbitrary: header('x-long', fc.constantFrom('a'.repeat(6_000), 'a'.repeat(24_000))),
      weight: 1,
    },
    // Names that are no HTTP tokens: refused by the parser.
    {
      arbitrary: fc.tuple(fc.constantFrom('bad name', 'caf\u00e9', '(x)', ''), headerText),
      weight: 1,
    },
  ),
  { minLength: 1, maxLength: 3 },
);
