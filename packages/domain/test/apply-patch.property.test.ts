import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, TASK_STATUSES, type Task, type TaskPatch } from '../src/index.js';
import { aTask } from '../src/testing/index.js';

const patch: fc.Arbitrary<TaskPatch> = fc.record(
  {
    title: fc.string({ minLength: 1, maxLength: 20 }),
    description: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    status: fc.constantFrom(...TASK_STATUSES),
  },
  { requiredKeys: [] },
);
const task: fc.Arbitrary<Task> = fc
  .record({
    description: fc.option(fc.string(), { nil: undefined }),
    version: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ description, version }) =>
    aTask({ version, ...(description === undefined ? {} : { description }) }),
  );

describe('applyPatch', () => {
  it('never changes the id or createdAt, and always moves the version up by one', () => {
    fc.assert(
      fc.property(task, patch, (before, changes) => {
        const after = applyPatch(before, changes, '2030-01-01T00:00:00.000Z');
        expect(after.taskId).toBe(before.taskId);
        expect(after.createdAt).toBe(before.createdAt);
        expect(after.version).toBe(before.version + 1);
        expect(after.updatedAt).toBe('2030-01-01T00:00:00.000Z');
      }),
    );
  });

  it('moves updatedAt forward whatever time it is given: to that time when later, else 1 ms past the last', () => {
    const offset = fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 });
    fc.assert(
      fc.property(task, fc.array(fc.tuple(patch, offset), { maxLength: 8 }), (first, steps) => {
        let before = first;
        for (const [changes, ms] of steps) {
          const proposed = new Date(Date.parse(before.updatedAt) + ms).toISOString();
          const after = applyPatch(before, changes, proposed);
          const expected =
            ms > 0 ? proposed : new Date(Date.parse(before.updatedAt) + 1).toISOString();
          expect(after.updatedAt).toBe(expected);
          expect(after.version).toBe(before.version + 1);
          before = after;
        }
      }),
    );
  });

  it('takes each patched field, keeps each absent one, and drops a null description', () => {
    fc.assert(
      fc.property(task, patch, (before, changes) => {
        const after = applyPatch(before, changes, before.updatedAt);
        expect(after.title).toBe(changes.title ?? before.title);
        expect(after.status).toBe(changes.status ?? before.status);
        if (changes.description === null) expect(after).not.toHaveProperty('description');
        else expect(after.description).toBe(changes.description ?? before.description);
      }),
    );
  });

  it('never mutates the task it is given', () => {
    fc.assert(
      fc.property(task, patch, (before, changes) => {
        const copy = { ...before };
        applyPatch(before, changes, '2030-01-01T00:00:00.000Z');
        expect(before).toStrictEqual(copy);
      }),
    );
  });
});
