import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

declare global {
  interface Window {
    axe?: { run(context: Document, options: object): Promise<AxeResults> };
  }
}

/** The WCAG 2.1 A and AA rules (axe-core's tags). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

const axeSource = readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.1 A/AA violations of the whole page as it is now, one line each
 * (rule, what it asks, where). axe is evaluated through the DevTools protocol, not added
 * as a `<script>`: the page's CSP (`script-src 'self'`) rightly refuses an inline script,
 * and the test must not turn the CSP off to look at the page.
 */
export const accessibilityViolations = async (page: Page): Promise<string[]> => {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(await axeSource);
  const violations = await page.evaluate(async (tags) => {
    if (window.axe === undefined) throw new Error('axe-core did not load');
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
    );
  }, TAGS);
  return violations;
};
