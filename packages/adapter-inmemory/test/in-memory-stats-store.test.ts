import type { TaskChange, TaskTally } from '@tasks/domain';
import { describeStatsStoreContract } from '@tasks/domain/testing';
import { describe, expect, it } from 'vitest';
import { InMemoryStatsStore } from '../src/index.js';

describeStatsStoreContract('in memory', async () => ({ store: new InMemoryStatsStore() }), {
  propertyRuns: 200,
});

describe('the in-memory store’s replace, for the rebuild', () => {
  const at = Date.UTC(2026, 11, 1, 9);
  const upsert = (version: number, status: 'TODO' | 'DONE'): TaskChange => ({
    owner: 'alice',
    kind: 'upsert',
    task: { taskId: 't', status, createdAtMs: at, updatedAtMs: at + version, version },
    atMs: at + version,
  });
  const tallyOf = (version: number, status: 'TODO' | 'DONE'): TaskTally => ({
    order: 2 * version,
    status,
    createdAtMs: at,
    ...(status === 'DONE' ? { firstDoneAtMs: at + version } : {}),
    atMs: at + version,
  });

  it('writes a repair over the tally it was computed from, and says so', async () => {
    const store = new InMemoryStatsStore();
    await store.count(upsert(1, 'TODO'));
    const read = await store.tallies('alice');

    const repaired = await store.replace('alice', new Map([['t', tallyOf(3, 'DONE')]]), read);

    expect(repaired).toBe(true);
    expect((await store.tallies('alice')).get('t')).toEqual(tallyOf(3, 'DONE'));
  });

  // As DynamoDB's replace: a tally that needs no repair is not written, and one counted
  // since the read to the very value of the repair still kept the repair from its write.
  it('reports only repairs it could not write, whatever was counted since', async () => {
    const store = new InMemoryStatsStore();
    await store.count(upsert(1, 'TODO'));
    const read = await store.tallies('alice');
    await store.count(upsert(3, 'DONE'));

    expect(await store.replace('alice', read, read)).toBe(true);
    expect(await store.replace('alice', new Map([['t', tallyOf(3, 'DONE')]]), read)).toBe(false);
  });

  it('keeps a tally counted since the read, and says the repair was not written', async () => {
    const store = new InMemoryStatsStore();
    await store.count(upsert(1, 'TODO'));
    const read = await store.tallies('alice');
    await store.count(upsert(2, 'TODO'));

    const repaired = await store.replace('alice', new Map([['t', tallyOf(3, 'DONE')]]), read);

    expect(repaired).toBe(false);
    expect((await store.tallies('alice')).get('t')).toMatchObject({ order: 4 });
  });
});
