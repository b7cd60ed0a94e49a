/**
 * Capacity per operation as the table grows, alone: `npm run bench:capacity`
 * (BENCH_TABLE_SIZES=100,1000 for a quick look). `npm run bench` includes it.
 */
import { createLocalDynamoDbClient, ensureTable } from '@tasks/adapter-dynamodb';
import { startDynamoDbLocal } from '@tasks/dynamodb-local';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { CAPACITY_TARGETS, capacityUnchanged, measureCapacity } from './capacity.js';
import { markdownTable } from './markdown-table.js';

const sizes = (process.env['BENCH_TABLE_SIZES'] ?? '100,10000,100000').split(',').map(Number);
const dynamodb = await startDynamoDbLocal();
try {
  const client = createLocalDynamoDbClient(dynamodb.endpoint);
  const tableName = 'tasks-capacity-bench';
  await ensureTable(client, tableDefinition(loadTemplate(), { tableName }));
  const results = await measureCapacity(client, tableName, sizes, (line) =>
    process.stderr.write(`${line}\n`),
  );
  console.log(
    markdownTable(
      [
        'operation',
        'target (units)',
        ...sizes.map((size) => `${size.toLocaleString('en-US')} other items`),
      ],
      CAPACITY_TARGETS.map(([operation, target]) => [
        operation,
        `≤ ${target}`,
        ...sizes.map((size) => String(results.get(size)?.[operation] ?? Number.NaN)),
      ]),
    ),
  );
  console.log(
    `\nCapacity per call ${capacityUnchanged(results) ? 'is unchanged' : 'CHANGES'} as the table grows (DynamoDB Local ${dynamodb.source}).`,
  );
} finally {
  await dynamodb.stop();
}
