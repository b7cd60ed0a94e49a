import { expect, it } from 'vitest';
import { TaskNotFoundError, VersionConflictError } from '../../errors.js';
import { applyPatch, type Task, type TaskPatch } from '../../task.js';
import { anOwner, aTask } from '../builders.js';
import type { CurrentRepository } from './subject.js';

const LATER = '2026-06-01T12:00:00.000Z';

export const conditionalWritesContract = (repository: CurrentRepository): void => {
  const stored = async (overrides: Partial<Task> = {}) => {
    const owner = anOwner();
    const task = aTask({ description: 'Notes', ...overrides });
    await repository().create(owner, task);
    return { owner, task };
  };

  it.each<[string, TaskPatch]>([
    ['the title', { title: 'Renamed' }],
    ['the status', { status: 'DONE' }],
    ['the description', { description: 'Other notes' }],
    ['everything at once', { title: 'All', description: 'New', status: 'IN_PROGRESS' }],
    ['the description away (null removes it)', { description: null }],
  ])('update changes %s as applyPatch does, and get sees it', async (_, patch) => {
    const { owner, task } = await stored();
    const expected = applyPatch(task, patch, LATER);
    await expect(
      repository().update(owner, task.taskId, patch, { updatedAt: LATER }),
    ).resolves.toStrictEqual(expected);
    await expect(repository().get(owner, task.taskId)).resolves.toStrictEqual(expected);
  });

  // SPEC §3: updatedAt changes on every update, whatever the writers' clocks say.
  it('update moves updatedAt 1 ms past the stored one when the time it is given is not later', async () => {
    const { owner, task } = await stored();
    const sameMs = await repository().update(
      owner,
      task.taskId,
      { title: 'Same millisecond' },
      { updatedAt: task.updatedAt },
    );
    expect(sameMs).toStrictEqual(applyPatch(task, { title: 'Same millisecond' }, task.updatedAt));
    expect(Date.parse(sameMs.updatedAt)).toBe(Date.parse(task.updatedAt) + 1);
    const behind = await repository().update(
      owner,
      task.taskId,
      { status: 'DONE' },
      { updatedAt: '2020-01-01T00:00:00.000Z', expectedVersion: sameMs.version },
    );
    expect(Date.parse(behind.updatedAt)).toBe(Date.parse(task.updatedAt) + 2);
    expect(behind.version).toBe(task.version + 2);
    await expect(repository().get(owner, task.taskId)).resolves.toStrictEqual(behind);
  });

  it('update with the expected version applies; with another version it is VersionConflictError and changes nothing', async () => {
    const { owner, task } = await stored({ version: 1 });
    const updated = await repository().update(
      owner,
      task.taskId,
      { title: 'v2' },
      { updatedAt: LATER, expectedVersion: 1 },
    );
    expect(updated.version).toBe(2);
    const conflict = repository().update(
      owner,
      task.taskId,
      { title: 'stale' },
      { updatedAt: LATER, expectedVersion: 1 },
    );
    await expect(conflict).rejects.toBeInstanceOf(VersionConflictError);
    await expect(conflict).rejects.toMatchObject({
      expectedVersion: 1,
      actualVersion: 2,
      taskId: task.taskId,
    });
    await expect(repository().get(owner, task.taskId)).resolves.toStrictEqual(updated);
  });

  it('update of a missing task is TaskNotFoundError, with or without an expected version', async () => {
    const owner = anOwner();
    const { taskId } = aTask();
    await expect(
      repository().update(owner, taskId, { title: 'x' }, { updatedAt: LATER }),
    ).rejects.toBeInstanceOf(TaskNotFoundError);
    await expect(
      repository().update(owner, taskId, { title: 'x' }, { updatedAt: LATER, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(TaskNotFoundError);
    await expect(repository().get(owner, taskId)).resolves.toBeUndefined();
  });

  it("update and delete of another owner's task are TaskNotFoundError and change nothing", async () => {
    const { task } = await stored();
    const intruder = anOwner('intruder');
    await expect(
      repository().update(intruder, task.taskId, { title: 'x' }, { updatedAt: LATER }),
    ).rejects.toBeInstanceOf(TaskNotFoundError);
    await expect(repository().delete(intruder, task.taskId)).rejects.toBeInstanceOf(
      TaskNotFoundError,
    );
    await expect(repository().get(intruder, task.taskId)).resolves.toBeUndefined();
  });

  it('delete removes the task; a second delete is TaskNotFoundError', async () => {
    const { owner, task } = await stored();
    await expect(repository().delete(owner, task.taskId)).resolves.toBeUndefined();
    await expect(repository().get(owner, task.taskId)).resolves.toBeUndefined();
    await expect(repository().list(owner, { limit: 5 })).resolves.toEqual({ items: [] });
    await expect(repository().delete(owner, task.taskId)).rejects.toBeInstanceOf(TaskNotFoundError);
  });

  it('delete with another version is VersionConflictError and keeps the task; with the right one it deletes', async () => {
    const { owner, task } = await stored({ version: 1 });
    const conflict = repository().delete(owner, task.taskId, { expectedVersion: 7 });
    await expect(conflict).rejects.toBeInstanceOf(VersionConflictError);
    await expect(conflict).rejects.toMatchObject({ expectedVersion: 7, actualVersion: 1 });
    await expect(repository().get(owner, task.taskId)).resolves.toStrictEqual(task);
    await repository().delete(owner, task.taskId, { expectedVersion: 1 });
    await expect(repository().get(owner, task.taskId)).resolves.toBeUndefined();
  });

  it('delete of a missing task with an expected version is TaskNotFoundError', async () => {
    await expect(
      repository().delete(anOwner(), aTask().taskId, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(TaskNotFoundError);
  });
};
