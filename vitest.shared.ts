import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve through their `source` export condition, so tests run on the
// TypeScript sources without a build. `module` is left out: packages such as the AWS SDK
// point it at builds that only a bundler can load, while Node needs their `node` builds.
const conditions = [
  'source',
  ...defaultServerConditions.filter((condition) => condition !== 'module'),
];

/** Shared by every package's vitest.config.ts. */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    // Turborepo runs every package's suite at once on a small machine: property tests of a
    // few thousand runs need room beyond vitest's 5 s under that load (a bound, not a target).
    testTimeout: 60_000,
  },
});
