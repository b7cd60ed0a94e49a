import { describeStatsStoreContract } from '@tasks/domain/testing';
import { InMemoryStatsStore } from '../src/index.js';

describeStatsStoreContract('in memory', async () => ({ store: new InMemoryStatsStore() }), {
  propertyRuns: 200,
});
