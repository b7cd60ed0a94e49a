import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // One DynamoDB Local for the run: the processor, the rebuild and the policies on real storage.
      globalSetup: ['test/global-setup.ts'],
      hookTimeout: 120_000,
    },
  }),
);
