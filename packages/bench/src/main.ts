/**
 * `npm run bench`: every figure of SPEC §9, measured side by side in one run on this
 * machine, printed as one Markdown table. Loopback only; a few minutes.
 * BENCH_TABLE_SIZES (default 100,100000) sets the table sizes of the capacity rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalDynamoDbClient, ensureTable } from '@tasks/adapter-dynamodb';
import { startDynamoDbLocal } from '@tasks/dynamodb-local';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { listEvent } from './api-gateway-event.js';
import { baselineBundle, deployedBundles, FUNCTIONS_DIR } from './bundles.js';
import {
  CAPACITY_TARGETS,
  type CapacityOperation,
  capacityUnchanged,
  measureCapacity,
} from './capacity.js';
import { clientSizeRow } from './client-size.js';
import { measureFirstAnswer } from './first-answer.js';
import { measureHandlerLatency } from './handler-latency.js';
import { measureHandlerThroughput } from './handler-throughput.js';
import { measureImportTimes } from './import-cost.js';
import { type LocalApiRow, measureLocalApi } from './local-api.js';
import { markdownTable } from './markdown-table.js';
import { PEER_ROUTES, peerBundles } from './peer.js';
import { measurePeerThroughput } from './peer-throughput.js';
import { costPerMillionCalls, PRICES } from './prices.js';
import { kilobytes, milliseconds, ratio, roundRatios, roundSpread } from './stats.js';
import { measureStatsCapacity, STATS_CAPACITY_TARGETS } from './stats-capacity.js';
import { webSizeRow } from './web-size.js';

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
/** A ratio beside its target, with the middle half of its rounds' own ratios. */
const withSpread = (measured: number, baseline: number, rounds: readonly number[]): string =>
  `${ratio(measured, baseline)} (${roundSpread(rounds)})`;
const sizes = (process.env['BENCH_TABLE_SIZES'] ?? '100,100000').split(',').map(Number);
const rows: string[][] = [];
const started = performance.now();

// (a) Bundles: size, and the import phase of a cold start.
progress('bundles and import time');
const scratch = await mkdtemp(join(tmpdir(), 'tasks-bench-'));
const bundles = await deployedBundles();
const baseline = await baselineBundle(scratch);
const peers = await peerBundles(scratch);
const peerList = PEER_ROUTES.flatMap((route) => peers.get(route) ?? []);
const imports = measureImportTimes([
  ...bundles.map((bundle) => bundle.file),
  ...peerList.map((bundle) => bundle.file),
  baseline.file,
]);
const baselineImport = imports.files.at(-1) ?? Number.NaN;
const baselineImports = imports.samples.files.at(-1) ?? [];
const importOf = new Map(
  [...bundles, ...peerList].map((bundle, index) => [
    bundle.file,
    { median: imports.files[index] ?? Number.NaN, samples: imports.samples.files[index] ?? [] },
  ]),
);
const noImport = { median: Number.NaN, samples: [] };
for (const bundle of bundles) {
  const { median: time, samples } = importOf.get(bundle.file) ?? noImport;
  rows.push(
    [
      'bundle size',
      bundle.name,
      `${kilobytes(bundle.bytes)} (gzip ${kilobytes(bundle.gzipBytes)})`,
      `minimal handler ${kilobytes(baseline.bytes)}`,
      ratio(bundle.bytes, baseline.bytes),
      '≤ 250 KB',
    ],
    [
      'import time',
      bundle.name,
      milliseconds(time),
      `minimal handler ${milliseconds(baselineImport)}; \`node -e 0\` ${milliseconds(imports.bare)}`,
      `${ratio(time, baselineImport)} (${roundSpread(roundRatios(samples, baselineImports))}; ${ratio(time, imports.bare)} of bare node)`,
      '≤ 1.05× minimal handler',
    ],
  );
}
for (const route of PEER_ROUTES) {
  const ours = bundles.find((bundle) => bundle.name === route);
  const peer = peers.get(route);
  if (ours === undefined || peer === undefined) continue;
  const oursImport = importOf.get(ours.file) ?? noImport;
  const peerImport = importOf.get(peer.file) ?? noImport;
  rows.push(
    [
      'peer: bundle size',
      route,
      kilobytes(ours.bytes),
      `peer ${kilobytes(peer.bytes)}`,
      ratio(ours.bytes, peer.bytes),
      '< 1× (smaller)',
    ],
    [
      'peer: import time',
      route,
      milliseconds(oursImport.median),
      `peer ${milliseconds(peerImport.median)}`,
      withSpread(
        oursImport.median,
        peerImport.median,
        roundRatios(oursImport.samples, peerImport.samples),
      ),
      '< 1× (faster)',
    ],
  );
}
const baselineFile = baseline.file;
rows.push(await clientSizeRow());
rows.push(await webSizeRow());

