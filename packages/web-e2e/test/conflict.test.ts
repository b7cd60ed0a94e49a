/**
 * SPEC §12: a 412 says the task changed elsewhere and offers to reload it. Two tabs show
 * the same task; the first saves a change, then the second, still at the old version,
 * tries its own: the page must not overwrite the first change (every write carries
 * `If-Match`), must say so in words, and "Reload task" must show the task as it is now,
 * keeping the form open with what the user typed, so that they can save it again at
 * the new version. A reload is a read: it starts no catching up of the statistics.
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { STORES, useSite } from './support/site.js';
import {
  eventually,
  gone,
  openTasks,
  shown,
  statistics,
  taskItem,
  taskItems,
} from './support/tasks-page.js';

/** Opens the edit form of `title`, types `newTitle` and presses "Save". */
const rename = async (page: Page, title: string, newTitle: string) => {
  await taskItem(page, title).getByRole('button', { name: 'Edit' }).click();
  const editing = taskItems(page).filter({ has: page.getByRole('button', { name: 'Save' }) });
  await editing.getByRole('textbox', { name: 'Title' }).fill(newTitle);
  await editing.getByRole('button', { name: 'Save' }).click();
};

describe.each(STORES)('a task changed in another tab, on the %s store', (store) => {
  const site = useSite(store);
  const browsing = useBrowser();

  it('is a 412 in words with "Reload task", which shows the task as it is now and keeps the typed text', async () => {
    const task = await site().api().create({ title: 'Plan the trip' });
    const context = await browsing.context();
    const [first, second] = [await browsing.page(context), await browsing.page(context)];
    for (const page of [first, second]) {
      await openTasks(page, site());
      await shown(taskItem(page, 'Plan the trip'));
    }

    await rename(first, 'Plan the trip', 'Plan the trip to Rome');
    await shown(taskItem(first, 'Plan the trip to Rome'));

    // Chromium logs the answer it got; that is the point of this test.
    browsing.allowConsoleError(/status of 412/);
    await rename(second, 'Plan the trip', 'Plan the trip to Oslo');
    const alert = second.getByRole('alert');
    await shown(alert.getByText('This task changed elsewhere since it was loaded.'));
    expect(await site().api().get(task.taskId)).toMatchObject({ title: 'Plan the trip to Rome' });

    // From here the second tab's statistics requests get no answer: a poll that starts
    // stays "Updating" (a reload is a read, which must start none).
    const stats = (url: URL) => url.pathname === '/tasks/stats';
    await second.route(stats, () => undefined);

    await alert.getByRole('button', { name: 'Reload task' }).click();
    await shown(taskItem(second, 'Plan the trip to Rome'));
    await eventually(() => second.getByRole('alert').count()).toBe(0);
    // The form stays open with what the user typed, beside what the task now is.
    const editing = taskItems(second).filter({ has: second.getByRole('button', { name: 'Save' }) });
    const title = editing.getByRole('textbox', { name: 'Title' });
    expect(await title.inputValue()).toBe('Plan the trip to Oslo');
    await shown(editing.getByText('Now: Plan the trip to Rome', { exact: true }));
    // Preact runs effects after the next paint: two frames, and any poll has begun.
    await second.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await eventually(() => title.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await statistics(second).getByText('Updating', { exact: false }).count()).toBe(0);
    await second.unroute(stats);

    // At the version it now shows, the second tab's change goes through.
    await editing.getByRole('button', { name: 'Save' }).click();
    await shown(taskItem(second, 'Plan the trip to Oslo'));
    expect(await site().api().get(task.taskId)).toMatchObject({
      title: 'Plan the trip to Oslo',
      version: task.version + 2,
    });
  });

  it('is gone once deleted in another tab: "Delete" says so, and counts no write of its own', async () => {
    const task = await site().api().create({ title: 'Cancel the booking' });
    const page = await browsing.page();
    await openTasks(page, site());
    await shown(taskItem(page, 'Cancel the booking'));
    await shown(statistics(page).getByText(/^(As of |No changes counted yet)/));
    await site().api().delete(task);

    // As above: a catch-up started now would stay "Updating".
    const stats = (url: URL) => url.pathname === '/tasks/stats';
    await page.route(stats, () => undefined);
    browsing.allowConsoleError(/status of 404/);
    await taskItem(page, 'Cancel the booking').getByRole('button', { name: 'Delete' }).click();
    await shown(page.getByText('The task had been deleted elsewhere.'));
    await gone(taskItem(page, 'Cancel the booking'));
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    expect(await statistics(page).getByText('Updating', { exact: false }).count()).toBe(0);
    await page.unroute(stats);
  });
});
