import { describe, expect, it } from 'vitest';
import {
  makeDeleteTask,
  makeGetTask,
  makeListTasks,
  makeUpdateTask,
  TaskNotFoundError,
  ValidationError,
} from '../src/index.js';
import { aTask, manualClock } from '../src/testing/index.js';
import { stubRepository } from './stub-repository.js';

const A_TASK_ID = aTask().taskId;

describe('listTasks', () => {
  const setup = () => {
    const tasks = stubRepository({ list: async () => ({ items: [] }) });
    return { tasks, listTasks: makeListTasks({ tasks }) };
  };

  it('asks for 20 newest tasks by default', async () => {
    const { tasks, listTasks } = setup();
    await listTasks({ owner: 'alice', query: {} });
    expect(tasks.list).toHaveBeenCalledExactlyOnceWith('alice', { limit: 20 });
  });

  it('passes limit, lastKey (as the position to start after) and status', async () => {
    const { tasks, listTasks } = setup();
    await listTasks({ owner: 'alice', query: { limit: 5, lastKey: A_TASK_ID, status: 'DONE' } });
    expect(tasks.list).toHaveBeenCalledExactlyOnceWith('alice', {
      limit: 5,
      after: A_TASK_ID,
      status: 'DONE',
    });
  });

  it.each([
    ['limit 0', { limit: 0 }, 'limit'],
    ['limit 101', { limit: 101 }, 'limit'],
    ['limit 1.5', { limit: 1.5 }, 'limit'],
    ['limit as text', { limit: '5' }, 'limit'],
    ['a malformed lastKey', { lastKey: 'not-a-key' }, 'lastKey'],
    ['an unknown status', { status: 'LATER' }, 'status'],
    ['an unknown parameter', { sort: 'asc' }, 'sort'],
  ])('rejects %s with ValidationError, not a silently empty page', async (_, query, path) => {
    const { tasks, listTasks } = setup();
    const attempt = listTasks({ owner: 'alice', query });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path }] });
    expect(tasks.list).not.toHaveBeenCalled();
  });

  it.each([
    [{ limit: 0 }, 'must be at least 1'],
    [{ limit: 101 }, 'must be at most 100'],
    [{ limit: 1.5 }, 'must be an integer'],
    [{ limit: '5' }, 'must be a number'],
  ])('says why %j is refused', async (query, message) => {
    const { listTasks } = setup();
    await expect(listTasks({ owner: 'alice', query })).rejects.toMatchObject({
      issues: [{ path: 'limit', message }],
    });
  });
});

describe('getTask', () => {
  it('is TaskNotFoundError when the store has no such task', async () => {
    const getTask = makeGetTask({ tasks: stubRepository({ get: async () => undefined }) });
    await expect(getTask({ owner: 'alice', taskId: A_TASK_ID })).rejects.toBeInstanceOf(
      TaskNotFoundError,
    );
  });

  it('is TaskNotFoundError for an id that is not a UUID, without asking the store', async () => {
    const tasks = stubRepository();
    await expect(
      makeGetTask({ tasks })({ owner: 'alice', taskId: 'x'.repeat(5000) }),
    ).rejects.toBeInstanceOf(TaskNotFoundError);
    expect(tasks.get).not.toHaveBeenCalled();
  });
});

describe('updateTask', () => {
  const clock = manualClock(new Date('2026-07-01T00:00:00.000Z'));

  it('validates the patch, then applies it at the clock time with the expected version', async () => {
    const updated = aTask({ version: 4 });
    const tasks = stubRepository({ update: async () => updated });
    const result = await makeUpdateTask({ tasks, clock })({
      owner: 'alice',
      taskId: A_TASK_ID,
      patch: { status: 'DONE' },
      expectedVersion: 3,
    });
    expect(result).toBe(updated);
    expect(tasks.update).toHaveBeenCalledExactlyOnceWith(
      'alice',
      A_TASK_ID,
      { status: 'DONE' },
      {
        updatedAt: '2026-07-01T00:00:00.000Z',
        expectedVersion: 3,
      },
    );
  });

  it.each([
    ['an empty patch', {}, undefined],
    ['an unknown field', { version: 9 }, undefined],
    ['a version below 1', { title: 't' }, 0],
    ['a fractional version', { title: 't' }, 1.5],
  ])('rejects %s before touching the store', async (_, patch, expectedVersion) => {
    const tasks = stubRepository();
    const update = makeUpdateTask({ tasks, clock });
    await expect(
      update({
        owner: 'alice',
        taskId: A_TASK_ID,
        patch,
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(tasks.update).not.toHaveBeenCalled();
  });
});

describe('deleteTask', () => {
  it('deletes with the expected version when one is given', async () => {
    const tasks = stubRepository({ delete: async () => undefined });
    await makeDeleteTask({ tasks })({ owner: 'alice', taskId: A_TASK_ID, expectedVersion: 2 });
    expect(tasks.delete).toHaveBeenCalledExactlyOnceWith('alice', A_TASK_ID, {
      expectedVersion: 2,
    });
  });

  it('is TaskNotFoundError for an id that is not a UUID', async () => {
    const tasks = stubRepository();
    await expect(
      makeDeleteTask({ tasks })({ owner: 'alice', taskId: '../etc' }),
    ).rejects.toBeInstanceOf(TaskNotFoundError);
    expect(tasks.delete).not.toHaveBeenCalled();
  });
});
