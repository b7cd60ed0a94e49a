import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type CountOutcome,
  type OwnerStats,
  type StatsDelta,
  type StatsStore,
  type TaskChange,
  type TaskTally,
  tallyChange,
} from '@tasks/domain';
import { translateStorageError } from '../storage-errors.js';
import {
  bucketAttribute,
  DAY_PREFIX,
  dayKey,
  fromTallyItem,
  fromWindowItems,
  TOTALS_SORT_KEY,
  tallyCondition,
  tallyKey,
  toTallyItem,
  totalsKey,
} from './stats-items.js';

export interface DynamoDbStatsStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** The statistics table (StatsTable), never the tasks table: its stream is off. */
  readonly tableName: string;
  /**
   * The signal that ends the store call about to start, read once per call: a Lambda
   * invocation's deadline, so that a stalled store is an error before the function's
   * timeout (SPEC §5). Default: none.
   */
  readonly signal?: () => AbortSignal | undefined;
}

/** Attempts at one change when another writer changed its tally between read and write. */
const MAX_ATTEMPTS = 5;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * {@link StatsStore} on DynamoDB. Counting a change is one strongly consistent GetItem of
 * its task's tally and one TransactWriteItems: the new tally, conditioned on the tally
 * read (so a change is counted once, even by two processors at once), with ADD on the
 * owner's totals and on at most one day (two only when the task's earlier changes were
 * lost). Every item stays under 1 KB (a tally remembers at most 90 days of later
 * completions, in under 800 bytes with the longest owner): a change costs 4 or 6 write
 * units.
 */
export class DynamoDbStatsStore implements StatsStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #signal: () => AbortSignal | undefined;

  constructor({ client, tableName, signal = () => undefined }: DynamoDbStatsStoreOptions) {
    this.#client = client;
    this.#table = tableName;
    this.#signal = signal;
  }

  /** The options of one `send`: the signal that ends the call, if any. */
  #options(): { abortSignal?: AbortSignal } {
    const abortSignal = this.#signal();
    return abortSignal === undefined ? {} : { abortSignal };
  }

  async count(change: TaskChange): Promise<CountOutcome> {
    // asOf is set on condition that it is not later already; the one change in a while
    // that finds it later (another task's newer change counted first) goes again without.
    let moveAsOf = true;
    for (let attempt = 1; ; attempt++) {
      try {
        const previous = await this.#tally(change.owner, change.task.taskId);
        const outcome = tallyChange(previous, change);
        if (outcome.kind === 'ignored') return 'ignored';
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              this.#putTally(change, outcome.tally, previous),
              ...this.#counterUpdates(change.owner, outcome.delta, moveAsOf),
            ],
          }),
          this.#options(),
        );
        return 'counted';
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && tallyChangedMeanwhile(error)) continue;
        if (moveAsOf && asOfLaterAlready(error)) {
          moveAsOf = false;
          continue;
        }
        throw translateStorageError(error);
      }
    }
  }

  async read(owner: string, fromDay: string, toDay: string): Promise<OwnerStats> {
    const items: Record<string, unknown>[] = [];
    try {
      const pages = paginateQuery(
        { client: this.#client },
        {
          TableName: this.#table,
          // From the window's first day to the totals, which sort after every day: one Query.
          KeyConditionExpression: 'pk = :owner AND sk BETWEEN :from AND :totals',
          ExpressionAttributeValues: {
            ':owner': owner,
            ':from': `${DAY_PREFIX}${fromDay}`,
            ':totals': TOTALS_SORT_KEY,
          },
        },
        this.#options(),
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
    } catch (error) {
      throw translateStorageError(error);
    }
    return fromWindowItems(items, toDay);
  }

  async #tally(owner: string, taskId: string): Promise<TaskTally | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: tallyKey(owner, taskId),
        ConsistentRead: true,
      }),
      this.#options(),
    );
    return Item === undefined ? undefined : fromTallyItem(Item).tally;
  }

  #putTally(change: TaskChange, tally: TaskTally, previous: TaskTally | undefined): TransactItem {
    return {
      Put: {
        TableName: this.#table,
        Item: toTallyItem(change.owner, change.task.taskId, tally),
        ...tallyCondition(previous),
      },
    };
  }

  /** The totals' and days' updates; the totals come first, after the tally (index 1). */
  #counterUpdates(owner: string, delta: StatsDelta, moveAsOf: boolean): TransactItem[] {
    const statusNames: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds: string[] = [];
    for (const [status, n] of Object.entries(delta.byStatus)) {
      statusNames[`#${status}`] = status;
      values[`:${status}`] = n;
      adds.push(`#${status} :${status}`);
    }
    // asOf moves to each version counted, never back (a delete leaves it).
    const asOf = moveAsOf ? delta.atMs : undefined;
    if (asOf !== undefined) values[':at'] = asOf;
    const clauses = [
      ...(asOf === undefined ? [] : ['SET a = :at']),
      ...(adds.length === 0 ? [] : [`ADD ${adds.join(', ')}`]),
    ];
    const totals: TransactItem[] =
      clauses.length === 0
        ? []
        : [
            {
              Update: {
                TableName: this.#table,
                Key: totalsKey(owner),
                UpdateExpression: clauses.join(' '),
                ...(asOf === undefined
                  ? {}
                  : { ConditionExpression: 'attribute_not_exists(a) OR a <= :at' }),
                ...(adds.length > 0 ? { ExpressionAttributeNames: statusNames } : {}),
                ExpressionAttributeValues: values,
              },
            },
          ];
    const days = Object.entries(delta.days).map(([day, counts]): TransactItem => {
      const dayValues: Record<string, number> = {};
      const dayAdds: string[] = [];
      if (counts.created !== 0) {
        dayAdds.push('n :n');
        dayValues[':n'] = counts.created;
      }
      if (counts.completed !== 0) {
        dayAdds.push('d :d');
        dayValues[':d'] = counts.completed;
      }
      for (const [bucket, n] of Object.entries(counts.leadTime)) {
        const name = bucketAttribute(Number(bucket));
        dayAdds.push(`${name} :${name}`);
        dayValues[`:${name}`] = n;
      }
      return {
        Update: {
          TableName: this.#table,
          Key: dayKey(owner, day),
          UpdateExpression: `ADD ${dayAdds.join(', ')}`,
          ExpressionAttributeValues: dayValues,
        },
      };
    });
    return [...totals, ...days];
  }
}

/** The totals' asOf condition failed alone: a later change was counted already. */
const asOfLaterAlready = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[0]?.Code === 'None' &&
  error.CancellationReasons[1]?.Code === 'ConditionalCheckFailed';

/** The tally's condition failed: another processor counted a change of this task first. */
const tallyChangedMeanwhile = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
