import { aTask, describeTaskRepositoryContract } from '@tasks/domain/testing';
import { describe, expect, it } from 'vitest';
import { createInMemoryTaskState, InMemoryTaskRepository, type TaskWrite } from '../src/index.js';

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

describe('the writes it reports, as a table stream would', () => {
  it('tells each listener of every create, update and delete, after the write', async () => {
    const writes: TaskWrite[] = [];
    const repository = new InMemoryTaskRepository({
      ...createInMemoryTaskState(),
      writes: [(write) => writes.push(write)],
    });
    const task = aTask();
    await repository.create('alice', task);
    const updated = await repository.update(
      'alice',
      task.taskId,
      { status: 'DONE' },
      { updatedAt: task.updatedAt },
    );
    await repository.delete('alice', task.taskId);
    expect(writes).toEqual([
      { owner: 'alice', after: task },
      { owner: 'alice', before: task, after: updated },
      { owner: 'alice', before: updated },
    ]);
  });

  it('reports nothing for a write that fails', async () => {
    const writes: TaskWrite[] = [];
    const repository = new InMemoryTaskRepository({
      ...createInMemoryTaskState(),
      writes: [(write) => writes.push(write)],
    });
    await expect(repository.delete('alice', aTask().taskId)).rejects.toThrow();
    expect(writes).toEqual([]);
  });
});
