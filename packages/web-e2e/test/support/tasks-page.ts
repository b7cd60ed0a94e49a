import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { UI_TIMEOUT_MS } from './browser.js';
import type { Site } from './site.js';

/**
 * The page as its users and the tests see it: only roles and accessible names (SPEC §12),
 * never classes or ids, so a test breaks when what a person (or a screen reader) meets
 * changes, not when the markup is rearranged.
 */

/**
 * Polls `read` until the assertion chained on it holds, within `timeout` (the UI bound);
 * `message` says what was awaited when it never holds.
 */
export const eventually = <T>(
  read: () => T | Promise<T>,
  { timeout = UI_TIMEOUT_MS, message }: { timeout?: number; message?: string } = {},
): ReturnType<typeof expect.poll<T>> =>
  expect.poll(read, { timeout, interval: 100, ...(message === undefined ? {} : { message }) });

/** Resolves once `locator` is visible; it must match one element. */
export const shown = (locator: Locator): Promise<void> => locator.waitFor({ state: 'visible' });

/** Resolves once nothing matching `locator` is visible. */
export const gone = (locator: Locator): Promise<void> => locator.waitFor({ state: 'hidden' });

/** Every task's list item, newest first. */
export const taskItems = (page: Page): Locator =>
  page.getByRole('region', { name: 'Tasks' }).getByRole('listitem');

/** The list item of the task titled `title`: each item is named by its title's heading. */
export const taskItem = (page: Page, title: string): Locator =>
  page.getByRole('region', { name: 'Tasks' }).getByRole('listitem', { name: title, exact: true });

/** The titles of the tasks shown, in order. */
export const titlesShown = (page: Page): Promise<string[]> =>
  taskItems(page).getByRole('heading').allInnerTexts();

/**
 * Opens the site's page and, with sign-in on, signs in as `user` through the local
 * issuer's form; resolves once the page is ready for a new task.
 */
export const openTasks = async (page: Page, site: Site, user?: string): Promise<void> => {
  await page.goto(`${site.url}/`);
  if (user !== undefined) {
    await page.getByRole('textbox', { name: 'User name' }).fill(user);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await shown(page.getByRole('button', { name: 'Add task' }));
};

/** Types a new task into the form and presses "Add task"; resolves once it is listed. */
export const addTask = async (page: Page, title: string, description?: string): Promise<void> => {
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  if (description !== undefined) {
    await page.getByRole('textbox', { name: 'Description' }).fill(description);
  }
  await page.getByRole('button', { name: 'Add task' }).click();
  await shown(taskItem(page, title));
};

/** The "Status" select of the task titled `title`. */
export const statusOf = (page: Page, title: string): Locator =>
  taskItem(page, title).getByRole('combobox', { name: 'Status' });

/** The "Statistics" region. */
export const statistics = (page: Page): Locator => page.getByRole('region', { name: 'Statistics' });

/**
 * How long the statistics may take to follow the writes: the table's stream, read by the
 * runtime's poller, then the page's own polls; a bound on a loaded machine.
 */
const STATS_TIMEOUT_MS = 120_000;

/**
 * Resolves once the "Statistics" region has a chart named `name` (each chart's name says
 * its numbers). When the page stops polling before the stream has caught up, and says
 * so, "Refresh statistics" is pressed, as its words ask a person to.
 */
export const statisticsShow = async (page: Page, name: string | RegExp): Promise<void> => {
  const region = statistics(page);
  const chart = region.getByRole('img', { name });
  const behind = region.getByText('may not show the latest changes yet', { exact: false });
  await eventually(
    async () => {
      if ((await chart.count()) > 0) return true;
      if ((await behind.count()) > 0) {
        await region.getByRole('button', { name: 'Refresh statistics' }).click();
      }
      return false;
    },
    { timeout: STATS_TIMEOUT_MS, message: `"Statistics" has a chart named ${name}` },
  ).toBe(true);
};
