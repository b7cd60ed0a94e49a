// Run only by turbo-env.test.ts, through `turbo run test -- --config <this file>`: the
// real global setup, and one probe that checks which DynamoDB it was given.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/turbo-env/endpoint.probe.ts'],
    globalSetup: ['src/vitest.ts'],
    hookTimeout: 120_000,
  },
});
