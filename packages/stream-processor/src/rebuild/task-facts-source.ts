import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import {
  FiniteNumberSchema,
  parseItem,
  SafeIntegerSchema,
  statusOfSortKey,
} from '@tasks/adapter-dynamodb';
import { TASK_STATUSES, type TaskFacts } from '@tasks/domain';
import * as v from 'valibot';

/** One task of the table and its owner, as the rebuild reads it. */
export interface OwnedTaskFacts {
  readonly owner: string;
  readonly task: TaskFacts;
}

const TaskItemSchema = v.object({
  pk: v.string(),
  sk: v.string(),
  g: v.string(),
  c: FiniteNumberSchema,
  u: FiniteNumberSchema,
  v: SafeIntegerSchema,
});

/**
 * Every task of the tasks table, by a Scan: the one place a Scan is allowed (the rebuild,
 * run by hand, reads the whole table by definition; the API never scans, and only
 * RebuildStatsFunction's policy allows it). Only task items have `g`; only the attributes
 * the statistics need are read.
 */
export async function* scanTaskFacts(
  client: DynamoDBDocumentClient,
  tableName: string,
): AsyncIterable<OwnedTaskFacts> {
  const pages = paginateScan(
    { client },
    {
      TableName: tableName,
      FilterExpression: 'attribute_exists(g)',
      ProjectionExpression: 'pk, sk, g, c, u, v',
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const { pk, sk, g, c, u, v: version } = parseItem(TaskItemSchema, item, 'task item');
      const status = statusOfSortKey(g, sk);
      if (status === undefined) throw new Error(`task ${sk} of ${pk} has a malformed g: ${g}`);
      yield {
        owner: pk,
        task: { taskId: sk, status, createdAtMs: c, updatedAtMs: u, version },
      };
    }
  }
}

const StateSchema = v.object({
  owners: v.map(
    v.string(),
    v.object({
      byId: v.map(
        v.string(),
        v.object({
          taskId: v.string(),
          status: v.picklist(TASK_STATUSES),
          createdAt: v.string(),
          updatedAt: v.string(),
          version: SafeIntegerSchema,
        }),
      ),
    }),
  ),
});

/** Every task of the local runtime's in-memory store (its shared state, as plain data). */
export async function* memoryTaskFacts(state: unknown): AsyncIterable<OwnedTaskFacts> {
  const parsed = v.safeParse(StateSchema, state);
  if (!parsed.success) return;
  for (const [owner, tasks] of parsed.output.owners) {
    for (const task of tasks.byId.values()) {
      yield {
        owner,
        task: {
          taskId: task.taskId,
          status: task.status,
          createdAtMs: Date.parse(task.createdAt),
          updatedAtMs: Date.parse(task.updatedAt),
          version: task.version,
        },
      };
    }
  }
}
