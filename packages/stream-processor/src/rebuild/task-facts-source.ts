import { type DynamoDBDocumentClient, paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import {
  FiniteNumberSchema,
  parseItem,
  SafeIntegerSchema,
  statusOfSortKey,
} from '@tasks/adapter-dynamodb';
import { TASK_STATUSES, type TaskFacts } from '@tasks/domain';
import * as v from 'valibot';

/**
 * The tasks table as the rebuild reads it: who has tasks, then each owner's tasks as they
 * stand, read again after the owner's statistics are replaced (see `rebuildStats`).
 */
export interface TaskFactsSource {
  /** Every owner with a task in the table. */
  owners(): Promise<string[]>;
  /** The owner's tasks, by id, as the table holds them now (a strongly consistent read). */
  ofOwner(owner: string): Promise<Map<string, TaskFacts>>;
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
 * The tasks table on DynamoDB. Its owners come from a Scan of the keys: the one place a
 * Scan is allowed (the rebuild, run by hand, reads the whole table by definition; the API
 * never scans, and only RebuildStatsFunction's policy allows it). Each owner's tasks come
 * from a strongly consistent Query of its partition, the attributes the statistics need
 * only; only task items have `g`.
 */
export const dynamoDbTaskFacts = (
  client: DynamoDBDocumentClient,
  tableName: string,
): TaskFactsSource => ({
  owners: async () => {
    const owners = new Set<string>();
    const pages = paginateScan(
      { client },
      { TableName: tableName, FilterExpression: 'attribute_exists(g)', ProjectionExpression: 'pk' },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        if (typeof item['pk'] === 'string') owners.add(item['pk']);
      }
    }
    return [...owners];
  },
  ofOwner: async (owner) => {
    const facts = new Map<string, TaskFacts>();
    const pages = paginateQuery(
      { client },
      {
        TableName: tableName,
        KeyConditionExpression: 'pk = :owner',
        FilterExpression: 'attribute_exists(g)',
        ProjectionExpression: 'pk, sk, g, c, u, v',
        ExpressionAttributeValues: { ':owner': owner },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const { pk, sk, g, c, u, v: version } = parseItem(TaskItemSchema, item, 'task item');
        const status = statusOfSortKey(g, sk);
        if (status === undefined) throw new Error(`task ${sk} of ${pk} has a malformed g: ${g}`);
        facts.set(sk, { taskId: sk, status, createdAtMs: c, updatedAtMs: u, version });
      }
    }
    return facts;
  },
});

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

/** The tasks of the local runtime's in-memory store (its shared state, as plain data, read at each call). */
export const memoryTaskFacts = (state: () => unknown): TaskFactsSource => {
  const owners = () => {
    const parsed = v.safeParse(StateSchema, state());
    const none: v.InferOutput<typeof StateSchema>['owners'] = new Map();
    return parsed.success ? parsed.output.owners : none;
  };
  return {
    owners: async () => [...owners().keys()],
    ofOwner: async (owner) => {
      const facts = new Map<string, TaskFacts>();
      for (const task of owners().get(owner)?.byId.values() ?? []) {
        facts.set(task.taskId, {
          taskId: task.taskId,
          status: task.status,
          createdAtMs: Date.parse(task.createdAt),
          updatedAtMs: Date.parse(task.updatedAt),
          version: task.version,
        });
      }
      return facts;
    },
  };
};
