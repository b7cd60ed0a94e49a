import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Builds dist, starts DynamoDB Local and the smoke suite's local runtime.
      globalSetup: ['test/global-setup.ts'],
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
