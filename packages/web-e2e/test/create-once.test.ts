/**
 * SPEC §12: a double-clicked create creates one task. Counted in the API, after every
 * request the clicks sent has been answered, not only on the page (which could hide a
 * second task it did create).
 */
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { STORES, useSite } from './support/site.js';
import { openTasks, shown, taskItem, taskItems } from './support/tasks-page.js';

/** The answers to every `POST /tasks` the page sends from now on. */
const createsSent = (page: Page): Promise<Response | null>[] => {
  const answers: Promise<Response | null>[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/tasks') {
      answers.push(request.response());
    }
  });
  return answers;
};

describe.each(STORES)('adding a task, on the %s store', (store) => {
  const site = useSite(store);
  const browsing = useBrowser();

  it('creates one task when "Add task" is double-clicked', async () => {
    const page = await browsing.page();
    await openTasks(page, site());
    const sent = createsSent(page);
    await page.getByRole('textbox', { name: 'Title' }).fill('Only once');
    await page.getByRole('button', { name: 'Add task' }).dblclick();
    await shown(taskItem(page, 'Only once'));
    await Promise.all(sent);

    expect((await site().api().list()).items.map((task) => task.title)).toEqual(['Only once']);
    expect(await taskItems(page).count()).toBe(1);
  });

  it('creates one task when Enter is pressed twice in the title', async () => {
    const page = await browsing.page();
    await openTasks(page, site());
    const sent = createsSent(page);
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.fill('Entered twice');
    // Both presses sent at once, as a key bounce would: the second before the first's answer.
    await Promise.all([title.press('Enter'), title.press('Enter')]);
    await shown(taskItem(page, 'Entered twice'));
    await Promise.all(sent);

    expect((await site().api().list()).items.map((task) => task.title)).toEqual(['Entered twice']);
    expect(await taskItems(page).count()).toBe(1);
  });
});
