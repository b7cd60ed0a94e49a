import { expect, it } from 'vitest';
import { IdempotencyKeyInFlightError, VersionConflictError } from '../../errors.js';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from '../../idempotency.js';
import type { Task } from '../../task.js';
import type { IdempotencyRecord } from '../../task-repository.js';
import { anOwner, aTask } from '../builders.js';
import type { CurrentRepository } from './subject.js';

const LATER = '2026-06-01T12:00:00.000Z';

export const concurrencyContract = (repository: CurrentRepository, parallel: number): void => {
  it(`of ${parallel} concurrent updates expecting the same version, exactly one wins`, async () => {
    const owner = anOwner();
    const task = aTask();
    await repository().create(owner, task);
    const results = await Promise.allSettled(
      Array.from({ length: parallel }, (_, index) =>
        repository().update(
          owner,
          task.taskId,
          { title: `Writer ${index}` },
          { updatedAt: LATER, expectedVersion: 1 },
        ),
      ),
    );
    const winners = results.filter((result) => result.status === 'fulfilled');
    const losers = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : [],
    );
    expect(winners).toHaveLength(1);
    for (const reason of losers) expect(reason).toBeInstanceOf(VersionConflictError);
    await expect(repository().get(owner, task.taskId)).resolves.toMatchObject({ version: 2 });
  });

  it(`${parallel} concurrent unconditional updates lose none: the version counts every one, and updatedAt moves with it`, async () => {
    const owner = anOwner();
    const task = aTask();
    await repository().create(owner, task);
    // All in the same millisecond: each must still leave a later updatedAt than the one before.
    const updated = await Promise.all(
      Array.from({ length: parallel }, (_, index) =>
        repository().update(owner, task.taskId, { title: `Writer ${index}` }, { updatedAt: LATER }),
      ),
    );
    const last = await repository().get(owner, task.taskId);
    expect(last).toMatchObject({ version: 1 + parallel });
    const byVersion = [...updated].sort((a, b) => a.version - b.version);
    expect(byVersion.map((each) => each.version)).toEqual(
      Array.from({ length: parallel }, (_, index) => 2 + index),
    );
    const times = byVersion.map((each) => Date.parse(each.updatedAt));
    expect(times.every((time, index) => index === 0 || time > (times[index - 1] ?? time))).toBe(
      true,
    );
    expect(last?.updatedAt).toBe(byVersion.at(-1)?.updatedAt);
  });

  it(`${parallel} concurrent creates under one idempotency key store exactly one task, and every replay hands back its record`, async () => {
    const owner = anOwner();
    const createdAt = new Date('2026-03-01T10:00:00.000Z');
    const recordOf = (task: Task, at: Date = createdAt): IdempotencyRecord => ({
      key: 'same',
      fingerprint: 'f',
      task,
      createdAt: at.toISOString(),
      expiresAt: new Date(createdAt.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS).toISOString(),
    });
    const records = Array.from({ length: parallel }, () => recordOf(aTask()));
    const results = await Promise.allSettled(
      records.map((record) => repository().create(owner, record.task, { idempotency: record })),
    );
    const winners = records.filter((_, index) => {
      const result = results[index];
      return result?.status === 'fulfilled' && result.value.kind === 'created';
    });
    expect(winners).toHaveLength(1);
    const [winner] = winners;
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toBeInstanceOf(IdempotencyKeyInFlightError);
      } else if (result.value.kind === 'idempotency_record_exists') {
        // A replay answers with the winner's task, never its own or another loser's.
        expect(result.value.record).toEqual(winner);
      }
    }
    const page = await repository().list(owner, { limit: parallel + 1 });
    expect(page.items).toEqual([winner?.task]);
    // Some racers may all have been told "in flight": a create after the race replays too.
    const late = aTask();
    await expect(
      repository().create(owner, late, {
        idempotency: recordOf(late, new Date(createdAt.getTime() + 1)),
      }),
    ).resolves.toEqual({ kind: 'idempotency_record_exists', record: winner });
  });
};