// (b) Handler throughput in process.
progress('handler throughput');
for (const row of await measureHandlerThroughput(FUNCTIONS_DIR)) {
  rows.push([
    'handler throughput',
    row.operation,
    `${Math.round(row.handler).toLocaleString('en-US')} events/s`,
    `bare handler ${Math.round(row.bare).toLocaleString('en-US')} events/s`,
    withSpread(row.handler, row.bare, row.rounds),
    `≥ ${row.target}×`,
  ]);
}

const apiRows = (rowsOfStore: LocalApiRow[]) => {
  for (const row of rowsOfStore) {
    const { runtime, bare } = row;
    rows.push([
      `local API (${row.store})`,
      row.operation,
      `${Math.round(runtime.requestsPerSecond).toLocaleString('en-US')} req/s, p50 ${runtime.p50} ms, p99 ${runtime.p99} ms${runtime.failures > 0 ? `, ${runtime.failures} failed` : ''}`,
      `bare node:http ${Math.round(bare.requestsPerSecond).toLocaleString('en-US')} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms`,
      withSpread(runtime.requestsPerSecond, bare.requestsPerSecond, row.rounds),
      row.store === 'memory' ? '≥ 0.5×' : 'for reference',
    ]);
  }
};

// (c) The local API under load, on the in-memory store.
progress('local API on the in-memory store');
apiRows(await measureLocalApi({ name: 'memory', env: { TASKS_STORE: 'memory' } }));

