import fc from 'fast-check';
import { anyBody, type BodySpec, bodyBytes, validPatch, validTask } from './body-arbitraries.js';
import type { RawRequest } from './raw-http.js';
import {
  anyHeaders,
  anyMethod,
  anyPath,
  anyQuery,
  type FuzzRequest,
  type HeaderLine,
} from './request-arbitraries.js';

const json = (value: unknown): BodySpec => ({ text: JSON.stringify(value) });

const request = (
  method: string,
  path: string,
  headers: readonly HeaderLine[] = [],
  body?: BodySpec,
  query?: string,
): FuzzRequest => ({ method, path, query, headers, body, chunked: false });

const optionalHeader = (name: string, ...values: string[]) =>
  fc.constantFrom<readonly HeaderLine[]>([], ...values.map((value) => [[name, value] as const]));

const jsonType = optionalHeader(
  'content-type',
  ...['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded'],
);

// No key, a fresh one, or one of two reused ones: the same key with another body is 422.
const idempotency = fc.oneof(
  fc.constant([]),
  fc.uuid().map((key) => [['idempotency-key', key] as const]),
  {
    arbitrary: fc
      .constantFrom('fuzz-key-1', 'fuzz-key-2')
      .map((key) => [['idempotency-key', key] as const]),
    weight: 2,
  },
);

// `"0"` and `"9999"` name versions the task never has: 412.
const condition = optionalHeader('if-match', '"__VERSION__"', '"0"', '"9999"');

const listQuery = fc
  .record(
    {
      limit: fc.integer({ min: 1, max: 100 }).map(String),
      status: fc.constantFrom('TODO', 'IN_PROGRESS', 'DONE'),
      lastKey: fc.constantFrom('__CURSOR__', '__ID__', '__GONE__'),
    },
    { requiredKeys: [] },
  )
  .map((query) => new URLSearchParams(query).toString() || undefined);

/** A request the API accepts, for each of its routes (OPTIONS included). */
const validRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    arbitrary: fc
      .tuple(jsonType, idempotency, validTask)
      .map(([type, key, task]) => request('POST', '/tasks', [...type, ...key], json(task))),
    weight: 4,
  },
  listQuery.map((query) => request('GET', '/tasks', [], undefined, query)),
  fc.constant(request('GET', '/tasks/__ID__')),
  {
    arbitrary: fc
      .tuple(
        optionalHeader('content-type', 'application/json', 'application/merge-patch+json'),
        condition,
        validPatch,
      )
      .map(([type, ifMatch, patch]) =>
        request('PATCH', '/tasks/__ID__', [...type, ...ifMatch], json(patch)),
      ),
    weight: 2,
  },
  { arbitrary: condition.map((ifMatch) => request('DELETE', '/tasks/__ID__', ifMatch)), weight: 3 },
  fc
    .tuple(
      fc.constantFrom('/tasks', '/tasks/__ID__'),
      optionalHeader('origin', 'http://localhost:5173'),
    )
    .map(([path, origin]) => request('OPTIONS', path, origin)),
);

/** `undefined` (keep the valid request's part) `keep` times in `keep + 1`, else a random part. */
const mutation = <T>(part: fc.Arbitrary<T>, keep = 4) =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: keep },
    { arbitrary: part.map((value) => ({ value })), weight: 1 },
  );

const names = (lines: readonly HeaderLine[]) => new Set(lines.map(([name]) => name.toLowerCase()));

/**
 * Random requests that reach past the edges of the API: a valid request of one route with
 * some of its parts (method, path, query, headers, body, framing) replaced by random ones.
 * About a third stay valid, so that successes, and the state they change, come up as often
 * as each kind of rejection.
 */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    valid: validRequest,
    method: mutation(anyMethod),
    path: mutation(anyPath),
    query: mutation(fc.option(anyQuery, { nil: undefined, freq: 6 }), 6),
    // Headers and bodies hold most of the ways to be refused: replaced more often. Most
    // queries are refused whole (400), reached often enough when replaced less often.
    headers: mutation(anyHeaders, 2),
    body: mutation(fc.option(anyBody, { nil: undefined, freq: 8 }), 1),
    chunked: mutation(fc.constant(true)),
  })
  .map(({ valid, method, path, query, headers, body, chunked }) => {
    const replaced = names(headers?.value ?? []);
    return {
      method: method?.value ?? valid.method,
      path: path?.value ?? valid.path,
      query: query === undefined ? valid.query : query.value,
      headers: [
        ...valid.headers.filter(([name]) => !replaced.has(name.toLowerCase())),
        ...(headers?.value ?? []),
      ],
      body: body === undefined ? valid.body : body.value,
      chunked: chunked !== undefined,
    };
  });

/** What the placeholders of a {@link FuzzRequest} stand for at the time it is sent. */
export interface Placeholders {
  readonly __ID__: string;
  readonly __GONE__: string;
  readonly __VERSION__: string;
  readonly __CURSOR__: string;
}

const PLACEHOLDER = /__(?:ID|GONE|VERSION|CURSOR)__/g;

/** `request` as bytes go on the wire: placeholders filled, the query after a `?`. */
export const toRawRequest = (request: FuzzRequest, values: Placeholders): RawRequest => {
  const table = new Map<string, string>(Object.entries(values));
  const fill = (text: string) => text.replace(PLACEHOLDER, (name) => table.get(name) ?? name);
  const target = fill(
    request.query === undefined ? request.path : `${request.path}?${request.query}`,
  );
  return {
    method: request.method,
    target,
    headers: request.headers.map(([name, value]) => [name, fill(value)] as const),
    ...(request.body === undefined ? {} : { body: bodyBytes(request.body) }),
    chunked: request.chunked,
  };
};
