import { expect, it } from 'vitest';
import { IdempotencyKeyInFlightError, VersionConflictError } from '../../errors.js';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from '../../idempotency.js';
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

  it(`${parallel} concurrent unconditional updates lose none: the version counts every one`, async () => {
    const owner = anOwner();
    const task = aTask();
    await repository().create(owner, task);
    await Promise.all(
      Array.from({ length: parallel }, (_, index) =>
        repository().update(owner, task.taskId, { title: `Writer ${index}` }, { updatedAt: LATER }),
      ),
    );
    await expect(repository().get(owner, task.taskId)).resolves.toMatchObject({
      version: 1 + parallel,
    });
  });

  it(`${parallel} concurrent creates under one idempotency key store exactly one task`, async () => {
    const owner = anOwner();
    const createdAt = new Date('2026-03-01T10:00:00.000Z');
    const expiresAt = new Date(createdAt.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS).toISOString();
    const results = await Promise.allSettled(
      Array.from({ length: parallel }, () => {
        const task = aTask();
        return repository().create(owner, task, {
          idempotency: {
            key: 'same',
            fingerprint: 'f',
            task,
            createdAt: createdAt.toISOString(),
            expiresAt,
          },
        });
      }),
    );
    const created = results.filter(
      (result) => result.status === 'fulfilled' && result.value.kind === 'created',
    );
    expect(created).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected')
        expect(result.reason).toBeInstanceOf(IdempotencyKeyInFlightError);
    }
    const page = await repository().list(owner, { limit: parallel + 1 });
    expect(page.items).toHaveLength(1);
  });
};
