import {
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  IdempotencyKeyInFlightError,
  StorageUnavailableError,
  TaskAlreadyExistsError,
} from '@tasks/domain';
import { anOwner, aTask } from '@tasks/domain/testing';
import { describe, expect, it } from 'vitest';
import {
  createDynamoDbClient,
  DynamoDbTaskRepository,
  documentClientFor,
  retryAfterSeconds,
} from '../src/index.js';
import { freshTable, localClient } from './support/dynamodb.js';

/** Makes every attempt of `commandName` fail with `fault()`, inside the SDK's retry loop. */
const injectFault = (
  client: ReturnType<typeof localClient>,
  commandName: string,
  fault: () => Error,
) => {
  const attempts = { count: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== commandName) return next(args);
      attempts.count++;
      throw fault();
    },
    { step: 'deserialize', name: 'injectFault' },
  );
  return attempts;
};

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'slow down',
    $metadata: { httpStatusCode: 400 },
  });

describe('storage faults', () => {
  it('retries throttling as the SDK is configured to, then rejects with StorageUnavailableError', async () => {
    const client = localClient({ maxAttempts: 3 });
    const attempts = injectFault(client, 'GetItemCommand', throttled);
    const { repository, drop } = await freshTable(client);
    const attempt = repository.get(anOwner(), aTask().taskId);
    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(attempt).rejects.toMatchObject({ retryAfterSeconds: 1 });
    expect(attempts.count).toBe(3);
    await drop();
  });

  it('answers StorageUnavailableError, not a hang, when DynamoDB cannot be reached', async () => {
    const unreachable = createDynamoDbClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 2,
    });
    const repository = new DynamoDbTaskRepository({
      client: documentClientFor(unreachable),
      tableName: 't',
    });
    const owner = anOwner();
    await expect(repository.create(owner, aTask())).rejects.toMatchObject({
      code: 'storage_unavailable',
      retryAfterSeconds: 5,
    });
    await expect(repository.list(owner, { limit: 5 })).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
  });

  it('rethrows what is not an outage unchanged: a missing table is a defect', async () => {
    const client = localClient();
    const repository = new DynamoDbTaskRepository({
      client: documentClientFor(client),
      tableName: 'no-such-table',
    });
    await expect(repository.get(anOwner(), aTask().taskId)).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('turns a transaction conflict on an idempotent create into IdempotencyKeyInFlightError', async () => {
    const client = localClient({ maxAttempts: 1 });
    injectFault(
      client,
      'TransactWriteItemsCommand',
      () =>
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
        }),
    );
    const { repository, drop } = await freshTable(client);
    const task = aTask();
    const at = new Date();
    const attempt = repository.create(anOwner(), task, {
      idempotency: {
        key: 'k',
        fingerprint: 'f',
        task,
        createdAt: at.toISOString(),
        expiresAt: at.toISOString(),
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(IdempotencyKeyInFlightError);
    await drop();
  });
});

describe('an answer lost after the write landed', () => {
  /** The first attempt of `commandName` reaches DynamoDB, then its answer is lost. */
  const loseFirstAnswer = (client: ReturnType<typeof localClient>, commandName: string) => {
    let lost = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName !== commandName || lost) return result;
        lost = true;
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });
      },
      { step: 'deserialize', name: 'loseFirstAnswer' },
    );
  };

  it('a create retried by the SDK recognises its own earlier write and succeeds', async () => {
    const client = localClient({ maxAttempts: 2 });
    loseFirstAnswer(client, 'PutItemCommand');
    const { repository, drop } = await freshTable(client);
    const owner = anOwner();
    const task = aTask();
    await expect(repository.create(owner, task)).resolves.toEqual({ kind: 'created' });
    await expect(repository.get(owner, task.taskId)).resolves.toStrictEqual(task);
    // Another task under the same id is still refused.
    await expect(repository.create(owner, { ...task, title: 'Other' })).rejects.toBeInstanceOf(
      TaskAlreadyExistsError,
    );
    await drop();
  });

  it('an idempotent create retried by the SDK succeeds once: the retry carries the same ClientRequestToken', async () => {
    const client = localClient({ maxAttempts: 2 });
    loseFirstAnswer(client, 'TransactWriteItemsCommand');
    const { repository, drop } = await freshTable(client);
    const owner = anOwner();
    const task = aTask();
    const at = new Date();
    const expiresAt = new Date(at.getTime() + 60_000).toISOString();
    const record = { key: 'k', fingerprint: 'f', task, createdAt: at.toISOString(), expiresAt };
    await expect(repository.create(owner, task, { idempotency: record })).resolves.toEqual({
      kind: 'created',
    });
    const other = aTask();
    await expect(
      repository.create(owner, other, { idempotency: { ...record, task: other } }),
    ).resolves.toEqual({ kind: 'idempotency_record_exists', record });
    await drop();
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    ['ProvisionedThroughputExceededException', 1],
    ['ThrottlingException', 1],
    ['RequestLimitExceeded', 1],
    ['TransactionConflictException', 1],
    ['InternalServerError', 5],
    ['ServiceUnavailable', 5],
    ['TimeoutError', 5],
  ])('is a hint for %s', (name, seconds) => {
    expect(retryAfterSeconds(Object.assign(new Error('x'), { name }))).toBe(seconds);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])(
    'is a hint for a connection failure %s, even wrapped',
    (code) => {
      expect(
        retryAfterSeconds(
          new Error('outer', { cause: Object.assign(new Error('inner'), { code }) }),
        ),
      ).toBe(5);
    },
  );

  it.each([
    'ValidationException',
    'ResourceNotFoundException',
    'AccessDeniedException',
    'TypeError',
  ])('is undefined for %s, which is a defect and must surface as one', (name) => {
    expect(retryAfterSeconds(Object.assign(new Error('x'), { name }))).toBeUndefined();
  });
});
