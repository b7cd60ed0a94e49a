import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CreateTaskInputSchema,
  type CreateTaskResult,
  IdempotencyKeySchema,
  isValid,
  makeCreateTask,
  parseInput,
  sha256Hex,
  TaskSchema,
  ValidationError,
} from '../src/index.js';
import { increasingTaskIds, manualClock } from '../src/testing/index.js';
import { stubRepository } from './stub-repository.js';

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
const anyKey = fc.option(fc.string(), { nil: undefined });

/** Whether the command's input is valid, judged by the schemas alone (no use case). */
const isValidInput = (body: unknown, key: string | undefined): boolean =>
  isValid(CreateTaskInputSchema, body) && (key === undefined || isValid(IdempotencyKeySchema, key));

type Outcome =
  | { readonly kind: 'created'; readonly result: CreateTaskResult }
  | { readonly kind: 'refused'; readonly error: unknown };

describe('createTask, for any input', () => {
  // The check of the created task sits outside any try/catch: an invalid task, which
  // parseInput would reject with a ValidationError, fails the property instead of being
  // taken for a refused input (STYLE.md §3 tells how this test once passed whatever the code did).
  it('yields a valid task for valid input, and the typed validation error, storing nothing, for invalid input only', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, anyKey, async (body, key) => {
        const tasks = stubRepository({ create: async () => ({ kind: 'created' }) });
        const createTask = makeCreateTask({
          tasks,
          clock: manualClock(),
          newTaskId: increasingTaskIds(),
          sha256Hex,
        });
        const outcome = await createTask({
          owner: 'alice',
          body,
          ...(key === undefined ? {} : { idempotencyKey: key }),
        }).then(
          (result): Outcome => ({ kind: 'created', result }),
          (error: unknown): Outcome => ({ kind: 'refused', error }),
        );

        if (outcome.kind === 'refused') {
          expect(outcome.error).toBeInstanceOf(ValidationError);
          expect(outcome.error).toMatchObject({
            code: 'validation_failed',
            issues: expect.arrayContaining([expect.anything()]),
          });
          expect(isValidInput(body, key)).toBe(false);
          expect(tasks.create).not.toHaveBeenCalled();
          return;
        }
        const { task, replayed } = outcome.result;
        expect(isValidInput(body, key)).toBe(true);
        expect(replayed).toBe(false);
        expect(parseInput(TaskSchema, task)).toStrictEqual(task);
        const input = parseInput(CreateTaskInputSchema, body);
        expect(task).toMatchObject({
          title: input.title,
          status: input.status ?? 'TODO',
          version: 1,
        });
        expect(task.description).toBe(input.description);
        expect(tasks.create).toHaveBeenCalledOnce();
      }),
      { numRuns: 2000 },
    );
  });
});
