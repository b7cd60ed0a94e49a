import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setupDynamoDbLocal } from '@tasks/dynamodb-local/vitest';
import { loadTemplate, TEMPLATE_PATH, templateFunctions } from '@tasks/sam-template';
import type { TestProject } from 'vitest/node';
import { functionConfigs } from '../src/function-config.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Before any test file: fails the run at once, saying to run `npm run build`, when the
 * Lambda bundles are missing (CI runs the tests through turbo, which builds them first);
 * compiles this package so that the CLI tests run the real `dist/main.js` (turbo builds
 * only the dependencies before `test`); starts one DynamoDB Local for every test file.
 */
export default async (project: TestProject): Promise<() => Promise<void>> => {
  const template = loadTemplate();
  functionConfigs(template, TEMPLATE_PATH, templateFunctions(template), { tableName: 'any' });
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: packageDir });
  return setupDynamoDbLocal(project);
};
