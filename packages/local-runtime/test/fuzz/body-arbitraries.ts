import fc from 'fast-check';
import { MAX_REQUEST_BODY_BYTES } from '../../src/index.js';

/**
 * A request body, kept small enough to print in a counterexample: text sent as UTF-8,
 * bytes sent as is, or `runs` of repeated text (`[['[', 100000], [']', 100000]]`) for
 * the huge and deep ones.
 */
export type BodySpec =
  | { readonly text: string }
  | { readonly bytes: Uint8Array }
  | { readonly runs: readonly (readonly [text: string, times: number])[] };

/** The bytes `spec` puts on the wire. */
export const bodyBytes = (spec: BodySpec): Buffer => {
  if ('text' in spec) return Buffer.from(spec.text, 'utf8');
  if ('bytes' in spec) return Buffer.from(spec.bytes);
  return Buffer.concat(spec.runs.map(([text, times]) => Buffer.from(text.repeat(times), 'utf8')));
};

/** SPEC §4: the API refuses a body over 16 KiB with 413. */
const API_LIMIT = 16 * 1024;

export const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\u202etxt', 'é́'),
);

export const validTitle = fc
  .string({ minLength: 1, maxLength: 50 })
  .filter((title) => /^[^\p{Cc}]*\S[^\p{Cc}]*$/u.test(title));

export const validTask = fc.record(
  {
    title: validTitle,
    description: fc.string({ maxLength: 50 }),
    status: fc.constantFrom('TODO', 'IN_PROGRESS', 'DONE'),
  },
  { requiredKeys: ['title'] },
);

export const validPatch = fc
  .record(
    {
      title: validTitle,
      description: fc.oneof(fc.string({ maxLength: 50 }), fc.constant(null)),
      status: fc.constantFrom('TODO', 'IN_PROGRESS', 'DONE'),
    },
    { requiredKeys: [] },
  )
  .filter((patch) => Object.keys(patch).length > 0);

const json = (value: unknown): BodySpec => ({ text: JSON.stringify(value) });

/** Near-valid tasks: wrong types, unknown and server-owned fields, control characters. */
const taskLike = fc.record(
  {
    title: fc.oneof(text, fc.anything()),
    description: fc.oneof(text, fc.constant(null), fc.anything()),
    status: fc.oneof(fc.constantFrom('TODO', 'IN_PROGRESS', 'DONE', 'done', ''), fc.anything()),
    taskId: fc.uuid(),
    version: fc.integer(),
    owner: fc.constantFrom('someone-else'),
  },
  { requiredKeys: [] },
);

const brokenJson = fc.constantFrom(
  '{',
  '{"title":',
  '{"title":"a",}',
  'null',
  '[]',
  '"text"',
  '1e999',
  '{"title":"a"}{"title":"b"}',
  '\ufeff{"title":"BOM"}',
  '{"title":"lone \\ud800"}',
  '{"title":"nul \\u0000"}',
  '{"__proto__":{"title":"x"},"title":"y"}',
  '{"title":"x","title":"y"}',
  '{"title":"x"}\u0000',
);

/** Bodies in other encodings than UTF-8, and bytes that are no text at all. */
const foreignBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes })),
  validTask.map((task) => ({ bytes: Buffer.from(JSON.stringify(task), 'utf16le') })),
  fc.constant({ bytes: Buffer.from('{"title":"caf\u00e9"}', 'latin1') }),
);

/** Around the API's 16 KiB, counted in bytes: 4-byte emoji make the bytes and the characters differ. */
const nearApiLimit = fc.oneof(
  fc.integer({ min: API_LIMIT - 32, max: 40_000 }).map(
    (size): BodySpec => ({
      runs: [
        ['{"title":"', 1],
        ['x', size],
        ['"}', 1],
      ],
    }),
  ),
  fc.integer({ min: API_LIMIT / 4 - 16, max: API_LIMIT / 4 + 16 }).map(
    (count): BodySpec => ({
      runs: [
        ['{"title":"t","description":"', 1],
        ['🚀', count],
        ['"}', 1],
      ],
    }),
  ),
);

const deeplyNested = fc.oneof(
  fc.integer({ min: 1_000, max: 200_000 }).map(
    (depth): BodySpec => ({
      runs: [
        ['[', depth],
        [']', depth],
      ],
    }),
  ),
  fc.integer({ min: 100, max: 5_000 }).map(
    (depth): BodySpec => ({
      runs: [
        ['{"title":', depth],
        ['1', 1],
        ['}', depth],
      ],
    }),
  ),
);

/** Over the 10 MB that API Gateway itself refuses before any function runs. */
const overGatewayLimit = fc.constantFrom<BodySpec>(
  { runs: [[' ', MAX_REQUEST_BODY_BYTES + 1]] },
  {
    runs: [
      ['{"title":"', 1],
      ['x', MAX_REQUEST_BODY_BYTES],
      ['"}', 1],
    ],
  },
);

/** Bodies of every kind, the sizes around both limits weighted up so that a short run reaches them. */
export const anyBody: fc.Arbitrary<BodySpec> = fc.oneof(
  { arbitrary: validTask.map(json), weight: 2 },
  { arbitrary: validPatch.map(json), weight: 1 },
  { arbitrary: taskLike.map(json), weight: 3 },
  { arbitrary: fc.jsonValue().map(json), weight: 1 },
  { arbitrary: text.map((value) => ({ text: value })), weight: 1 },
  { arbitrary: brokenJson.map((value) => ({ text: value })), weight: 2 },
  { arbitrary: foreignBytes, weight: 1 },
  { arbitrary: nearApiLimit, weight: 4 },
  { arbitrary: deeplyNested, weight: 1 },
  { arbitrary: overGatewayLimit, weight: 1 },
);
