import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CreateOutcome,
  IdempotencyKeyReusedError,
  type IdempotencyRecord,
  makeCreateTask,
  sha256Hex,
  TASK_STATUSES,
} from '../src/index.js';
import { increasingTaskIds, manualClock } from '../src/testing/index.js';
import { stubRepository } from './stub-repository.js';

/**
 * A use case over a store that keeps the records it is given, so that the second create
 * under a key meets the record the first one wrote: the fingerprints compared are both the
 * use case's own, whatever they hash (a stub that computed the first one itself would hash
 * it the same way, and miss a fingerprint that leaves a field out).
 */
const createTaskRememberingKeys = () => {
  const records = new Map<string, IdempotencyRecord>();
  const tasks = stubRepository({
    create: async (_owner, _task, options): Promise<CreateOutcome> => {
      const record = options?.idempotency;
      if (record === undefined) return { kind: 'created' };
      const existing = records.get(record.key);
      if (existing !== undefined) return { kind: 'idempotency_record_exists', record: existing };
      records.set(record.key, record);
      return { kind: 'created' };
    },
  });
  return makeCreateTask({
    tasks,
    clock: manualClock(),
    newTaskId: increasingTaskIds(),
    sha256Hex,
  });
};

const twice = async (first: unknown, second: unknown) => {
  const createTask = createTaskRememberingKeys();
  const created = await createTask({ owner: 'alice', body: first, idempotencyKey: 'k' });
  return {
    created,
    again: createTask({ owner: 'alice', body: second, idempotencyKey: 'k' }),
  };
};

const title = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => /^\w+$/.test(text));
const status = fc.constantFrom(...TASK_STATUSES);
const body = fc.record(
  { title, description: fc.string({ maxLength: 30 }), status },
  { requiredKeys: ['title'] },
);
type Body = typeof body extends fc.Arbitrary<infer T> ? T : never;

/** A body that differs from `base` in exactly one field: changed, added or removed. */
const differingInOneField = (base: Body): fc.Arbitrary<Body> => {
  const { status: _s, ...withoutStatus } = base;
  const { description: _d, ...withoutDescription } = base;
  return fc.oneof(
    status.filter((other) => other !== base.status).map((other) => ({ ...base, status: other })),
    base.status === undefined ? fc.constant(base) : fc.constant(withoutStatus),
    fc
      .string({ maxLength: 30 })
      .filter((other) => other !== base.description)
      .map((other) => ({ ...base, description: other })),
    base.description === undefined ? fc.constant(base) : fc.constant(withoutDescription),
    title.filter((other) => other !== base.title).map((other) => ({ ...base, title: other })),
  );
};

describe('the same Idempotency-Key with another body', () => {
  it.each([
    ['only in status', { title: 't', status: 'TODO' }, { title: 't', status: 'DONE' }],
    ['only in status, given against defaulted', { title: 't' }, { title: 't', status: 'TODO' }],
    ['only in description', { title: 't', description: 'a' }, { title: 't', description: 'b' }],
    ['only in description, given against absent', { title: 't' }, { title: 't', description: '' }],
  ])('is IdempotencyKeyReusedError for a body differing %s', async (_, first, second) => {
    const { again } = await twice(first, second);
    await expect(again).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('is IdempotencyKeyReusedError whichever field differs, and only the same body replays', async () => {
    await fc.assert(
      fc.asyncProperty(
        body.chain((base) => fc.tuple(fc.constant(base), differingInOneField(base))),
        async ([first, second]) => {
          fc.pre(JSON.stringify(first) !== JSON.stringify(second));
          const { again } = await twice(first, second);
          await expect(again).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
          const same = await twice(first, { ...first });
          await expect(same.again).resolves.toEqual({ task: same.created.task, replayed: true });
        },
      ),
      { numRuns: 300 },
    );
  });
});
