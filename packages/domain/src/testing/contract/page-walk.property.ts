import fc from 'fast-check';
import { expect, it } from 'vitest';
import { applyPatch, TASK_STATUSES, type Task } from '../../task.js';
import { anOwner, aTask } from '../builders.js';
import { itemsOf, newestFirst, walkPages } from '../walk.js';
import type { CurrentRepository } from './subject.js';

type Operation =
  | { readonly kind: 'create'; readonly status: Task['status'] }
  | { readonly kind: 'update'; readonly pick: number; readonly status: Task['status'] }
  | { readonly kind: 'delete'; readonly pick: number };

const status = fc.constantFrom(...TASK_STATUSES);
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('create' as const), status }), weight: 3 },
  {
    arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), status }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }), weight: 1 },
);

export const pageWalkProperty = (repository: CurrentRepository, numRuns: number): void => {
  it('after any creates, updates and deletes, a walk with any limit and filter yields each remaining task once, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        fc.option(status, { nil: undefined }),
        async (operations, limit, filter) => {
          const owner = anOwner();
          const model = new Map<string, Task>();
          for (const op of operations) {
            const ids = [...model.keys()];
            if (op.kind === 'create') {
              const task = aTask({ status: op.status });
              await repository().create(owner, task);
              model.set(task.taskId, task);
            } else if (ids.length > 0) {
              const taskId = ids[op.pick % ids.length] ?? '';
              const current = model.get(taskId);
              if (current === undefined) continue;
              if (op.kind === 'delete') {
                await repository().delete(owner, taskId);
                model.delete(taskId);
              } else {
                const at = new Date().toISOString();
                await repository().update(owner, taskId, { status: op.status }, { updatedAt: at });
                model.set(taskId, applyPatch(current, { status: op.status }, at));
              }
            }
          }
          const pages = await walkPages(
            repository(),
            owner,
            filter === undefined ? { limit } : { limit, status: filter },
          );
          const expected = newestFirst(
            [...model.values()].filter((task) => filter === undefined || task.status === filter),
          );
          expect(itemsOf(pages)).toEqual(expected);
        },
      ),
      { numRuns },
    );
  });
};
