/**
 * Issue 15 (2): with TASKS_AUTH=jwt the page signs in through the local issuer, and two
 * users in two browser windows see only their own tasks, on the page and in the API.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.js';
import { STORES, useSite } from './support/site.js';
import { addTask, eventually, openTasks, shown, titlesShown } from './support/tasks-page.js';

describe.each(STORES)('two users signed in at once, on the %s store', (store) => {
  const site = useSite(store, { auth: 'jwt' });
  const browsing = useBrowser();

  it('each sees only their own tasks, and signing out asks for a user again', async () => {
    const alice = await browsing.page();
    const bob = await browsing.page();
    await openTasks(alice, site(), 'alice');
    await openTasks(bob, site(), 'bob');
    await shown(alice.getByText('alice', { exact: true }));

    await addTask(alice, "Alice's first task");
    await addTask(bob, "Bob's only task");
    await addTask(alice, "Alice's second task");

    for (const page of [alice, bob]) await page.reload();
    await eventually(() => titlesShown(alice)).toEqual([
      "Alice's second task",
      "Alice's first task",
    ]);
    await eventually(() => titlesShown(bob)).toEqual(["Bob's only task"]);
    const titles = async (user: string) =>
      (await site().api(user).list()).items.map((task) => task.title);
    expect(await titles('alice')).toEqual(["Alice's second task", "Alice's first task"]);
    expect(await titles('bob')).toEqual(["Bob's only task"]);

    // Alice's window, signed out and in again as Bob, shows Bob's tasks only.
    await alice.getByRole('button', { name: 'Sign out' }).click();
    await shown(alice.getByRole('textbox', { name: 'User name' }));
    await openTasks(alice, site(), 'bob');
    await eventually(() => titlesShown(alice)).toEqual(["Bob's only task"]);
  });
});
