import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import type { Clock, TaskIdGenerator } from '../clock.js';
import type { Task } from '../task.js';

const JANUARY_2026 = Date.UTC(2026, 0, 1);

/** Ids that strictly increase on every call, one millisecond apart: newest is last. */
export const increasingTaskIds = (startMs = JANUARY_2026): TaskIdGenerator => {
  let msecs = startMs;
  return () => uuidv7({ msecs: msecs++ });
};

const nextId = increasingTaskIds();

/** A valid new task, newer than every task built before it; override any field. */
export const aTask = (overrides: Partial<Task> = {}): Task => {
  const at = new Date(JANUARY_2026).toISOString();
  return {
    taskId: nextId(),
    title: 'Finish cloud project',
    status: 'TODO',
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
};

/** An owner no other test uses, so that suites may share one store. */
export const anOwner = (name = 'owner'): string => `${name}-${uuidv4()}`;

/** A clock that moves only when told to. */
export interface ManualClock extends Clock {
  advance(milliseconds: number): void;
}

export const manualClock = (start: Date = new Date(JANUARY_2026)): ManualClock => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
};
