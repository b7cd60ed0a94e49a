import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Checks the bundles, builds the CLI, starts one DynamoDB Local for the run.
      globalSetup: ['test/global-setup.ts'],
      hookTimeout: 120_000,
      server: {
        deps: {
          // The Lambda bundles are imported by Node itself, as in Lambda: vite would
          // transform each 300 KB bundle again for every runtime a test starts.
          external: [/\/dist\/functions\//],
        },
      },
    },
  }),
);
