import { afterEach, beforeEach, describe } from 'vitest';
import type { TaskRepository } from '../task-repository.js';
import { concurrencyContract } from './contract/concurrency.js';
import { conditionalWritesContract } from './contract/conditional-writes.js';
import { createAndGetContract } from './contract/crud.js';
import { idempotencyContract } from './contract/idempotency.js';
import { listingContract } from './contract/listing.js';
import { pageWalkProperty } from './contract/page-walk.property.js';
import type { ContractOptions, ContractSubject } from './contract/subject.js';

/**
 * Registers, with vitest, every behaviour the `TaskRepository` port promises. Call it once
 * from an adapter's test file; `setup` runs before each test and hands back a repository
 * on a fresh store. The same suite runs unchanged against every adapter, ours or yours.
 *
 * @example
 * describeTaskRepositoryContract('my adapter', async () => ({ repository: new MyRepository() }));
 */
export const describeTaskRepositoryContract = (
  name: string,
  setup: () => Promise<ContractSubject> | ContractSubject,
  { propertyRuns = 30, concurrency = 20 }: ContractOptions = {},
): void => {
  describe(`TaskRepository contract: ${name}`, () => {
    let subject: ContractSubject | undefined;
    beforeEach(async () => {
      subject = await setup();
    });
    afterEach(async () => {
      await subject?.teardown?.();
      subject = undefined;
    });
    const repository = (): TaskRepository => {
      if (subject === undefined) throw new Error('the contract setup did not run');
      return subject.repository;
    };

    describe('create and get', () => createAndGetContract(repository));
    describe('list', () => listingContract(repository));
    describe('conditional update and delete', () => conditionalWritesContract(repository));
    describe('idempotency records', () => idempotencyContract(repository));
    describe('concurrency', () => concurrencyContract(repository, concurrency));
    describe('properties', () => pageWalkProperty(repository, propertyRuns));
  });
};
