import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Preact's JSX, as vite.config.ts has it, for any test that imports a component.
export default mergeConfig(
  shared,
  defineConfig({ oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } } }),
);
