import { describe, expect, it } from 'vitest';
import {
  type CreateOutcome,
  IdempotencyKeyReusedError,
  makeCreateTask,
  requestFingerprint,
  sha256Hex,
  type Task,
  ValidationError,
} from '../src/index.js';
import { increasingTaskIds, manualClock } from '../src/testing/index.js';
import { stubRepository } from './stub-repository.js';

const setup = (create: () => Promise<CreateOutcome> = async () => ({ kind: 'created' })) => {
  const tasks = stubRepository({ create });
  const clock = manualClock(new Date('2026-05-01T08:00:00.000Z'));
  const createTask = makeCreateTask({ tasks, clock, newTaskId: increasingTaskIds(), sha256Hex });
  return { tasks, clock, createTask };
};

describe('createTask', () => {
  it('builds the task on the server: id, TODO, timestamps, version 1, and stores it for the owner', async () => {
    const { tasks, createTask } = setup();
    const { task, replayed } = await createTask({
      owner: 'alice',
      body: { title: ' Finish cloud project ' },
    });
    expect(replayed).toBe(false);
    expect(task).toStrictEqual({
      taskId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/),
      title: 'Finish cloud project',
      status: 'TODO',
      createdAt: '2026-05-01T08:00:00.000Z',
      updatedAt: '2026-05-01T08:00:00.000Z',
      version: 1,
    });
    expect(tasks.create).toHaveBeenCalledExactlyOnceWith('alice', task);
  });

  it('keeps a given status and description', async () => {
    const { createTask } = setup();
    const { task } = await createTask({
      owner: 'alice',
      body: { title: 't', status: 'DONE', description: 'd' },
    });
    expect(task).toMatchObject({ status: 'DONE', description: 'd' });
  });

  it('rejects bad input with ValidationError and stores nothing', async () => {
    const { tasks, createTask } = setup();
    await expect(createTask({ owner: 'alice', body: { title: '' } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(tasks.create).not.toHaveBeenCalled();
  });

  it.each([[''], ['x'.repeat(256)], ['tab\there'], ['é']])(
    'rejects the idempotency key %j',
    async (key) => {
      const { tasks, createTask } = setup();
      const attempt = createTask({ owner: 'alice', body: { title: 't' }, idempotencyKey: key });
      await expect(attempt).rejects.toMatchObject({
        code: 'validation_failed',
        issues: [{ path: 'Idempotency-Key' }],
      });
      expect(tasks.create).not.toHaveBeenCalled();
    },
  );

  it('rejects an empty owner: a task always has one', async () => {
    const { createTask } = setup();
    await expect(createTask({ owner: '', body: { title: 't' } })).rejects.toMatchObject({
      issues: [{ path: 'owner' }],
    });
  });

  it('writes the task and a 24-hour record of the key and body fingerprint together', async () => {
    const { tasks, createTask } = setup();
    const body = { title: 't', status: 'TODO' };
    const { task } = await createTask({ owner: 'alice', body, idempotencyKey: 'k-1' });
    expect(tasks.create).toHaveBeenCalledExactlyOnceWith('alice', task, {
      idempotency: {
        key: 'k-1',
        fingerprint: requestFingerprint(body, sha256Hex),
        task,
        createdAt: '2026-05-01T08:00:00.000Z',
        expiresAt: '2026-05-02T08:00:00.000Z',
      },
    });
  });

  const firstTask: Task = {
    taskId: '01960000-0000-7000-8000-000000000000',
    title: 'First',
    status: 'TODO',
    createdAt: '2026-05-01T07:00:00.000Z',
    updatedAt: '2026-05-01T07:00:00.000Z',
    version: 1,
  };
  const existing = (body: unknown) => async (): Promise<CreateOutcome> => ({
    kind: 'idempotency_record_exists',
    record: {
      key: 'k-1',
      fingerprint: requestFingerprint(body, sha256Hex),
      task: firstTask,
      createdAt: firstTask.createdAt,
      expiresAt: '2026-05-02T07:00:00.000Z',
    },
  });

  it('answers a retry with the same body (in any key order) with the first task, replayed', async () => {
    const { createTask } = setup(existing({ title: 'First', status: 'TODO' }));
    const result = await createTask({
      owner: 'alice',
      body: { status: 'TODO', title: 'First' },
      idempotencyKey: 'k-1',
    });
    expect(result).toEqual({ task: firstTask, replayed: true });
  });

  it('rejects the same key with another body as IdempotencyKeyReusedError', async () => {
    const { createTask } = setup(existing({ title: 'First' }));
    const attempt = createTask({ owner: 'alice', body: { title: 'Other' }, idempotencyKey: 'k-1' });
    await expect(attempt).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(attempt).rejects.toMatchObject({ code: 'idempotency_key_reused', key: 'k-1' });
  });
});
