import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { TASK_STATUSES, type TaskFacts, type TaskStatus } from '@tasks/domain';
import * as z from 'zod/mini';

/** One task of the table and its owner, as the rebuild reads it. */
export interface OwnedTaskFacts {
  readonly owner: string;
  readonly task: TaskFacts;
}

const TaskItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  g: z.string(),
  c: z.number(),
  u: z.number(),
  v: z.int(),
});

const statusOf = (g: string, taskId: string): TaskStatus | undefined =>
  TASK_STATUSES.find((status) => g === `${status}#${taskId}`);

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
      const { pk, sk, g, c, u, v } = TaskItemSchema.parse(item);
      const status = statusOf(g, sk);
      if (status === undefined) throw new Error(`task ${sk} of ${pk} has a malformed g: ${g}`);
      yield {
        owner: pk,
        task: { taskId: sk, status, createdAtMs: c, updatedAtMs: u, version: v },
      };
    }
  }
}

const StateSchema = z.object({
  owners: z.map(
    z.string(),
    z.object({
      byId: z.map(
        z.string(),
        z.object({
          taskId: z.string(),
          status: z.enum(TASK_STATUSES),
          createdAt: z.string(),
          updatedAt: z.string(),
          version: z.int(),
        }),
      ),
    }),
  ),
});

/** Every task of the local runtime's in-memory store (its shared state, as plain data). */
export async function* memoryTaskFacts(state: unknown): AsyncIterable<OwnedTaskFacts> {
  const parsed = StateSchema.safeParse(state);
  if (!parsed.success) return;
  for (const [owner, tasks] of parsed.data.owners) {
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
