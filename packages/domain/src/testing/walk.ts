import type { Task } from '../task.js';
import type { ListTasksOptions, ListTasksPage, TaskRepository } from '../task-repository.js';

/**
 * Follows `nextKey` from the first page to the last and returns every page. Fails when
 * a page other than the only one is empty, or when the walk does not end.
 */
export const walkPages = async (
  repository: TaskRepository,
  owner: string,
  options: Omit<ListTasksOptions, 'after'>,
  maxPages = 10_000,
): Promise<ListTasksPage[]> => {
  const pages: ListTasksPage[] = [];
  let after: string | undefined;
  do {
    const page = await repository.list(
      owner,
      after === undefined ? options : { ...options, after },
    );
    if (page.items.length === 0 && pages.length > 0) {
      throw new Error(`page ${pages.length + 1} is empty although the previous one had a nextKey`);
    }
    pages.push(page);
    after = page.nextKey;
    if (pages.length > maxPages) throw new Error(`the walk did not end after ${maxPages} pages`);
  } while (after !== undefined);
  return pages;
};

export const itemsOf = (pages: readonly ListTasksPage[]): Task[] =>
  pages.flatMap((page) => page.items);

/** Newest first is descending task id. */
export const newestFirst = (tasks: readonly Task[]): Task[] =>
  [...tasks].sort((a, b) => (a.taskId < b.taskId ? 1 : a.taskId > b.taskId ? -1 : 0));
