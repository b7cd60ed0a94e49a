import { expect, it } from 'vitest';
import { TaskAlreadyExistsError } from '../../errors.js';
import { anOwner, aTask } from '../builders.js';
import type { CurrentRepository } from './subject.js';

export const createAndGetContract = (repository: CurrentRepository): void => {
  it('get resolves undefined when the task is missing', async () => {
    await expect(repository().get(anOwner(), aTask().taskId)).resolves.toBeUndefined();
  });

  it('get returns the task as it was created, with and without a description', async () => {
    const owner = anOwner();
    const plain = aTask();
    const described = aTask({ description: 'With notes\non two lines', status: 'IN_PROGRESS' });
    await expect(repository().create(owner, plain)).resolves.toEqual({ kind: 'created' });
    await repository().create(owner, described);
    await expect(repository().get(owner, plain.taskId)).resolves.toStrictEqual(plain);
    await expect(repository().get(owner, described.taskId)).resolves.toStrictEqual(described);
  });

  it('a create never overwrites: the same id again is TaskAlreadyExistsError', async () => {
    const owner = anOwner();
    const first = aTask({ title: 'First' });
    await repository().create(owner, first);
    await expect(repository().create(owner, { ...first, title: 'Second' })).rejects.toBeInstanceOf(
      TaskAlreadyExistsError,
    );
    await expect(repository().get(owner, first.taskId)).resolves.toStrictEqual(first);
  });

  it('a task is invisible to every other owner', async () => {
    const alice = anOwner('alice');
    const bob = anOwner('bob');
    const task = aTask();
    await repository().create(alice, task);
    await expect(repository().get(bob, task.taskId)).resolves.toBeUndefined();
    await expect(repository().list(bob, { limit: 10 })).resolves.toEqual({ items: [] });
    await expect(repository().list(bob, { limit: 10, after: aTask().taskId })).resolves.toEqual({
      items: [],
    });
  });

  it('the same task id under two owners is two tasks', async () => {
    const alice = anOwner('alice');
    const bob = anOwner('bob');
    const task = aTask();
    await repository().create(alice, task);
    await repository().create(bob, { ...task, title: "Bob's" });
    await expect(repository().get(alice, task.taskId)).resolves.toStrictEqual(task);
    await expect(repository().get(bob, task.taskId)).resolves.toMatchObject({ title: "Bob's" });
  });
};
