import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startDynamoDbLocal } from '@tasks/dynamodb-local';
import { issueToken } from '@tasks/local-issuer';
import type { TestProject } from 'vitest/node';
import './smoke/target.js';
import { startAuthRuntime } from './support/start-auth-runtime.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

declare module 'vitest' {
  interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/**
 * Before any test file: builds `dist` (the size test bundles it; turbo builds only the
 * dependencies before `test`); starts one DynamoDB Local for the run (suites fail, never
 * skip, when none can run: SPEC §8); and starts the smoke suite's target, a local runtime
 * on it with TASKS_AUTH=jwt, with two users' tokens of the local issuer.
 */
export default async (project: TestProject): Promise<() => Promise<void>> => {
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: packageDir });
  const dynamoDb = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', dynamoDb.endpoint);
  try {
    const smoke = await startAuthRuntime({
      store: 'dynamodb',
      dynamoDbEndpoint: dynamoDb.endpoint,
      tableName: 'tasks-client-smoke',
    });
    const [token, secondToken] = await Promise.all(
      ['smoke-user', 'smoke-other-user'].map((sub) => issueToken(smoke.key, { sub })),
    );
    if (token === undefined || secondToken === undefined) throw new Error('no smoke tokens');
    project.provide('smokeTarget', { baseUrl: smoke.runtime.url, token, secondToken });
    return async () => {
      await smoke.stop();
      await dynamoDb.stop();
    };
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
};
