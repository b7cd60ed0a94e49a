import { describe, expect, it } from 'vitest';
import type { Task, TaskStatus } from '../../task.js';
import { anOwner, aTask } from '../builders.js';
import { itemsOf, newestFirst, walkPages } from '../walk.js';
import type { CurrentRepository } from './subject.js';

const LIMIT = 4;

const createTasks = async (
  repository: CurrentRepository,
  owner: string,
  statuses: readonly TaskStatus[],
): Promise<Task[]> => {
  const tasks = statuses.map((status, index) => aTask({ title: `Task ${index}`, status }));
  // One after the other: the store sees them in creation order, as clients would.
  for (const task of tasks) await repository().create(owner, task);
  return tasks;
};

export const listingContract = (repository: CurrentRepository): void => {
  it('lists newest first', async () => {
    const owner = anOwner();
    const tasks = await createTasks(repository, owner, ['TODO', 'DONE', 'IN_PROGRESS']);
    const page = await repository().list(owner, { limit: 10 });
    expect(page).toEqual({ items: newestFirst(tasks) });
  });

  describe.each([0, 1, LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT + 1])(
    'a page walk over %i tasks with limit 4',
    (count) => {
      it('returns every task exactly once, newest first, with nextKey exactly when more follow', async () => {
        const owner = anOwner();
        const tasks = await createTasks(repository, owner, Array(count).fill('TODO'));
        const pages = await walkPages(repository(), owner, { limit: LIMIT });
        expect(itemsOf(pages)).toEqual(newestFirst(tasks));
        expect(pages).toHaveLength(Math.max(1, Math.ceil(count / LIMIT)));
        for (const [index, page] of pages.entries()) {
          const isLast = index === pages.length - 1;
          expect(page.items.length).toBe(isLast ? count - index * LIMIT : LIMIT);
          expect(page.nextKey).toBe(isLast ? undefined : page.items.at(-1)?.taskId);
        }
      });
    },
  );

  // What a filtered list reads is the adapter's to show (the DynamoDB adapter's tests check
  // that it queries the status index and that DynamoDB read nothing it did not return); what
  // every adapter owes is that other statuses neither shorten a page nor extend the walk.
  it('filters by status, page by page: full pages whatever lies between, nextKey exactly when more of that status follow', async () => {
    const owner = anOwner();
    const statuses: TaskStatus[] = [
      'DONE',
      'TODO',
      'DONE',
      'TODO',
      'IN_PROGRESS',
      'TODO',
      'TODO',
      'DONE',
      'DONE',
      'DONE',
      'DONE',
      'TODO',
      'TODO',
      'DONE',
    ];
    const tasks = await createTasks(repository, owner, statuses);
    const limit = 2;
    for (const status of ['TODO', 'DONE', 'IN_PROGRESS'] as const) {
      const expected = newestFirst(tasks.filter((task) => task.status === status));
      const pages = await walkPages(repository(), owner, { limit, status });
      expect(itemsOf(pages)).toEqual(expected);
      expect(pages).toHaveLength(Math.ceil(expected.length / limit));
      for (const [index, page] of pages.entries()) {
        const isLast = index === pages.length - 1;
        expect(page.items).toEqual(expected.slice(index * limit, (index + 1) * limit));
        expect(page.nextKey).toBe(isLast ? undefined : page.items.at(-1)?.taskId);
      }
    }
  });

  it('a status change moves the task between filtered lists', async () => {
    const owner = anOwner();
    const [task] = await createTasks(repository, owner, ['TODO']);
    if (task === undefined) throw new Error('no task created');
    const updated = await repository().update(
      owner,
      task.taskId,
      { status: 'DONE' },
      {
        updatedAt: new Date().toISOString(),
      },
    );
    await expect(repository().list(owner, { limit: 5, status: 'TODO' })).resolves.toEqual({
      items: [],
    });
    await expect(repository().list(owner, { limit: 5, status: 'DONE' })).resolves.toEqual({
      items: [updated],
    });
  });

  it('continues after a lastKey whose task was deleted since', async () => {
    const owner = anOwner();
    const tasks = newestFirst(await createTasks(repository, owner, Array(7).fill('TODO')));
    const first = await repository().list(owner, { limit: 3 });
    expect(first.nextKey).toBe(tasks[2]?.taskId);
    await repository().delete(owner, first.nextKey ?? '');
    const rest = await walkPages(repository(), owner, { limit: 3 });
    expect(itemsOf(rest)).toEqual(tasks.filter((_, index) => index !== 2));
    const second = await repository().list(owner, {
      limit: 3,
      ...(first.nextKey ? { after: first.nextKey } : {}),
    });
    expect(second).toEqual({ items: tasks.slice(3, 6), nextKey: tasks[5]?.taskId });
  });

  it("a cursor that names another owner's task stays inside the caller's own tasks", async () => {
    const alice = anOwner('alice');
    const bob = anOwner('bob');
    const [older] = await createTasks(repository, bob, ['TODO']);
    const alicesTasks = await createTasks(repository, alice, ['TODO', 'DONE']);
    const [newer] = await createTasks(repository, bob, ['TODO']);
    const after = alicesTasks[1]?.taskId ?? '';
    await expect(repository().list(bob, { limit: 10, after })).resolves.toEqual({ items: [older] });
    expect(newer).toBeDefined();
  });
};
