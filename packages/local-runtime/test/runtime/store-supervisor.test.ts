// `kill -9` of DynamoDB Local under `npm start` once left every request at 503 for ever
// with nothing logged (issue 11, SPEC §7). These pin down the rules on stand-ins; the
// CLI test `store-dies.test.ts` kills the real JVM.
import type { DynamoDbLocal, DynamoDbLocalExit } from '@tasks/dynamodb-local';
import { describe, expect, it, vi } from 'vitest';
import { StoreLostError } from '../../src/errors.js';
import { superviseDynamoDbLocal } from '../../src/store-supervisor.js';

/** A DynamoDB Local stand-in whose process "dies" when `die` is called. */
const aProcess = (pid: number) => {
  const exit = Promise.withResolvers<DynamoDbLocalExit>();
  const stop = vi.fn(async () => exit.resolve({ code: 143, signal: null }));
  const dynamoDb: DynamoDbLocal = {
    endpoint: 'http://127.0.0.1:8123',
    source: 'jar',
    pid,
    exited: exit.promise,
    stop,
  };
  return { dynamoDb, stop, die: () => exit.resolve({ code: null, signal: 'SIGKILL' }) };
};

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((done) => setTimeout(done, 5));
  expect(check()).toBe(true);
};

describe('superviseDynamoDbLocal', () => {
  it('says at once that DynamoDB Local died, starts and prepares it again, and says it is back', async () => {
    const first = aProcess(101);
    const second = aProcess(102);
    const restart = vi.fn(async () => second.dynamoDb);
    const prepare = vi.fn(async () => undefined);
    const warn = vi.fn<(line: string) => void>();
    const supervised = superviseDynamoDbLocal(first.dynamoDb, { restart, prepare, warn });

    first.die();
    await until(() => warn.mock.calls.length === 2);

    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      'DynamoDB Local (pid 101) was killed (SIGKILL): requests get 503 until it is back; restarting it on http://127.0.0.1:8123 with the same data',
      expect.stringMatching(
        /^DynamoDB Local is back on http:\/\/127\.0\.0\.1:8123 \(pid 102\) after \d+ ms; tasks kept$/,
      ),
    ]);
    expect(restart).toHaveBeenCalledOnce();
    expect(prepare).toHaveBeenCalledWith(second.dynamoDb);

    await supervised.stop();
    expect(second.stop).toHaveBeenCalledOnce();
  });

  it('does not restart what stop() ended', async () => {
    const first = aProcess(101);
    const restart = vi.fn(async () => aProcess(102).dynamoDb);
    const warn = vi.fn<(line: string) => void>();
    const supervised = superviseDynamoDbLocal(first.dynamoDb, {
      restart,
      prepare: async () => undefined,
      warn,
    });

    await supervised.stop();
    await new Promise((done) => setTimeout(done, 20));

    expect(first.stop).toHaveBeenCalledOnce();
    expect(restart).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('gives up after its starts are spent, saying why, and resolves lost', async () => {
    const first = aProcess(101);
    const restart = vi.fn(async (): Promise<DynamoDbLocal> => {
      throw new Error('Port 8123 is already in use by an HTTP server');
    });
    const warn = vi.fn<(line: string) => void>();
    const supervised = superviseDynamoDbLocal(first.dynamoDb, {
      restart,
      prepare: async () => undefined,
      warn,
      maxStarts: 3,
      retryDelayMs: 1,
    });

    first.die();
    const lost = await supervised.lost;

    // The first start counts: two more were allowed.
    expect(restart).toHaveBeenCalledTimes(2);
    expect(lost).toBeInstanceOf(StoreLostError);
    expect(lost.code).toBe('store_lost');
    expect(lost.message).toBe(
      'DynamoDB Local at http://127.0.0.1:8123 is gone for good: 3 starts within 300 s did not keep it running (last: Port 8123 is already in use by an HTTP server); stopping',
    );
    expect(warn.mock.calls.map(([line]) => line).slice(1)).toEqual([
      'DynamoDB Local did not start again: Port 8123 is already in use by an HTTP server',
      'DynamoDB Local did not start again: Port 8123 is already in use by an HTTP server',
      lost.message,
    ]);
  });

  it('gives up on a process that keeps dying, even though each restart succeeds', async () => {
    const processes = [aProcess(101), aProcess(102), aProcess(103), aProcess(104)];
    let started = 1;
    const restart = vi.fn(async () => {
      const next = processes[started];
      started += 1;
      if (next === undefined) throw new Error('no more stand-ins');
      return next.dynamoDb;
    });
    const supervised = superviseDynamoDbLocal(processes[0]?.dynamoDb ?? aProcess(0).dynamoDb, {
      restart,
      prepare: async () => undefined,
      warn: () => undefined,
      maxStarts: 3,
    });

    processes[0]?.die();
    await until(() => restart.mock.calls.length === 1);
    await new Promise((done) => setTimeout(done, 10));
    processes[1]?.die();
    await until(() => restart.mock.calls.length === 2);
    await new Promise((done) => setTimeout(done, 10));
    processes[2]?.die();

    await expect(supervised.lost).resolves.toMatchObject({
      message:
        'DynamoDB Local at http://127.0.0.1:8123 is gone for good: it died 3 times within 300 s; stopping',
    });
    expect(restart).toHaveBeenCalledTimes(2);
  });

  it('stops a DynamoDB Local that a restart under way brings up after stop()', async () => {
    const first = aProcess(101);
    const second = aProcess(102);
    const started = Promise.withResolvers<DynamoDbLocal>();
    const supervised = superviseDynamoDbLocal(first.dynamoDb, {
      restart: () => started.promise,
      prepare: async () => undefined,
      warn: () => undefined,
    });

    first.die();
    await new Promise((done) => setTimeout(done, 10));
    const stopping = supervised.stop();
    started.resolve(second.dynamoDb);
    await stopping;

    expect(second.stop).toHaveBeenCalled();
  });
});
