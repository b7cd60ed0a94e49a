/**
 * Least privilege for the stream's functions, proven both ways as for the API's
 * (packages/adapter-lambda/test/handlers/policies.test.ts): each statement of the
 * template allows, on its table, exactly the DynamoDB actions the code sends there, and
 * only RebuildStatsFunction may Scan. What SAM adds by itself (the stream's read actions
 * for the event source mapping, sqs:SendMessage on the failure queue) is not written in
 * the template and not sent by the code.
 */

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { toTaskItem } from '@tasks/adapter-dynamodb';
import { makeJsonLogger } from '@tasks/adapter-lambda';
import type { TaskChange } from '@tasks/domain';
import { loadTemplate } from '@tasks/sam-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The API functions' policy test maps commands to IAM actions the same way: one mapping.
import { accessOf } from '../../adapter-lambda/test/handlers/support/iam-actions.js';
import {
  DynamoDbStatsRebuildStore,
  dynamoDbTaskFacts,
  processTaskChanges,
  rebuildStats,
} from '../src/index.js';
import { freshTables, type SentCommand } from './support/local-tables.js';
import { recordOf } from './support/stream-records.js';

const template = loadTemplate();
const quiet = makeJsonLogger({ sink: () => {} });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Per table logical id, the actions the function's inline statements allow on it. */
const allowedByTable = (functionId: string): Record<string, string[]> => {
  const allowed: Record<string, Set<string>> = {};
  for (const policy of listOf(template.Resources[functionId]?.Properties?.['Policies'])) {
    for (const statement of listOf(isRecord(policy) ? policy['Statement'] : undefined)) {
      if (!isRecord(statement) || statement['Effect'] !== 'Allow') continue;
      for (const resource of listOf(statement['Resource'])) {
        const getAtt = isRecord(resource) ? resource['Fn::GetAtt'] : undefined;
        const [table, attribute] = Array.isArray(getAtt) ? getAtt : [];
        if (typeof table !== 'string' || attribute !== 'Arn')
          throw new Error(`unexpected resource in ${functionId}`);
        allowed[table] ??= new Set();
        for (const action of listOf(statement['Action'])) allowed[table].add(String(action));
      }
    }
  }
  return Object.fromEntries(
    Object.entries(allowed).map(([table, set]) => [table, [...set].sort()]),
  );
};

let tables: Awaited<ReturnType<typeof freshTables>>;
beforeAll(async () => {
  tables = await freshTables();
});
afterAll(async () => {
  await tables?.drop();
});

/** Per table logical id, the actions `sent` needs. */
const sentByTable = (sent: readonly SentCommand[]): Record<string, string[]> => {
  const byTable: Record<string, Set<string>> = {};
  for (const { action, table } of sent.flatMap(accessOf)) {
    const id =
      table === tables.tableName
        ? 'TasksTable'
        : table === tables.statsTableName
          ? 'StatsTable'
          : table;
    byTable[id] ??= new Set();
    byTable[id].add(action);
  }
  return Object.fromEntries(
    Object.entries(byTable).map(([table, set]) => [table, [...set].sort()]),
  );
};

const at = Date.UTC(2026, 11, 1, 9);
const facts = (version: number, status: 'TODO' | 'DONE') => ({
  taskId: '01a22d5d-75c2-7126-84f2-795f36bb5059',
  status,
  createdAtMs: at,
  updatedAtMs: at + version * 60_000,
  version,
});
const change = (
  kind: 'upsert' | 'remove',
  version: number,
  status: 'TODO' | 'DONE',
): TaskChange => ({
  owner: 'policy-owner',
  kind,
  task: facts(version, status),
  atMs: at + version * 60_000,
});

describe('StatsProcessorFunction', () => {
  it('is allowed exactly what counting a create, a completion, an edit, a replay and a delete sends', async () => {
    const sent: SentCommand[] = [];
    const created = change('upsert', 1, 'TODO');
    const Records = [
      created,
      change('upsert', 2, 'DONE'),
      change('upsert', 3, 'DONE'),
      created,
      change('remove', 3, 'DONE'),
    ].map(recordOf);
    const response = await processTaskChanges(
      { Records },
      { stats: tables.stats(sent), log: quiet },
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(sentByTable(sent)).toEqual(allowedByTable('StatsProcessorFunction'));
  });
});

describe('RebuildStatsFunction', () => {
  it('is allowed exactly what a rebuild sends, and is the only function allowed to Scan', async () => {
    const documents = tables.documents();
    await documents.send(
      new PutCommand({
        TableName: tables.tableName,
        Item: toTaskItem('rebuild-owner', {
          taskId: '01a22d5d-7889-732d-9f94-7dfa9c7ef1b7',
          title: 'Rebuilt',
          status: 'DONE',
          createdAt: new Date(at).toISOString(),
          updatedAt: new Date(at).toISOString(),
          version: 1,
        }),
      }),
    );
    const sent: SentCommand[] = [];
    const client = tables.documents(sent);
    await rebuildStats({
      tasks: dynamoDbTaskFacts(client, tables.tableName),
      store: new DynamoDbStatsRebuildStore({ client, tableName: tables.statsTableName }),
    });
    expect(sentByTable(sent)).toEqual(allowedByTable('RebuildStatsFunction'));
    const scanners = Object.keys(template.Resources).filter((id) =>
      allActionsOf(id).includes('dynamodb:Scan'),
    );
    expect(scanners).toEqual(['RebuildStatsFunction']);
  });
});

/** Every action any inline statement of resource `id` allows (none unless it is a function). */
const allActionsOf = (id: string): string[] => {
  if (template.Resources[id]?.Type !== 'AWS::Serverless::Function') return [];
  return listOf(template.Resources[id]?.Properties?.['Policies']).flatMap((policy) =>
    listOf(isRecord(policy) ? policy['Statement'] : undefined).flatMap((statement) =>
      isRecord(statement) ? listOf(statement['Action']).map(String) : [],
    ),
  );
};
