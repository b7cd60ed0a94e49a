import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Decompresses Chromium once, checks the page is built, starts one DynamoDB Local.
      globalSetup: ['test/global-setup.ts'],
      // A journey is a minute of clicks on a loaded 2-core machine; each wait inside it is
      // bounded on its own (UI_TIMEOUT_MS), these only stop a run that hangs.
      testTimeout: 180_000,
      hookTimeout: 120_000,
      server: {
        deps: {
          // The Lambda bundles are imported by Node itself, as in Lambda (see local-runtime).
          external: [/\/dist\/functions\//],
        },
      },
    },
  }),
);
