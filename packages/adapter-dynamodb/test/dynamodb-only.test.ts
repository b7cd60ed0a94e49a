import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  DESCRIPTION_MAX_LENGTH,
  IDEMPOTENCY_KEY_LIFETIME_MS,
  type IdempotencyRecord,
  type Task,
  TaskAlreadyExistsError,
  TITLE_MAX_LENGTH,
} from '@tasks/domain';
import { anOwner, aTask } from '@tasks/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { freshTable } from './support/dynamodb.js';

type Table = Awaited<ReturnType<typeof freshTable>>;
let table: Table | undefined;
const open = async () => {
  table = await freshTable();
  return table;
};
afterEach(async () => {
  await table?.drop();
  table = undefined;
});

const recordFor = (task: Task, key: string, createdAt: Date): IdempotencyRecord => ({
  key,
  fingerprint: 'f',
  task,
  createdAt: createdAt.toISOString(),
  expiresAt: new Date(createdAt.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS).toISOString(),
});

describe('DynamoDB specifics', () => {
  it('stores a task under its owner, and an idempotency record with a TTL in epoch seconds', async () => {
    const { repository, documents, tableName } = await open();
    const owner = anOwner();
    const task = aTask({ description: 'd' });
    const createdAt = new Date('2026-03-01T10:00:00.123Z');
    await repository.create(owner, task, { idempotency: recordFor(task, 'k', createdAt) });
    const { Item: taskItem } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk: owner, sk: task.taskId } }),
    );
    expect(taskItem).toMatchObject({ pk: owner, sk: task.taskId, g: `TODO#${task.taskId}`, v: 1 });
    const { Item: record } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk: owner, sk: 'idempotency#k' } }),
    );
    const expiry = createdAt.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS;
    expect(record).toMatchObject({ e: expiry, ttl: Math.ceil(expiry / 1000) });
  });

  it('treats a record past its expiry that TTL has not deleted yet as absent', async () => {
    const { repository, documents, tableName } = await open();
    const owner = anOwner();
    const first = aTask();
    const t0 = new Date('2026-03-01T10:00:00.000Z');
    await repository.create(owner, first, { idempotency: recordFor(first, 'k', t0) });
    // DynamoDB Local never runs TTL deletion, as real DynamoDB may not for up to days.
    const later = new Date(t0.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS + 1);
    const key = { pk: owner, sk: 'idempotency#k' };
    await expect(
      documents.send(new GetCommand({ TableName: tableName, Key: key })),
    ).resolves.toHaveProperty('Item');
    const second = aTask();
    await expect(
      repository.create(owner, second, { idempotency: recordFor(second, 'k', later) }),
    ).resolves.toEqual({
      kind: 'created',
    });
  });

  it('reads the cancellation reasons of the transaction: the task condition means TaskAlreadyExistsError', async () => {
    const { repository } = await open();
    const owner = anOwner();
    const task = aTask();
    await repository.create(owner, task);
    const attempt = repository.create(owner, task, {
      idempotency: recordFor(task, 'fresh', new Date()),
    });
    await expect(attempt).rejects.toBeInstanceOf(TaskAlreadyExistsError);
    await expect(attempt).rejects.toHaveProperty('cause.name', 'TransactionCanceledException');
  });

  it('stores the largest valid task, idempotently too: validation keeps items far below 400 KB', async () => {
    const { repository } = await open();
    const owner = anOwner();
    // 4-byte characters at every maximum length: the most bytes a valid task can carry.
    const task = aTask({
      title: '𝕏'.repeat(TITLE_MAX_LENGTH),
      description: '𝕏'.repeat(DESCRIPTION_MAX_LENGTH),
    });
    await repository.create(owner, aTask());
    await repository.create(owner, task, {
      idempotency: recordFor(task, 'x'.repeat(255), new Date()),
    });
    await expect(repository.get(owner, task.taskId)).resolves.toStrictEqual(task);
  });
});