// (d) Capacity as the table grows, and the cost of a million calls.
progress('DynamoDB Local');
const dynamodb = await startDynamoDbLocal();
try {
  progress('local API on DynamoDB Local');
  apiRows(
    await measureLocalApi({
      name: 'DynamoDB Local',
      env: { DYNAMODB_ENDPOINT: dynamodb.endpoint },
    }),
  );

  const client = createLocalDynamoDbClient(dynamodb.endpoint);
  const tableName = 'tasks-bench';
  await ensureTable(client, tableDefinition(loadTemplate(), { tableName }));

  progress('process start to first answer, on DynamoDB Local');
  const credentials = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    TABLE_NAME: tableName,
  };
  const listBundle = bundles.find((bundle) => bundle.name === 'list-tasks');
  if (listBundle === undefined) throw new Error('no list-tasks bundle');
  const first = measureFirstAnswer([
    {
      file: listBundle.file,
      env: { ...credentials, DYNAMODB_ENDPOINT: dynamodb.endpoint, AUTH_MODE: 'none' },
      event: listEvent('limit=20'),
    },
    {
      file: baselineFile,
      env: { ...credentials, AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint },
      event: {},
    },
  ]);
  const [firstOurs = Number.NaN, firstBaseline = Number.NaN] = first.medians;
  rows.push([
    'process start to first answer',
    'list-tasks (GET /tasks, one Query)',
    milliseconds(firstOurs),
    `minimal handler (one Query) ${milliseconds(firstBaseline)}`,
    withSpread(
      firstOurs,
      firstBaseline,
      roundRatios(first.samples[0] ?? [], first.samples[1] ?? []),
    ),
    '≤ 1.05×',
  ]);

  progress('ours and the peer, in process on DynamoDB Local');
  const peerFiles = new Map(PEER_ROUTES.map((route) => [route, peers.get(route)?.file ?? '']));
  const peerRates = await measurePeerThroughput(FUNCTIONS_DIR, peerFiles, {
    endpoint: dynamodb.endpoint,
    tableName,
  });
  for (const [figure, measured] of [
    ['peer: events per second (DynamoDB Local)', peerRates.dynamodbLocal],
    ['peer: events per second (DynamoDB answers replayed)', peerRates.replayed],
  ] as const) {
    for (const row of measured) {
      rows.push([
        figure,
        row.route,
        `${Math.round(row.ours).toLocaleString('en-US')} events/s`,
        `peer ${Math.round(row.peer).toLocaleString('en-US')} events/s`,
        withSpread(row.ours, row.peer, row.rounds),
        '> 1× (more)',
      ]);
    }
  }
  const capacity = await measureCapacity(client, tableName, sizes, progress);
  for (const [operation, target] of CAPACITY_TARGETS) {
    const figures = sizes.map(
      (size) => `${capacity.get(size)?.[operation]} (${size.toLocaleString('en-US')} other items)`,
    );
    rows.push(['capacity units per call', operation, figures.join(', '), '', '', `≤ ${target}`]);
  }
  rows.push([
    'capacity units per call',
    'as the table grows',
    capacityUnchanged(capacity) ? 'unchanged' : 'CHANGES',
    '',
    '',
    'unchanged',
  ]);

  // The statistics (SPEC §9, §10): one change counted by the stream processor; one read.
  const statsTableName = 'stats-bench';
  await ensureTable(
    client,
    tableDefinition(loadTemplate(), { logicalId: 'StatsTable', tableName: statsTableName }),
  );
  const stats = await measureStatsCapacity(client, statsTableName);
  for (const [operation, kind, target] of STATS_CAPACITY_TARGETS) {
    const { read, write, awsTransactionRule } = stats[operation];
    const figure = `${write} write (AWS rule: ${awsTransactionRule}), ${read} read`;
    rows.push(['capacity units, statistics', operation, figure, '', '', `≤ ${target} ${kind}`]);
  }

  progress('handler latency on DynamoDB Local, for the Lambda cost');
  const latency = await measureHandlerLatency(FUNCTIONS_DIR, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    AUTH_MODE: 'none',
  });
  const largest = capacity.get(sizes.at(-1) ?? 0);
  const units = (operation: CapacityOperation) => largest?.[operation] ?? Number.NaN;
  const costs = [
    ['create', { writeUnits: units('create'), lambdaMilliseconds: latency.create }],
    [
      'idempotent create',
      { writeUnits: units('idempotent create'), lambdaMilliseconds: latency['idempotent create'] },
    ],
    ['get', { readUnits: units('get'), lambdaMilliseconds: latency.get }],
    [
      'list page of 20',
      {
        readUnits: units('list page of 20 (table, strongly consistent)'),
        lambdaMilliseconds: latency.list,
      },
    ],
    [
      'list page of 20 by status',
      {
        readUnits: units('list page of 20 (status index)'),
        lambdaMilliseconds: latency['list by status'],
      },
    ],
    ['update', { writeUnits: units('update'), lambdaMilliseconds: latency.update }],
    ['delete', { writeUnits: units('delete'), lambdaMilliseconds: latency.delete }],
  ] as const;
  for (const [operation, call] of costs) {
    const cost = costPerMillionCalls(call);
    rows.push([
      'cost of 1 million calls',
      operation,
      `$${cost.total.toFixed(2)}`,
      `DynamoDB $${cost.dynamodb.toFixed(3)} + Lambda $${cost.lambda.toFixed(3)} (${milliseconds(call.lambdaMilliseconds)} median, 512 MB arm64) + HTTP API $${cost.httpApi.toFixed(2)}`,
      '',
      `${PRICES.region} prices of ${PRICES.recordedOn}`,
    ]);
  }
} finally {
  await dynamodb.stop();
  await rm(scratch, { recursive: true, force: true });
}

console.log(markdownTable(['figure', 'subject', 'measured', 'baseline', 'ratio', 'target'], rows));
console.log(
  `\nMeasured on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}, DynamoDB Local (${dynamodb.source}), load average at the end ${loadavg()
    .map((load) => load.toFixed(1))
    .join(', ')}, in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
);
