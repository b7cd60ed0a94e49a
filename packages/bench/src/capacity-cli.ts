/**
 * Capacity per operation as the table grows, alone: `npm run bench:capacity`
 * (BENCH_TABLE_SIZES=100,1000 for a quick look). `npm run bench` includes it.
 */
import { createLocalDynamoDbClient, ensureTable } from '@tasks/adapter-dynamodb';
import { startDynamoDbLocal } from '@tasks/dynamodb-local';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { CAPACITY_TARGETS, capacityUnchanged, measureCapacity } from './capacity.js';
import { markdownTable } from './markdown-table.js';
import { measureStatsCapacity, STATS_CAPACITY_TARGETS } from './stats-capacity.js';

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
  const statsTableName = 'stats-capacity-bench';
  await ensureTable(
    client,
    tableDefinition(loadTemplate(), { logicalId: 'StatsTable', tableName: statsTableName }),
  );
  const stats = await measureStatsCapacity(client, statsTableName);
  console.log(
    `\n${markdownTable(
      [
        'statistics',
        'target',
        'write units (DynamoDB Local)',
        'write units (AWS: 2 per transaction item ≤ 1 KB)',
        'read units',
      ],
      STATS_CAPACITY_TARGETS.map(([operation, kind, target]) => [
        operation,
        `≤ ${target} ${kind} unit${target === 1 ? '' : 's'}`,
        String(stats[operation].write),
        String(stats[operation].awsTransactionRule),
        String(stats[operation].read),
      ]),
    )}`,
  );
} finally {
  await dynamodb.stop();
}
