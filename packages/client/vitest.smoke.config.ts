import { defineConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

/**
 * `npm run smoke`: the smoke suite alone, against TASKS_BASE_URL with TASKS_TOKEN. Spread,
 * not `mergeConfig`, which would append this `include` to the shared one.
 */
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    include: ['test/smoke/**/*.test.ts'],
    globalSetup: ['test/smoke/deployed-setup.ts'],
  },
});
