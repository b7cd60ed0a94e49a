import { aTask } from '@tasks/domain/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LambdaStreamRecord } from '../../src/stream/lambda-stream-record.js';
import { type MemoryStream, startMemoryStream } from '../../src/stream/memory-stream.js';

const ORIGIN = {
  region: 'us-east-1',
  accountId: '000000000000',
  tableName: 'tasks-local',
  streamLabel: 'local',
};

/** A stream over `deliveries`, with the template's window of 1 s and batches of `batchSize`. */
const streamInto = (
  deliveries: string[][],
  { batchSize = 100, windowMs = 1000 }: { batchSize?: number; windowMs?: number } = {},
): MemoryStream =>
  startMemoryStream({
    origin: ORIGIN,
    deliver: async (records: readonly LambdaStreamRecord[]) => {
      deliveries.push(records.map((record) => record.eventName));
    },
    log: () => undefined,
    batchSize,
    windowMs,
  });

const create = (stream: MemoryStream, times: number): void => {
  for (let index = 0; index < times; index++) stream.onWrite({ owner: 'alice', after: aTask() });
};

// SPEC §10: the local runtime gathers the in-memory store's records as the template's event
// source mapping does (MaximumBatchingWindowInSeconds, BatchSize), not one delivery a write.
describe('the in-memory stream, with a batching window', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers the writes of one window together, once the window ends', async () => {
    const deliveries: string[][] = [];
    const stream = streamInto(deliveries);
    create(stream, 3);
    await vi.advanceTimersByTimeAsync(600);
    create(stream, 2);
    await vi.advanceTimersByTimeAsync(399);
    expect(deliveries).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(deliveries).toEqual([['INSERT', 'INSERT', 'INSERT', 'INSERT', 'INSERT']]);
    await stream.stop();
  });

  it('starts the next window with the next write', async () => {
    const deliveries: string[][] = [];
    const stream = streamInto(deliveries);
    create(stream, 1);
    await vi.advanceTimersByTimeAsync(1000);
    create(stream, 1);
    await vi.advanceTimersByTimeAsync(999);
    expect(deliveries).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1);
    expect(deliveries).toHaveLength(2);
    await stream.stop();
  });

  it('delivers a full batch without waiting for the window', async () => {
    const deliveries: string[][] = [];
    const stream = streamInto(deliveries, { batchSize: 4 });
    create(stream, 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(deliveries).toEqual([['INSERT', 'INSERT', 'INSERT', 'INSERT']]);
    await stream.stop();
  });

  it('with a window of 0, delivers right after the write', async () => {
    const deliveries: string[][] = [];
    const stream = streamInto(deliveries, { windowMs: 0 });
    create(stream, 2);
    expect(deliveries).toEqual([]);

    await vi.advanceTimersByTimeAsync(0);
    expect(deliveries).toEqual([['INSERT', 'INSERT']]);
    await stream.stop();
  });

  it('delivers what is gathered at once when asked to catch up', async () => {
    const deliveries: string[][] = [];
    const stream = streamInto(deliveries);
    create(stream, 2);
    await stream.caughtUp();
    expect(deliveries).toEqual([['INSERT', 'INSERT']]);

    // The window's end delivers nothing twice.
    await vi.advanceTimersByTimeAsync(1000);
    expect(deliveries).toHaveLength(1);
    await stream.stop();
  });

  it('delivers nothing once stopped', async () => {
    const deliveries: string[][] = [];
    const stream = streamInto(deliveries);
    create(stream, 2);
    await stream.stop();
    create(stream, 1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(deliveries).toEqual([]);
  });
});
