/**
 * Capacity per operation as the table grows (SPEC §9): the read and write units DynamoDB
 * Local reports for each API call, with 100, 10,000 and 100,000 items of other owners in
 * the table. Run: `npm run bench:capacity` (BENCH_TABLE_SIZES=100,1000 for a quick look).
 */
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  createDynamoDbClient,
  DynamoDbTaskRepository,
  documentClientFor,
  ensureTable,
  toTaskItem,
} from '@tasks/adapter-dynamodb';
import { makeTaskUseCases, type TaskRepository, uuidV7Generator } from '@tasks/domain';
import { startDynamoDbLocal } from '@tasks/dynamodb-local';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { recordCapacity } from './capacity-recorder.js';
import { markdownTable } from './markdown-table.js';

const SIZES = (process.env['BENCH_TABLE_SIZES'] ?? '100,10000,100000').split(',').map(Number);
const REPEATS = 5;

/** SPEC §9 targets, in capacity units per call. */
export const CAPACITY_TARGETS = {
  create: 2,
  'idempotent create': 6,
  get: 1,
  'list page of 20 (table, strongly consistent)': 1,
  'list page of 20 (status index)': 0.5,
  update: 3,
  delete: 2,
} as const;
type Operation = keyof typeof CAPACITY_TARGETS;

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
  const newId = uuidV7Generator;
  const at = new Date().toISOString();
  let next = from;
  const worker = async () => {
    while (next < count) {
      const batch = Array.from({ length: Math.min(25, count - next) }, () => next++).map(
        (index) => ({
          PutRequest: {
            Item: toTaskItem(`other-${index % 1000}`, {
              taskId: newId(),
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

const measureOperations = async (
  measure: (run: () => Promise<unknown>) => Promise<number>,
  repository: TaskRepository,
  size: number,
): Promise<Record<Operation, number>> => {
  const tasks = makeTaskUseCases({ tasks: repository });
  const owner = `measured-${size}`;
  for (let index = 0; index < 25; index++)
    await tasks.createTask({ owner, body: { title: `Task ${index}` } });
  const mean = async (run: (repeat: number) => Promise<unknown>) => {
    let sum = 0;
    for (let repeat = 0; repeat < REPEATS; repeat++) sum += await measure(() => run(repeat));
    return sum / REPEATS;
  };
  const created: string[] = [];
  return {
    create: await mean(async () => {
      const { task } = await tasks.createTask({ owner, body: { title: 'Finish cloud project' } });
      created.push(task.taskId);
    }),
    'idempotent create': await mean((repeat) =>
      tasks.createTask({ owner, body: { title: 'Once' }, idempotencyKey: `key-${size}-${repeat}` }),
    ),
    get: await mean((repeat) => tasks.getTask({ owner, taskId: created[repeat] ?? '' })),
    'list page of 20 (table, strongly consistent)': await mean(() =>
      tasks.listTasks({ owner, query: { limit: 20 } }),
    ),
    'list page of 20 (status index)': await mean(() =>
      tasks.listTasks({ owner, query: { limit: 20, status: 'TODO' } }),
    ),
    update: await mean((repeat) =>
      tasks.updateTask({ owner, taskId: created[repeat] ?? '', patch: { status: 'DONE' } }),
    ),
    delete: await mean((repeat) => tasks.deleteTask({ owner, taskId: created[repeat] ?? '' })),
  };
};

const main = async () => {
  const dynamodb = await startDynamoDbLocal();
  try {
    const client = createDynamoDbClient({
      endpoint: dynamodb.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const tableName = 'tasks-capacity-bench';
    await ensureTable(client, tableDefinition(loadTemplate(), { tableName }));
    const { measure } = recordCapacity(client);
    const documents = documentClientFor(client);
    const repository = new DynamoDbTaskRepository({ client: documents, tableName });

    const results: Record<number, Record<Operation, number>> = {};
    let filled = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await fillTo(documents, tableName, filled, size);
      filled = size;
      process.stderr.write(
        `filled to ${size} other owners' items in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      results[size] = await measureOperations(measure, repository, size);
    }

    const operations = Object.keys(CAPACITY_TARGETS) as Operation[];
    const unchanged = operations.every(
      (operation) => new Set(SIZES.map((size) => results[size]?.[operation])).size === 1,
    );
    console.log(
      markdownTable(
        [
          'operation',
          'target (units)',
          ...SIZES.map((size) => `${size.toLocaleString('en-US')} other items`),
        ],
        operations.map((operation) => [
          operation,
          `≤ ${CAPACITY_TARGETS[operation]}`,
          ...SIZES.map((size) => {
            const units = results[size]?.[operation] ?? Number.NaN;
            return `${units}${units <= CAPACITY_TARGETS[operation] ? '' : ' (over)'}`;
          }),
        ]),
      ),
    );
    console.log(
      `\nCapacity per call ${unchanged ? 'is unchanged' : 'CHANGES'} as the table grows (DynamoDB Local ${dynamodb.source}).`,
    );
  } finally {
    await dynamodb.stop();
  }
};

await main();
