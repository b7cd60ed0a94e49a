import { expect, it } from 'vitest';
import { TaskAlreadyExistsError } from '../../errors.js';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from '../../idempotency.js';
import type { Task } from '../../task.js';
import type { IdempotencyRecord } from '../../task-repository.js';
import { anOwner, aTask } from '../builders.js';
import type { CurrentRepository } from './subject.js';

const recordFor = (
  task: Task,
  key: string,
  createdAt: Date,
  fingerprint = 'f1',
): IdempotencyRecord => ({
  key,
  fingerprint,
  task,
  createdAt: createdAt.toISOString(),
  expiresAt: new Date(createdAt.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS).toISOString(),
});

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

export const idempotencyContract = (repository: CurrentRepository): void => {
  it('a second create under a live key writes nothing and hands back the first record', async () => {
    const owner = anOwner();
    const first = aTask({ title: 'First' });
    const record = recordFor(first, 'key-1', T0);
    await expect(repository().create(owner, first, { idempotency: record })).resolves.toEqual({
      kind: 'created',
    });

    const second = aTask({ title: 'Second' });
    const outcome = await repository().create(owner, second, {
      idempotency: recordFor(second, 'key-1', at(1000), 'f2'),
    });
    expect(outcome).toEqual({ kind: 'idempotency_record_exists', record });
    await expect(repository().get(owner, second.taskId)).resolves.toBeUndefined();
    await expect(repository().list(owner, { limit: 10 })).resolves.toEqual({ items: [first] });
  });

  it('keys are per owner: another owner may use the same key', async () => {
    const alice = anOwner('alice');
    const bob = anOwner('bob');
    const alices = aTask();
    const bobs = aTask();
    await repository().create(alice, alices, { idempotency: recordFor(alices, 'shared', T0) });
    await expect(
      repository().create(bob, bobs, { idempotency: recordFor(bobs, 'shared', T0) }),
    ).resolves.toEqual({ kind: 'created' });
    await expect(repository().get(bob, bobs.taskId)).resolves.toStrictEqual(bobs);
  });

  it('a record still holds its key one millisecond before it expires', async () => {
    const owner = anOwner();
    const first = aTask();
    const record = recordFor(first, 'k', T0);
    await repository().create(owner, first, { idempotency: record });
    const late = aTask();
    const outcome = await repository().create(owner, late, {
      idempotency: recordFor(late, 'k', at(IDEMPOTENCY_KEY_LIFETIME_MS - 1)),
    });
    expect(outcome).toEqual({ kind: 'idempotency_record_exists', record });
  });

  it('an expired record counts as absent and is replaced by the new one', async () => {
    const owner = anOwner();
    const first = aTask();
    await repository().create(owner, first, { idempotency: recordFor(first, 'k', T0) });
    const second = aTask();
    const renewed = recordFor(second, 'k', at(IDEMPOTENCY_KEY_LIFETIME_MS));
    await expect(repository().create(owner, second, { idempotency: renewed })).resolves.toEqual({
      kind: 'created',
    });
    const third = aTask();
    const outcome = await repository().create(owner, third, {
      idempotency: recordFor(third, 'k', at(IDEMPOTENCY_KEY_LIFETIME_MS + 1)),
    });
    expect(outcome).toEqual({ kind: 'idempotency_record_exists', record: renewed });
    await expect(repository().list(owner, { limit: 10 })).resolves.toEqual({
      items: [second, first],
    });
  });

  it('a create under a key whose task id already exists writes neither the task nor the record', async () => {
    const owner = anOwner();
    const existing = aTask();
    await repository().create(owner, existing);
    await expect(
      repository().create(
        owner,
        { ...existing, title: 'dup' },
        { idempotency: recordFor(existing, 'k2', T0) },
      ),
    ).rejects.toBeInstanceOf(TaskAlreadyExistsError);
    const fresh = aTask();
    await expect(
      repository().create(owner, fresh, { idempotency: recordFor(fresh, 'k2', at(1)) }),
    ).resolves.toEqual({ kind: 'created' });
  });
};
