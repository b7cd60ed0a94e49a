import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDbTaskRepository, documentClientFor, toTaskItem } from '@tasks/adapter-dynamodb';
import { makeTaskUseCases, uuidV7Generator } from '@tasks/domain';
import { recordCapacity } from './capacity-recorder.js';

/** SPEC §9 targets, in capacity units per call. */
export const CAPACITY_TARGETS = [
  ['create', 2],
  ['idempotent create', 6],
  ['get', 1],
  ['list page of 20 (table, strongly consistent)', 1],
  ['list page of 20 (status index)', 0.5],
  ['update', 3],
  ['delete', 2],
] as const;
export type CapacityOperation = (typeof CAPACITY_TARGETS)[number][0];
export type CapacityResults = ReadonlyMap<number, Readonly<Record<CapacityOperation, number>>>;

const REPEATS = 5;

/**
 * Writes other owners' tasks (1,000 owners) until the table holds `count` of them: batches
 * of 25, 8 in flight. Only the measured calls go through the repository.
 */
const fillTo = async (
  documents: DynamoDBDocumentClient,
  tableName: string,
  from: number,
  count: number,
) => {
  const at = new Date().toISOString();
  let next = from;
  const worker = async () => {
    while (next < count) {
      const batch = Array.from({ length: Math.min(25, count - next) }, () => next++).map(
        (index) => ({
          PutRequest: {
            Item: toTaskItem(`other-${index % 1000}`, {
              taskId: uuidV7Generator(),
              title: `Someone else's task ${index}`,
              status: 'TODO',
              createdAt: at,
              updatedAt: at,
              version: 1,
            }),
          },
        }),
      );
      let unprocessed: BatchWriteCommandInput['RequestItems'] = { [tableName]: batch };
      while (unprocessed !== undefined && Object.keys(unprocessed).length > 0) {
        const { UnprocessedItems }: BatchWriteCommandOutput = await documents.send(
          new BatchWriteCommand({ RequestItems: unprocessed }),
        );
        unprocessed = UnprocessedItems;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
};

/** The mean capacity of each API call of one owner, run through the use cases. */
const measureOperations = async (
  measure: (run: () => Promise<unknown>) => Promise<number>,
  client: DynamoDBClient,
  tableName: string,
  size: number,
): Promise<Record<CapacityOperation, number>> => {
  const tasks = makeTaskUseCases({
    tasks: new DynamoDbTaskRepository({ client, tableName }),
  });
  const owner = `measured-${size}`;
  for (let index = 0; index < 25; index++)
    await tasks.createTask({ owner, body: { title: `Task ${index}` } });
  const mean = async (run: (repeat: number) => Promise<unknown>) => {
    let sum = 0;
    for (let repeat = 0; repeat < REPEATS; repeat++) sum += await measure(() => run(repeat));
    return sum / REPEATS;
  };
  const created: string[] = [];
  const taskId = (repeat: number) => created[repeat] ?? '';
  return {
    create: await mean(async () => {
      const { task } = await tasks.createTask({ owner, body: { title: 'Finish cloud project' } });
      created.push(task.taskId);
    }),
    'idempotent create': await mean((repeat) =>
      tasks.createTask({ owner, body: { title: 'Once' }, idempotencyKey: `key-${size}-${repeat}` }),
    ),
    get: await mean((repeat) => tasks.getTask({ owner, taskId: taskId(repeat) })),
    'list page of 20 (table, strongly consistent)': await mean(() =>
      tasks.listTasks({ owner, query: { limit: 20 } }),
    ),
    'list page of 20 (status index)': await mean(() =>
      tasks.listTasks({ owner, query: { limit: 20, status: 'TODO' } }),
    ),
    update: await mean((repeat) =>
      tasks.updateTask({ owner, taskId: taskId(repeat), patch: { status: 'DONE' } }),
    ),
    delete: await mean((repeat) => tasks.deleteTask({ owner, taskId: taskId(repeat) })),
  };
};

/**
 * Capacity per operation as the table grows (SPEC §9): fills `tableName` with other
 * owners' items up to each size, then measures one owner's calls at that size.
 */
export const measureCapacity = async (
  client: DynamoDBClient,
  tableName: string,
  sizes: readonly number[],
  progress: (line: string) => void = () => {},
): Promise<CapacityResults> => {
  const { measure } = recordCapacity(client);
  const documents = documentClientFor(client);
  const results = new Map<number, Record<CapacityOperation, number>>();
  let filled = 0;
  for (const size of sizes) {
    const started = performance.now();
    await fillTo(documents, tableName, filled, size);
    filled = size;
    progress(
      `filled to ${size.toLocaleString('en-US')} other owners' items in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    results.set(size, await measureOperations(measure, client, tableName, size));
  }
  return results;
};

/** True when every operation costs the same at every size. */
export const capacityUnchanged = (results: CapacityResults): boolean =>
  CAPACITY_TARGETS.every(
    ([operation]) => new Set([...results.values()].map((row) => row[operation])).size === 1,
  );
