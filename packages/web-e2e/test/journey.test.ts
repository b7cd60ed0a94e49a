/**
 * SPEC §12's journey in a real browser against `npm start`'s runtime, on both stores:
 * what a person does with the page (create, edit, change a status, delete, page through,
 * filter) and the statistics that follow, checked on the page and in the API behind it,
 * so that a page that only shows what it meant to save would fail.
 */
import type { Task, TasksClient } from '@tasks/client';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { STORES, useSite } from './support/site.js';
import {
  addTask,
  eventually,
  gone,
  openTasks,
  shown,
  statisticsShow,
  statusOf,
  taskItem,
  taskItems,
  titlesShown,
} from './support/tasks-page.js';

/** Every task of the API's caller, newest first, as `[title, status, description]`. */
const stored = async (api: TasksClient) => {
  const tasks: Task[] = [];
  for await (const task of api.listAll()) tasks.push(task);
  return tasks.map((task) => [task.title, task.status, task.description]);
};

describe.each(STORES)('the page, on the %s store', (store) => {
  const site = useSite(store);
  const browsing = useBrowser();

  it('creates, edits, changes the status of and deletes tasks, newest first, as the API keeps them; the statistics count them', async () => {
    const page = await browsing.page();
    await openTasks(page, site());
    await shown(page.getByText('No tasks yet.'));

    await addTask(page, 'Write the report', 'Two pages on the survey');
    await addTask(page, 'Book the venue');
    expect(await titlesShown(page)).toEqual(['Book the venue', 'Write the report']);

    await taskItem(page, 'Write the report').getByRole('button', { name: 'Edit' }).click();
    const editing = taskItems(page).filter({ has: page.getByRole('button', { name: 'Save' }) });
    await editing.getByRole('textbox', { name: 'Title' }).fill('Write the annual report');
    await editing.getByRole('textbox', { name: 'Description' }).fill('Four pages');
    await editing.getByRole('button', { name: 'Save' }).click();
    await shown(taskItem(page, 'Write the annual report').getByText('Four pages'));

    await statusOf(page, 'Book the venue').selectOption({ label: 'In progress' });
    await eventually(() => site().api().list()).toMatchObject({
      items: expect.arrayContaining([
        expect.objectContaining({ title: 'Book the venue', status: 'IN_PROGRESS' }),
      ]),
    });
    await statusOf(page, 'Book the venue').selectOption({ label: 'Done' });

    await addTask(page, 'Throw this away');
    await taskItem(page, 'Throw this away').getByRole('button', { name: 'Delete' }).click();
    await gone(taskItem(page, 'Throw this away'));

    await eventually(() => stored(site().api())).toEqual([
      ['Book the venue', 'DONE', undefined],
      ['Write the annual report', 'TODO', 'Four pages'],
    ]);

    // The statistics follow: three created today (one since deleted), one completed.
    await statisticsShow(page, 'Tasks by status: 1 to do, 0 in progress, 1 done; 2 in all.');
    await statisticsShow(page, /: 3 tasks created and 1 completed\./);
    await page.reload();
    await eventually(() => titlesShown(page)).toEqual([
      'Book the venue',
      'Write the annual report',
    ]);
    expect(await statusOf(page, 'Book the venue').inputValue()).toBe('DONE');
  });

  it('shows 20 tasks, then the next ones on "Load more" until there are no more', async () => {
    const api = site().api();
    const titles = Array.from(
      { length: 45 },
      (_, index) => `Task ${String(index + 1).padStart(2, '0')}`,
    );
    for (const title of titles) await api.create({ title });
    const newestFirst = titles.toReversed();

    const page = await browsing.page();
    await openTasks(page, site());
    await eventually(() => titlesShown(page)).toEqual(newestFirst.slice(0, 20));
    const loadMore = page.getByRole('button', { name: 'Load more' });
    await loadMore.click();
    await eventually(() => titlesShown(page)).toEqual(newestFirst.slice(0, 40));
    await loadMore.click();
    await eventually(() => titlesShown(page)).toEqual(newestFirst);
    await gone(loadMore);
  });

  it('keeps a task deleted while "Load more" was loading deleted', async () => {
    const api = site().api();
    const titles = Array.from(
      { length: 21 },
      (_, index) => `Task ${String(index + 1).padStart(2, '0')}`,
    );
    for (const title of titles) await api.create({ title });
    const page = await browsing.page();
    await openTasks(page, site());
    await eventually(() => titlesShown(page)).toEqual(titles.toReversed().slice(0, 20));

    // The next page is held until the newest task has been deleted meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked: () => void = () => undefined;
    const loading = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const nextPage = (url: URL) => url.pathname === '/tasks' && url.searchParams.has('lastKey');
    await page.route(nextPage, async (route) => {
      asked();
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Load more' }).click();
    await loading;
    await taskItem(page, 'Task 21').getByRole('button', { name: 'Delete' }).click();
    await gone(taskItem(page, 'Task 21'));
    release();

    await shown(taskItem(page, 'Task 01'));
    expect(await titlesShown(page)).toEqual(titles.slice(0, 20).toReversed());
    await page.unroute(nextPage);
  });

  it('shows only the tasks of the status chosen in "Show"', async () => {
    const api = site().api();
    const todo = await api.create({ title: 'Still to do' });
    const started = await api.create({ title: 'Under way' });
    const finished = await api.create({ title: 'Finished' });
    await api.update(started, { status: 'IN_PROGRESS' });
    await api.update(finished, { status: 'DONE' });

    const page = await browsing.page();
    await openTasks(page, site());
    await eventually(() => titlesShown(page)).toEqual(['Finished', 'Under way', todo.title]);
    const show = page.getByRole('combobox', { name: 'Show' });
    await show.selectOption({ label: 'Done' });
    await eventually(() => titlesShown(page)).toEqual(['Finished']);
    await show.selectOption({ label: 'In progress' });
    await eventually(() => titlesShown(page)).toEqual(['Under way']);
    await show.selectOption({ label: 'To do' });
    await eventually(() => titlesShown(page)).toEqual(['Still to do']);

    // A task whose status leaves the filter leaves the list.
    await statusOf(page, 'Still to do').selectOption({ label: 'Done' });
    await shown(page.getByText('No tasks are to do.'));
    await show.selectOption({ label: 'All' });
    await eventually(() => titlesShown(page)).toEqual(['Finished', 'Under way', 'Still to do']);
  });
});
