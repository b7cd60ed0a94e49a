import { describeTaskRepositoryContract } from '@tasks/domain/testing';
import { InMemoryTaskRepository } from '../src/index.js';

describeTaskRepositoryContract('in memory', () => ({ repository: new InMemoryTaskRepository() }), {
  propertyRuns: 100,
});
