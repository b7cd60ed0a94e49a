/**
 * axe-core's WCAG 2.1 A and AA rules find nothing on the main view with the statistics
 * drawn and their table of numbers open, nor with an edit form open, nor on the sign-in
 * form (TASKS_AUTH=jwt).
 */
import { describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/axe.js';
import { useBrowser } from './support/browser.js';
import { STORES, useSite } from './support/site.js';
import {
  addTask,
  openTasks,
  shown,
  statistics,
  statisticsShow,
  statusOf,
  taskItem,
} from './support/tasks-page.js';

describe.each(STORES)('accessibility, on the %s store', (store) => {
  describe('without sign-in', () => {
    const site = useSite(store);
    const browsing = useBrowser();

    it('has no WCAG 2.1 A/AA violation on the main view, an open edit form and the statistics', async () => {
      const page = await browsing.page();
      await openTasks(page, site());
      await addTask(page, 'Review the draft', 'Chapters one and two');
      await addTask(page, 'Send the invoice');
      await statusOf(page, 'Send the invoice').selectOption({ label: 'Done' });
      await statisticsShow(page, 'Tasks by status: 1 to do, 0 in progress, 1 done; 2 in all.');
      // The numbers per day too, which the page folds away under the chart.
      await statistics(page).getByText('Numbers per day').click();
      await shown(statistics(page).getByRole('table'));
      expect(await accessibilityViolations(page)).toEqual([]);

      await taskItem(page, 'Review the draft').getByRole('button', { name: 'Edit' }).click();
      await shown(page.getByRole('button', { name: 'Save' }));
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });

  describe('with sign-in', () => {
    const site = useSite(store, { auth: 'jwt' });
    const browsing = useBrowser();

    it('has no WCAG 2.1 A/AA violation on the sign-in form', async () => {
      const page = await browsing.page();
      await page.goto(`${site().url}/`);
      await shown(page.getByRole('button', { name: 'Sign in' }));
      expect(await accessibilityViolations(page)).toEqual([]);
    });
  });
});
