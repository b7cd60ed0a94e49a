/**
 * SPEC §12: the page is keyboard-usable. The main flow with Tab, Shift+Tab, Enter, Space
 * and the arrow keys only: no click, no `fill`, no focusing by the test. Each
 * step moves the focus with Tab until it reaches the control a person would look for,
 * so the test fails when a control cannot be reached, or reacts to no key.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { STORES, useSite } from './support/site.js';
import {
  eventually,
  gone,
  openTasks,
  shown,
  statusOf,
  taskItem,
  taskItems,
  titlesShown,
} from './support/tasks-page.js';

/** More Tab presses than the page has controls: a control never reached is a failure. */
const MOST_TABS = 40;

const focused = (locator: Locator): Promise<boolean> =>
  locator.evaluate((element) => element === document.activeElement).catch(() => false);

/** Presses Tab (or Shift+Tab) until `target` has the focus. */
const tabTo = async (page: Page, target: Locator, key = 'Tab'): Promise<void> => {
  for (let presses = 0; presses < MOST_TABS; presses++) {
    if (await focused(target)) return;
    await page.keyboard.press(key);
  }
  expect(await focused(target), `${key} reaches ${target}`).toBe(true);
};

describe.each(STORES)('the page by keyboard alone, on the %s store', (store) => {
  const site = useSite(store);
  const browsing = useBrowser();

  it('adds, edits, changes the status of, filters and deletes tasks', async () => {
    const page = await browsing.page();
    await openTasks(page, site());
    await shown(page.getByText('No tasks yet.'));

    for (const title of ['Water the plants', 'Call the plumber']) {
      await tabTo(page, page.getByRole('textbox', { name: 'Title' }));
      await page.keyboard.type(title);
      await tabTo(page, page.getByRole('button', { name: 'Add task' }));
      await page.keyboard.press('Enter');
      await shown(taskItem(page, title));
    }
    expect(await titlesShown(page)).toEqual(['Call the plumber', 'Water the plants']);

    // The status by arrow key, saved: the page reloaded shows it.
    await tabTo(page, statusOf(page, 'Water the plants'));
    await page.keyboard.press('ArrowDown');
    await eventually(() => site().api().list()).toMatchObject({
      items: [{ title: 'Call the plumber' }, { title: 'Water the plants', status: 'IN_PROGRESS' }],
    });

    // Edit with Enter: the form takes the focus; Tab to the description, then to "Save".
    const plumber = taskItem(page, 'Call the plumber');
    await tabTo(page, plumber.getByRole('button', { name: 'Edit' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    const editing = taskItems(page).filter({ has: page.getByRole('button', { name: 'Save' }) });
    await eventually(() => focused(editing.getByRole('textbox', { name: 'Title' }))).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('About the leak');
    await tabTo(page, editing.getByRole('button', { name: 'Save' }));
    await page.keyboard.press('Enter');
    await shown(plumber.getByText('About the leak'));

    // "Show" by arrow keys: To do, then In progress.
    const show = page.getByRole('combobox', { name: 'Show' });
    await tabTo(page, show, 'Shift+Tab');
    await page.keyboard.press('ArrowDown');
    await eventually(() => titlesShown(page)).toEqual(['Call the plumber']);
    await page.keyboard.press('ArrowDown');
    await eventually(() => titlesShown(page)).toEqual(['Water the plants']);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await eventually(() => titlesShown(page)).toEqual(['Call the plumber', 'Water the plants']);

    // Delete with Space.
    await tabTo(page, taskItem(page, 'Water the plants').getByRole('button', { name: 'Delete' }));
    await page.keyboard.press('Space');
    await gone(taskItem(page, 'Water the plants'));
    await eventually(async () =>
      (await site().api().list()).items.map((task) => task.title),
    ).toEqual(['Call the plumber']);
  });
});
