import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
  paginateScan,
} from '@aws-sdk/lib-dynamodb';
import {
  fromTallyItem,
  statsItemsOf,
  TALLY_PREFIX,
  tallyCondition,
  toTallyItem,
} from '@tasks/adapter-dynamodb';
import { type StatsRebuildStore, sameTally, type TaskTally } from '@tasks/domain';

/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;
const MAX_UNPROCESSED_ROUNDS = 8;
/** Conditional tally repairs in flight at once. */
const REPAIRS_AT_ONCE = 16;

const isTallyItem = (item: Record<string, unknown>): boolean =>
  String(item['sk']).startsWith(TALLY_PREFIX);

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * What the rebuild needs of the statistics table, besides counting: its owners (a Scan
 * of the statistics table, which no API function may do), one owner's tallies (a Query),
 * and a whole replace (BatchWriteItem). Lives here, not in adapter-dynamodb, so that the
 * adapter the API bundles never holds a Scan.
 */
export class DynamoDbStatsRebuildStore implements StatsRebuildStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = client;
    this.#table = tableName;
  }

  async owners(): Promise<string[]> {
    const owners = new Set<string>();
    const pages = paginateScan(
      { client: this.#client },
      { TableName: this.#table, ProjectionExpression: 'pk' },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        if (typeof item['pk'] === 'string') owners.add(item['pk']);
      }
    }
    return [...owners];
  }

  async tallies(owner: string): Promise<Map<string, TaskTally>> {
    const tallies = new Map<string, TaskTally>();
    for (const item of await this.#items(owner)) {
      if (typeof item['sk'] === 'string' && item['sk'].startsWith(TALLY_PREFIX)) {
        const { taskId, tally } = fromTallyItem(item);
        tallies.set(taskId, tally);
      }
    }
    return tallies;
  }

  async replace(
    owner: string,
    tallies: ReadonlyMap<string, TaskTally>,
    read: ReadonlyMap<string, TaskTally>,
  ): Promise<boolean> {
    // Each tally that needs repair, on condition that it is still the one read: a tally
    // counted since is left as it is, for the caller's next read to find.
    const repairs = [...tallies].filter(([taskId, tally]) => !sameTally(tally, read.get(taskId)));
    let repaired = true;
    for (let start = 0; start < repairs.length; start += REPAIRS_AT_ONCE) {
      const written = await Promise.all(
        repairs
          .slice(start, start + REPAIRS_AT_ONCE)
          .map(([taskId, tally]) => this.#repair(owner, taskId, tally, read.get(taskId))),
      );
      repaired &&= written.every(Boolean);
    }
    // Then the counters, computed from these tallies; those no tally counts any more go.
    // A tally never goes: one not among these was counted since they were read.
    const counters = statsItemsOf(owner, tallies).filter((item) => !isTallyItem(item));
    const keep = new Set(counters.map((item) => String(item['sk'])));
    const stale = (await this.#items(owner)).filter(
      (item) => !keep.has(String(item['sk'])) && !isTallyItem(item),
    );
    await this.#write([
      ...stale.map((item) => ({ DeleteRequest: { Key: { pk: item['pk'], sk: item['sk'] } } })),
      ...counters.map((Item) => ({ PutRequest: { Item } })),
    ]);
    return repaired;
  }

  async #repair(
    owner: string,
    taskId: string,
    tally: TaskTally,
    read: TaskTally | undefined,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: toTallyItem(owner, taskId, tally),
          ...tallyCondition(read),
        }),
      );
      return true;
    } catch (error) {
      // Changed since it was read, or being changed by a count's transaction right now:
      // left to the count; the caller's next read finds it.
      const changing =
        error instanceof ConditionalCheckFailedException ||
        (error instanceof Error && error.name === 'TransactionConflictException');
      if (!changing) throw error;
      return false;
    }
  }

  async #items(owner: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.#client },
      {
        TableName: this.#table,
        KeyConditionExpression: 'pk = :owner',
        ExpressionAttributeValues: { ':owner': owner },
        // The tallies counted a moment ago included: the rebuild compares them.
        ConsistentRead: true,
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }

  async #write(requests: WriteRequest[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH) {
      let pending = requests.slice(start, start + BATCH);
      for (let round = 0; pending.length > 0; round++) {
        if (round === MAX_UNPROCESSED_ROUNDS)
          throw new Error('BatchWriteItem left items unprocessed');
        const { UnprocessedItems } = await this.#client.send(
          new BatchWriteCommand({ RequestItems: { [this.#table]: pending } }),
        );
        const left = UnprocessedItems?.[this.#table] ?? [];
        pending = left.flatMap((request): WriteRequest[] =>
          request.PutRequest?.Item !== undefined
            ? [{ PutRequest: { Item: request.PutRequest.Item } }]
            : request.DeleteRequest?.Key !== undefined
              ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }]
              : [],
        );
        if (pending.length > 0)
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      }
    }
  }
}
