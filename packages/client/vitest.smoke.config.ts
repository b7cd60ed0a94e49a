import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

/** `npm run smoke`: the smoke suite alone, against TASKS_BASE_URL with TASKS_TOKEN. */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['test/smoke/**/*.test.ts'],
      globalSetup: ['test/smoke/deployed-setup.ts'],
    },
  }),
);
