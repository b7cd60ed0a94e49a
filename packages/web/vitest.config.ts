import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
  }),
);
