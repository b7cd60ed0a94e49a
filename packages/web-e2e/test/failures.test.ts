/**
 * SPEC §12: a 503 offers to retry; offline, the page stays usable and says so.
 *
 * The 503 is the API's own answer to a storage outage (its problem details and
 * `Retry-After`, built from adapter-lambda's mapping of `StorageUnavailableError`), put
 * in place of the real answer by the browser's request interception: what the page does
 * with it is the behaviour under test, and stalling the store for longer than the
 * functions' timeout, on every try the client makes, would only make the test slow.
 */
import { DOMAIN_PROBLEMS, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '@tasks/adapter-lambda';
import { StorageUnavailableError } from '@tasks/domain';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { STORES, useSite } from './support/site.js';
import {
  addTask,
  eventually,
  openTasks,
  shown,
  taskItem,
  titlesShown,
} from './support/tasks-page.js';

/** What the API answers while its store is unavailable (SPEC §5). */
const storageUnavailable = (route: Route) => {
  const error = new StorageUnavailableError(1);
  const { status, slug, title } = DOMAIN_PROBLEMS[error.code];
  return route.fulfill({
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '1' },
    body: JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}${slug}`,
      title,
      status,
      detail: error.message,
      code: error.code,
    }),
  });
};

/** Every request to `/tasks` (the list, a create) is answered by a 503 until undone. */
const outage = async (page: Page, method: string): Promise<() => Promise<void>> => {
  const matches = (url: URL) => url.pathname === '/tasks';
  const handler = (route: Route) =>
    route.request().method() === method ? storageUnavailable(route) : route.fallback();
  await page.route(matches, handler);
  return () => page.unroute(matches, handler);
};

const offlineBanner = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'You are offline.' });

describe.each(STORES)('failures, on the %s store', (store) => {
  const site = useSite(store);
  const browsing = useBrowser();

  it('says the tasks could not be loaded on a 503, and "Retry" loads them', async () => {
    await site().api().create({ title: 'Waiting behind the outage' });
    const page = await browsing.page();
    browsing.allowConsoleError(/status of 503/);
    const end = await outage(page, 'GET');
    await openTasks(page, site());
    const alert = page.getByRole('alert');
    await shown(
      alert.getByText('The service is busy or unavailable for a moment.', { exact: false }),
    );

    await end();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await shown(taskItem(page, 'Waiting behind the outage'));
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('says a task was not added on a 503, and "Retry" adds it once', async () => {
    const page = await browsing.page();
    await openTasks(page, site());
    browsing.allowConsoleError(/status of 503/);
    const end = await outage(page, 'POST');
    await page.getByRole('textbox', { name: 'Title' }).fill('Added after the outage');
    await page.getByRole('button', { name: 'Add task' }).click();
    const alert = page.getByRole('alert');
    await shown(alert.getByText('The task was not added.', { exact: false }));

    await end();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await shown(taskItem(page, 'Added after the outage'));
    expect((await site().api().list()).items.map((task) => task.title)).toEqual([
      'Added after the outage',
    ]);
  });

  it('says when it is offline, keeps what is loaded, and adds the task once back online', async () => {
    const page = await browsing.page();
    await openTasks(page, site());
    await addTask(page, 'Loaded before going offline');

    await page.context().setOffline(true);
    await shown(offlineBanner(page));
    browsing.allowConsoleError(/ERR_INTERNET_DISCONNECTED/);
    await page.getByRole('textbox', { name: 'Title' }).fill('Typed while offline');
    await page.getByRole('button', { name: 'Add task' }).click();
    await shown(page.getByRole('alert').getByText('You are offline', { exact: false }));
    expect(await titlesShown(page)).toEqual(['Loaded before going offline']);
    expect(await page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(
      'Typed while offline',
    );

    await page.context().setOffline(false);
    await eventually(() => offlineBanner(page).count()).toBe(0);
    await page.getByRole('button', { name: 'Add task' }).click();
    await shown(taskItem(page, 'Typed while offline'));
    expect((await site().api().list()).items.map((task) => task.title)).toEqual([
      'Typed while offline',
      'Loaded before going offline',
    ]);
  });
});
