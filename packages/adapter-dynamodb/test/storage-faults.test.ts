import { createServer, type Socket } from 'node:net';
import {
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  IdempotencyKeyInFlightError,
  StorageUnavailableError,
  TaskAlreadyExistsError,
  TaskNotFoundError,
} from '@tasks/domain';
import { anOwner, aTask } from '@tasks/domain/testing';
import { describe, expect, it } from 'vitest';
import { createDynamoDbClient, DynamoDbTaskRepository, retryAfterSeconds } from '../src/index.js';
import { mayHaveBeenApplied } from '../src/lost-answers.js';
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
      client: unreachable,
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
      client,
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
  /**
   * The first answer DynamoDB gives to `commandName` is lost. The clients allow three attempts,
   * so that a genuine transient failure before it (a loaded machine) still leaves a retry.
   */
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
    const client = localClient({ maxAttempts: 3 });
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

  const at = (ms: number) => new Date(Date.parse('2026-06-01T00:00:00.000Z') + ms).toISOString();

  it('an update with an expected version retried by the SDK is applied once and answered, not a conflict', async () => {
    const client = localClient({ maxAttempts: 3 });
    loseFirstAnswer(client, 'UpdateItemCommand');
    const { repository, drop } = await freshTable(client);
    const owner = anOwner();
    const task = aTask();
    await repository.create(owner, task);
    const updated = await repository.update(
      owner,
      task.taskId,
      { title: 'Renamed' },
      { updatedAt: at(1), expectedVersion: 1 },
    );
    expect(updated).toStrictEqual({ ...task, title: 'Renamed', updatedAt: at(1), version: 2 });
    await expect(repository.get(owner, task.taskId)).resolves.toStrictEqual(updated);
    await drop();
  });

  it('an update without an expected version retried by the SDK is applied once: version + 1, not + 2', async () => {
    const client = localClient({ maxAttempts: 3 });
    loseFirstAnswer(client, 'UpdateItemCommand');
    const { repository, drop } = await freshTable(client);
    const owner = anOwner();
    const task = aTask();
    await repository.create(owner, task);
    const updated = await repository.update(
      owner,
      task.taskId,
      { status: 'DONE' },
      { updatedAt: at(1) },
    );
    expect(updated.version).toBe(2);
    await expect(repository.get(owner, task.taskId)).resolves.toStrictEqual(updated);
    // The next call has a token of its own: it is applied.
    const next = await repository.update(
      owner,
      task.taskId,
      { title: 'Again' },
      { updatedAt: at(2) },
    );
    expect(next.version).toBe(3);
    await drop();
  });

  it('an update whose earlier attempt was applied still loses to another version', async () => {
    const client = localClient({ maxAttempts: 3 });
    const { repository, drop } = await freshTable(client);
    const owner = anOwner();
    const task = aTask();
    await repository.create(owner, task);
    await repository.update(owner, task.taskId, { title: 'First' }, { updatedAt: at(1) });
    loseFirstAnswer(client, 'UpdateItemCommand');
    await expect(
      repository.update(
        owner,
        task.taskId,
        { title: 'Stale' },
        { updatedAt: at(2), expectedVersion: 1 },
      ),
    ).rejects.toMatchObject({ code: 'version_conflict', actualVersion: 2 });
    await drop();
  });

  it.each([
    ['without', undefined],
    ['with', 1],
  ])(
    'a delete %s an expected version retried by the SDK reports the delete its first attempt made',
    async (_, expectedVersion) => {
      const client = localClient({ maxAttempts: 3 });
      loseFirstAnswer(client, 'DeleteItemCommand');
      const { repository, drop } = await freshTable(client);
      const owner = anOwner();
      const task = aTask();
      await repository.create(owner, task);
      await expect(
        repository.delete(
          owner,
          task.taskId,
          expectedVersion === undefined ? {} : { expectedVersion },
        ),
      ).resolves.toBeUndefined();
      await expect(repository.get(owner, task.taskId)).resolves.toBeUndefined();
      await drop();
    },
  );

  it('a delete retried after DynamoDB refused its first attempt still finds no task: not found', async () => {
    const client = localClient({ maxAttempts: 3 });
    let refused = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'DeleteItemCommand' || refused) return next(args);
        refused = true;
        throw throttled();
      },
      { step: 'deserialize', name: 'refuseFirstAttempt' },
    );
    const { repository, drop } = await freshTable(client);
    await expect(repository.delete(anOwner(), aTask().taskId)).rejects.toBeInstanceOf(
      TaskNotFoundError,
    );
    expect(refused).toBe(true);
    await drop();
  });

  it('an idempotent create retried by the SDK succeeds once: the retry carries the same ClientRequestToken', async () => {
    const client = localClient({ maxAttempts: 3 });
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

describe('a call ended by its signal', () => {
  /** A TCP server that accepts connections and never answers: a stalled store. */
  const stalledStore = async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      // Reads (and drops) what it is sent, so that it sees the client close the connection.
      socket.resume();
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    return {
      endpoint: `http://127.0.0.1:${address.port}`,
      openConnections: () => sockets.size,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  };

  it('rejects with StorageUnavailableError when the signal fires, and leaves no request open', async () => {
    const store = await stalledStore();
    const controller = new AbortController();
    const client = createDynamoDbClient({
      endpoint: store.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // Far beyond the signal: only the signal can end these calls.
      connectionTimeoutMs: 600_000,
      requestTimeoutMs: 600_000,
    });
    const repository = new DynamoDbTaskRepository({
      client,
      tableName: 't',
      signal: () => controller.signal,
    });
    const owner = anOwner();
    const task = aTask();
    const calls = [
      repository.create(owner, task),
      repository.get(owner, task.taskId),
      repository.list(owner, { limit: 5 }),
      repository.update(owner, task.taskId, { title: 'x' }, { updatedAt: task.updatedAt }),
      repository.delete(owner, task.taskId),
    ];
    // Abort once every call has reached the store, so that each is cut mid-request.
    while (store.openConnections() < calls.length) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    for (const call of calls) {
      await expect(call).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(call).rejects.toMatchObject({ retryAfterSeconds: 5 });
    }
    while (store.openConnections() > 0) await new Promise((r) => setTimeout(r, 10));
    client.destroy();
    await store.close();
  });

  it('writes nothing once its signal has fired', async () => {
    const { client, tableName, repository: unbounded, drop } = await freshTable();
    const repository = new DynamoDbTaskRepository({
      client,
      tableName,
      signal: () => AbortSignal.abort(),
    });
    const owner = anOwner();
    const task = aTask();
    await expect(repository.create(owner, task)).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(unbounded.get(owner, task.taskId)).resolves.toBeUndefined();
    await drop();
  });
});

describe('mayHaveBeenApplied', () => {
  it.each([
    ['a timeout after sending', Object.assign(new Error('t'), { name: 'TimeoutError' })],
    ['a reset connection', Object.assign(new Error('r'), { code: 'ECONNRESET' })],
    [
      'a 500 from DynamoDB',
      Object.assign(new Error('i'), {
        name: 'InternalServerError',
        $metadata: { httpStatusCode: 500 },
      }),
    ],
  ])('is true for %s', (_, error) => {
    expect(mayHaveBeenApplied(error)).toBe(true);
  });

  it.each([
    ['throttling, which DynamoDB refused', throttled()],
    ['a refused connection', Object.assign(new Error('c'), { code: 'ECONNREFUSED' })],
    ['an unknown host', Object.assign(new Error('n'), { code: 'ENOTFOUND' })],
  ])('is false for %s', (_, error) => {
    expect(mayHaveBeenApplied(error)).toBe(false);
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
