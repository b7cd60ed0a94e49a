import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCreateTask, parseInput, TaskSchema, ValidationError } from '../src/index.js';
import { increasingTaskIds, manualClock } from '../src/testing/index.js';
import { stubRepository } from './stub-repository.js';

const createTask = makeCreateTask({
  tasks: stubRepository({ create: async () => ({ kind: 'created' }) }),
  clock: manualClock(),
  newTaskId: increasingTaskIds(),
});

// Bodies near the valid ones, where the rules bite, plus anything at all.
const nearlyValidBody = fc.record(
  {
    title: fc.oneof(
      fc.string({ maxLength: 210 }),
      fc.string({ unit: 'grapheme', maxLength: 205 }),
      fc.anything(),
    ),
    description: fc.oneof(fc.string({ maxLength: 2010 }), fc.constant(null), fc.anything()),
    status: fc.oneof(fc.constantFrom('TODO', 'IN_PROGRESS', 'DONE', 'todo', ''), fc.anything()),
    taskId: fc.uuid(),
  },
  { requiredKeys: [] },
);
const anyBody = fc.oneof(nearlyValidBody, fc.anything(), fc.jsonValue());

describe('createTask, for any input', () => {
  it('yields a valid task or the typed validation error, never another kind of throw', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, fc.option(fc.string(), { nil: undefined }), async (body, key) => {
        try {
          const { task } = await createTask({
            owner: 'alice',
            body,
            ...(key === undefined ? {} : { idempotencyKey: key }),
          });
          expect(parseInput(TaskSchema, task)).toStrictEqual(task);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          if (!(error instanceof ValidationError)) return;
          expect(error.code).toBe('validation_failed');
          expect(error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
