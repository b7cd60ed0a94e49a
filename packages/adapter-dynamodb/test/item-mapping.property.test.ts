import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { TASK_STATUSES, type Task } from '@tasks/domain';
import { aTask } from '@tasks/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorruptItemError } from '../src/index.js';
import {
  fromIdempotencyItem,
  fromTaskAttributes,
  fromTaskItem,
  toIdempotencyItem,
  toTaskAttributes,
  toTaskItem,
} from '../src/item-mapping.js';

const timestamp = fc
  .date({
    min: new Date('2000-01-01T00:00:00.000Z'),
    max: new Date('2100-01-01T00:00:00.000Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());
const task: fc.Arbitrary<Task> = fc
  .record({
    title: fc.string({ minLength: 1, maxLength: 200 }),
    description: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
    status: fc.constantFrom(...TASK_STATUSES),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ description, ...rest }) =>
    aTask({ ...rest, ...(description === undefined ? {} : { description }) }),
  );

describe('item mapping', () => {
  it('writes every task item as util-dynamodb marshals it', () => {
    fc.assert(
      fc.property(task, fc.string({ minLength: 1 }), (original, owner) => {
        expect(toTaskAttributes(owner, original)).toStrictEqual(
          marshall(toTaskItem(owner, original)),
        );
      }),
    );
  });

  it('reads every task back from its attribute values, with an update token or without', () => {
    fc.assert(
      fc.property(task, fc.string({ minLength: 1 }), fc.boolean(), (original, owner, token) => {
        const attributes = {
          ...toTaskAttributes(owner, original),
          ...(token ? { w: { S: 'token' } } : {}),
        };
        expect(fromTaskAttributes(attributes)).toStrictEqual(original);
      }),
    );
  });

  it('reads any attribute values as unmarshall and fromTaskItem do: the same task, or the same CorruptItemError', () => {
    const anyValue: fc.Arbitrary<AttributeValue> = fc.oneof(
      fc.string().map((S) => ({ S })),
      fc
        .oneof(
          fc.integer().map(String),
          fc.double().map(String),
          fc.constantFrom('1.5', '-0', '1e3', '0x10', '', ' 7', '9007199254740993', 'NaN'),
        )
        .map((N) => ({ N })),
      fc.boolean().map((BOOL) => ({ BOOL })),
      fc.constant({ NULL: true as const }),
    );
    const name = fc.constantFrom('pk', 'sk', 't', 'd', 'g', 'c', 'u', 'v', 'w', 'x');
    /** A task's attribute values with some replaced, removed or added. */
    const attributes = fc
      .tuple(task, fc.dictionary(name, fc.option(anyValue, { nil: undefined }), { maxKeys: 3 }))
      .map(([original, changes]) => {
        const changed: Record<string, AttributeValue> = { ...toTaskAttributes('o', original) };
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) delete changed[key];
          else changed[key] = value;
        }
        return changed;
      });
    const outcome = (read: () => unknown) => {
      try {
        return { task: read() };
      } catch (error) {
        return { error: error instanceof Error ? `${error.name}: ${error.message}` : error };
      }
    };
    fc.assert(
      fc.property(attributes, (values) => {
        expect(outcome(() => fromTaskAttributes(values))).toStrictEqual(
          outcome(() => fromTaskItem(unmarshall(values))),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every task through its item', () => {
    fc.assert(
      fc.property(task, fc.string({ minLength: 1 }), (original, owner) => {
        expect(fromTaskItem(toTaskItem(owner, original))).toStrictEqual(original);
      }),
    );
  });

  it('round-trips every idempotency record through its item', () => {
    fc.assert(
      fc.property(task, fc.string({ minLength: 1, maxLength: 255 }), (original, key) => {
        const record = {
          key,
          fingerprint: 'abc',
          task: original,
          createdAt: original.createdAt,
          expiresAt: original.updatedAt,
        };
        expect(fromIdempotencyItem(toIdempotencyItem('owner', record))).toStrictEqual(record);
      }),
    );
  });

  it.each([
    ['a missing title', { pk: 'o', sk: 'id', g: 'TODO#id', c: 1, u: 1, v: 1 }],
    ['a status that is not one', { pk: 'o', sk: 'id', t: 't', g: 'LATER#id', c: 1, u: 1, v: 1 }],
    [
      'an index key of another task',
      { pk: 'o', sk: 'id', t: 't', g: 'TODO#other', c: 1, u: 1, v: 1 },
    ],
    ['a version that is text', { pk: 'o', sk: 'id', t: 't', g: 'TODO#id', c: 1, u: 1, v: '1' }],
    [
      'an infinite time, which DynamoDB cannot hold',
      { pk: 'o', sk: 'id', t: 't', g: 'TODO#id', c: Number.POSITIVE_INFINITY, u: 1, v: 1 },
    ],
  ])('refuses an item with %s as CorruptItemError, never as a task', (_, item) => {
    expect(() => fromTaskItem(item)).toThrow(CorruptItemError);
  });

  it('names every wrong attribute and what is wrong with it', () => {
    const item = { pk: 'o', sk: 'id', g: 'TODO#id', c: 1, u: 1, v: 1.5 };

    expect(() => fromTaskItem(item)).toThrow(
      'unexpected item shape: t: Invalid key: Expected "t" but received undefined; ' +
        'v: Invalid safe integer: Received 1.5',
    );
  });

  /** The item of a valid idempotency record, for tests that spoil one attribute of it. */
  const anIdempotencyItem = () =>
    toIdempotencyItem('owner', {
      key: 'k',
      fingerprint: 'abc',
      task: aTask(),
      createdAt: '2026-12-01T09:00:00.000Z',
      expiresAt: '2026-12-02T09:00:00.000Z',
    });

  it('names what is wrong with the attributes of an idempotency record', () => {
    const item = anIdempotencyItem();

    expect(() => fromIdempotencyItem({ ...item, sk: 'k', e: '1' })).toThrow(
      'unexpected item shape: sk: Invalid start: Expected "idempotency#" but received "k"; ' +
        'e: Invalid type: Expected number but received "1"',
    );
  });

  it.each([
    ['a list', [], 'r.sk: Invalid key: Expected "sk" but received undefined'],
    ['a task without its title', { sk: 'id', g: 'TODO#id', c: 1, u: 1, v: 1 }, 'r.t: Invalid key'],
  ])('names the record’s task, r, when it is %s', (_, r, says) => {
    const item = anIdempotencyItem();

    expect(() => fromIdempotencyItem({ ...item, r })).toThrow(CorruptItemError);
    expect(() => fromIdempotencyItem({ ...item, r })).toThrow(`unexpected item shape: ${says}`);
  });
});
