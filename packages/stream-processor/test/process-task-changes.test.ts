import { InMemoryStatsStore } from '@tasks/adapter-inmemory';
import { makeJsonLogger } from '@tasks/adapter-lambda';
import { emptyOwnerStats, type TaskChange } from '@tasks/domain';
import { commandsArb, deliveriesArb, historyOf, OWNERS, recount } from '@tasks/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchHeadFailedError, processTaskChanges, type TaskStreamRecord } from '../src/index.js';
import { recordOf } from './support/stream-records.js';

const quiet = makeJsonLogger({ sink: () => {} });
const ALL_DAYS: [string, string] = ['2000-01-01', '2100-01-01'];

const at = Date.UTC(2026, 11, 1, 9);
const task = (version: number, status: 'TODO' | 'DONE' = 'TODO') => ({
  taskId: '01a22d5d-75c2-7126-84f2-795f36bb5059',
  status,
  createdAtMs: at,
  updatedAtMs: at + version,
  version,
});
const upsert = (version: number, status?: 'TODO' | 'DONE'): TaskChange => ({
  owner: 'alice',
  kind: 'upsert',
  task: task(version, status),
  atMs: at + version,
});

describe('processTaskChanges', () => {
  it('counts any history once, whatever batches and redeliveries Lambda makes of it', async () => {
    await fc.assert(
      fc.asyncProperty(
        commandsArb.chain((commands) => {
          const history = historyOf(commands);
          const records = new Map(history.changes.map((change) => [change, recordOf(change)]));
          return fc.tuple(
            fc.constant(history),
            deliveriesArb(history.changes).map((changes) =>
              changes.map((change) => records.get(change) ?? recordOf(change)),
            ),
            fc.integer({ min: 1, max: 10 }),
          );
        }),
        async ([history, records, batchSize]) => {
          const stats = new InMemoryStatsStore();
          for (let start = 0; start < records.length; start += batchSize) {
            const Records = records.slice(start, start + batchSize);
            expect(await processTaskChanges({ Records }, { stats, log: quiet })).toEqual({
              batchItemFailures: [],
            });
          }
          for (const owner of OWNERS) {
            const read = await stats.read(owner, ...ALL_DAYS);
            expect(read).toEqual(
              history.tasks.some((t) => t.owner === owner)
                ? recount(history, owner)
                : emptyOwnerStats(),
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reports the first record it cannot count, and counts nothing after it', async () => {
    const stats = new InMemoryStatsStore();
    const poison: TaskStreamRecord = {
      eventName: 'MODIFY',
      dynamodb: { SequenceNumber: '4421584500000000017450439092', NewImage: { g: { S: 'LOST' } } },
    };
    const Records = [recordOf(upsert(1)), poison, recordOf(upsert(2, 'DONE'))];
    const response = await processTaskChanges({ Records }, { stats, log: quiet });
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: '4421584500000000017450439092' }],
    });
    const read = await stats.read('alice', ...ALL_DAYS);
    expect(read.byStatus).toEqual({ TODO: 1, IN_PROGRESS: 0, DONE: 0 });
  });

  it('rejects when the first record fails, so that Lambda bisects the batch', async () => {
    const stats = new InMemoryStatsStore();
    const poison: TaskStreamRecord = {
      eventName: 'MODIFY',
      dynamodb: { SequenceNumber: '4421584500000000017450439091', NewImage: { g: { S: 'LOST' } } },
    };
    const Records = [poison, recordOf(upsert(1))];
    await expect(processTaskChanges({ Records }, { stats, log: quiet })).rejects.toThrow(
      BatchHeadFailedError,
    );
    expect(await stats.owners()).toEqual([]);
  });

  it('counts nothing for idempotency records, created or expired by TTL', async () => {
    const stats = new InMemoryStatsStore();
    const image = {
      pk: { S: 'alice' },
      sk: { S: 'idempotency#k1' },
      f: { S: 'x' },
      ttl: { N: '1' },
    };
    const Records: TaskStreamRecord[] = [
      { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: image } },
      {
        eventName: 'REMOVE',
        dynamodb: { SequenceNumber: '2', OldImage: image, ApproximateCreationDateTime: 1 },
      },
    ];
    expect(await processTaskChanges({ Records }, { stats, log: quiet })).toEqual({
      batchItemFailures: [],
    });
    expect(await stats.owners()).toEqual([]);
  });
});
