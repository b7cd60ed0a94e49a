import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from './start.js';
import type { StartDynamoDbLocalOptions } from './types.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** Endpoint of the DynamoDB Local that `setupDynamoDbLocal` started for this run. */
    dynamodbEndpoint: string;
  }
}

/** The part of vitest's `TestProject` a global setup needs. */
export type ProvidingProject = Pick<TestProject, 'provide'>;

/**
 * For a vitest `globalSetup` file: starts one DynamoDB Local for the whole run (sources as
 * in `startDynamoDbLocal`), provides its endpoint to test files as
 * `inject('dynamodbEndpoint')`, and resolves the teardown that stops it. Rejects, failing
 * the run, when no source is available: suites are never skipped (SPEC §8).
 */
export const setupDynamoDbLocal = async (
  project: ProvidingProject,
  options: StartDynamoDbLocalOptions = {},
): Promise<() => Promise<void>> => {
  const dynamoDb = await startDynamoDbLocal(options);
  console.info(`DynamoDB Local (${dynamoDb.source}) at ${dynamoDb.endpoint}`);
  project.provide('dynamodbEndpoint', dynamoDb.endpoint);
  return () => dynamoDb.stop();
};

/** Lets a vitest config list this module itself as a `globalSetup` file. */
export default (project: ProvidingProject): Promise<() => Promise<void>> =>
  setupDynamoDbLocal(project);
