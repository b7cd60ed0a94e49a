import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // One DynamoDB Local for the run: the policy and composition tests drive real storage.
      globalSetup: ['test/handlers/global-setup.ts'],
      hookTimeout: 120_000,
    },
  }),
);
