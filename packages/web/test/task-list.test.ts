import type { Task, TaskStatus } from '@tasks/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendPage,
  EMPTY_LIST,
  firstPage,
  putTask,
  removeTask,
  type TaskFilter,
} from '../src/tasks/task-list.js';

const STATUSES: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'DONE'];
// UUIDv7-like ids: their order as strings is their order of creation.
const id = (n: number) => `0193${n.toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`;
const aTask = (n: number, status: TaskStatus = 'TODO'): Task => ({
  taskId: id(n),
  title: `task ${n}`,
  status,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
});
const ids = (tasks: readonly Task[]) => tasks.map((task) => task.taskId);
const isNewestFirst = (tasks: readonly Task[]) =>
  ids(tasks).every((taskId, i, all) => i === 0 || (all[i - 1] ?? '') > taskId);

const filterArb = fc.constantFrom<TaskFilter>('ALL', ...STATUSES);
const taskArb = fc.record({
  n: fc.integer({ min: 0, max: 50 }),
  status: fc.constantFrom(...STATUSES),
});

describe('the task list', () => {
  it('shows a first page newest first, and Load more while nextKey lasts', () => {
    const state = firstPage({ items: [aTask(1), aTask(3), aTask(2)], nextKey: 'k' });
    expect(ids(state.items)).toEqual([id(3), id(2), id(1)]);
    expect(state.nextKey).toBe('k');
    const more = appendPage(state, { items: [aTask(0)] });
    expect(ids(more.items)).toEqual([id(3), id(2), id(1), id(0)]);
    expect(more.nextKey).toBeUndefined();
  });

  it('does not repeat a task that a later page brings again', () => {
    const state = putTask(firstPage({ items: [aTask(5)], nextKey: 'k' }), 'ALL', aTask(9));
    expect(ids(appendPage(state, { items: [aTask(9), aTask(4)] }).items)).toEqual([
      id(9),
      id(5),
      id(4),
    ]);
  });

  it('keeps every task once, newest first, whatever is put in and taken out', () => {
    fc.assert(
      fc.property(filterArb, fc.array(fc.tuple(fc.boolean(), taskArb)), (filter, steps) => {
        let state = EMPTY_LIST;
        for (const [put, { n, status }] of steps) {
          state = put ? putTask(state, filter, aTask(n, status)) : removeTask(state, id(n));
        }
        expect(new Set(ids(state.items)).size).toBe(state.items.length);
        expect(isNewestFirst(state.items)).toBe(true);
        expect(state.items.every((task) => filter === 'ALL' || task.status === filter)).toBe(true);
      }),
    );
  });

  it('takes a task out of the list when its new status does not match the filter', () => {
    const state = firstPage({ items: [aTask(1, 'TODO'), aTask(2, 'TODO')] });
    expect(ids(putTask(state, 'TODO', aTask(1, 'DONE')).items)).toEqual([id(2)]);
    expect(putTask(state, 'ALL', { ...aTask(1, 'DONE'), version: 2 }).items[1]).toMatchObject({
      status: 'DONE',
      version: 2,
    });
  });
});
