import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

/**
 * How long the page may take to show what a test waits for. A bound on a loaded 2-core
 * machine (turbo runs every package's tests at once), never a target: every wait polls
 * the page's state and ends as soon as it holds.
 */
export const UI_TIMEOUT_MS = 30_000;

// As root (CI containers) Chromium's sandbox cannot start; nothing here fetches updates.
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];

/** One browser for the tests of a file, and their pages. */
export interface Browsing {
  /** A new browser context (a profile of its own: storage, cookies, offline state). */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page of a new context, or of `context`. */
  page(context?: BrowserContext): Promise<Page>;
  /**
   * Lets the current test's pages log console errors matching `pattern` (a response the
   * test provokes, such as a 412, is logged by Chromium as "Failed to load resource").
   */
  allowConsoleError(pattern: RegExp): void;
}

/**
 * Launches headless Chromium before the tests of the file and closes it after them. After
 * each test its contexts are closed and the test fails if any of its pages logged an
 * error to the console or threw one uncaught (a CSP violation is a console error).
 */
export const useBrowser = (): Browsing => {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let allowed: RegExp[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: inject('chromiumExecutable'),
      headless: true,
      args: ARGS,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    allowed = [];
    expect(problems.splice(0), 'console errors and uncaught exceptions').toEqual([]);
  });

  const context = async (options: BrowserContextOptions = {}) => {
    if (browser === undefined) throw new Error('the browser did not start');
    const created = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', ...options });
    created.setDefaultTimeout(UI_TIMEOUT_MS);
    created.on('console', (message) => {
      const text = message.text();
      if (message.type() !== 'error' || allowed.some((pattern) => pattern.test(text))) return;
      problems.push(`console error on ${message.page()?.url() ?? 'a page'}: ${text}`);
    });
    created.on('weberror', (error) => {
      problems.push(`uncaught on ${error.page()?.url() ?? 'a page'}: ${error.error().stack}`);
    });
    contexts.push(created);
    return created;
  };

  return {
    context,
    page: async (within) => (within ?? (await context())).newPage(),
    allowConsoleError: (pattern) => {
      allowed.push(pattern);
    },
  };
};
