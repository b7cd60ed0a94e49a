import { aTask, describeTaskRepositoryContract } from '@tasks/domain/testing';
import { describe, expect, it } from 'vitest';
import { createInMemoryTaskState, InMemoryTaskRepository } from '../src/index.js';

describeTaskRepositoryContract('in memory', () => ({ repository: new InMemoryTaskRepository() }), {
  propertyRuns: 100,
});

describe('InMemoryTaskRepository on a shared state', () => {
  it('sees what another repository on the same state wrote', async () => {
    const state = createInMemoryTaskState();
    const task = aTask();
    await new InMemoryTaskRepository(state).create('alice', task);
    await expect(
      new InMemoryTaskRepository(state).get('alice', task.taskId),
    ).resolves.toStrictEqual(task);
    await expect(new InMemoryTaskRepository().get('alice', task.taskId)).resolves.toBeUndefined();
  });
});
