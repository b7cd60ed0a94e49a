import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { setupDynamoDbLocal } from '@tasks/dynamodb-local/vitest';
import { DEFAULT_WEB_DIR } from '@tasks/local-runtime';
import type { TestProject } from 'vitest/node';
import { chromiumExecutable } from './support/chromium.js';
import { PageNotBuiltError } from './support/errors.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** The Chromium every test file launches (see `chromiumExecutable`). */
    chromiumExecutable: string;
  }
}

/**
 * Before any test file: fails the run at once, saying what to do, when the page is not
 * built (turbo builds it, with the Lambda bundles, before this package's tests);
 * decompresses Chromium once for every test file; starts one DynamoDB Local for them.
 */
export default async (project: TestProject): Promise<() => Promise<void>> => {
  await access(join(DEFAULT_WEB_DIR, 'index.html')).catch((cause: unknown) => {
    throw new PageNotBuiltError(DEFAULT_WEB_DIR, { cause });
  });
  project.provide('chromiumExecutable', await chromiumExecutable());
  return setupDynamoDbLocal(project);
};
