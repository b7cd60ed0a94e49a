import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalRuntime } from '../../src/index.js';
import { rebuildLocalStats } from '../../src/stats-rebuild.js';
import { type Api, apiAt, createdId } from '../support/api.js';
import { STORES } from '../support/stores.js';

const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
const command = fc.oneof(
  fc.record({ op: fc.constant('create' as const), status: fc.constantFrom(...STATUSES) }),
  fc.record({ op: fc.constant('replay' as const), key: fc.constantFrom('k1', 'k2') }),
  fc.record({
    op: fc.constant('status' as const),
    pick: fc.nat(),
    status: fc.constantFrom(...STATUSES),
  }),
  fc.record({ op: fc.constant('retitle' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
);

// SPEC §10: "its result equals what the stream kept". On DynamoDB Local's real stream: the
// API's writes, the processor's bundle fed by the poller, then the rebuild's Scan.
describe('npm run stats:rebuild, on DynamoDB Local', () => {
  const [, dynamodb] = STORES;
  let runtime: LocalRuntime | undefined;
  let dataDir: string | undefined;
  const tableName = `tasks-rebuild-${Date.now()}`;
  const api: Api = apiAt(() => runtime?.url ?? '');
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tasks-rebuild-'));
    runtime = await dynamodb?.start({ dataDir, tableName });
  });
  afterAll(async () => {
    await runtime?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('yields what the stream kept, after random creates, updates and deletes', async () => {
    const live: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
        for (const next of commands) {
          const target = live[('pick' in next ? next.pick : 0) % Math.max(1, live.length)];
          if (next.op === 'create') {
            live.push(
              createdId(await api.post('/tasks', { json: { title: 'Task', status: next.status } })),
            );
          } else if (next.op === 'replay') {
            const reply = await api.post('/tasks', {
              json: { title: `Keyed ${next.key}` },
              headers: { 'idempotency-key': next.key },
            });
            const taskId = createdId(reply);
            if (reply.header('idempotent-replayed') !== 'true') live.push(taskId);
          } else if (target !== undefined && next.op === 'delete') {
            await api.delete(`/tasks/${target}`);
            live.splice(live.indexOf(target), 1);
          } else if (target !== undefined) {
            const patch = next.op === 'status' ? { status: next.status } : { title: 'Renamed' };
            await api.patch(`/tasks/${target}`, { json: patch });
          }
        }
        await runtime?.streams.caughtUp();
        const kept = (await api.get('/tasks/stats?days=90')).json;

        await rebuildLocalStats({ dynamoDbEndpoint: inject('dynamodbEndpoint'), tableName });

        expect((await api.get('/tasks/stats?days=90')).json).toEqual(kept);
      }),
      // Each run is tens of HTTP calls: report a failure at once rather than shrink it for minutes.
      { numRuns: 4, endOnFailure: true },
    );
  });
});
