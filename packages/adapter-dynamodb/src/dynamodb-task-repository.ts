import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type CreateOutcome,
  IdempotencyKeyInFlightError,
  type IdempotencyRecord,
  type ListTasksOptions,
  type ListTasksPage,
  pageOf,
  type Task,
  TaskAlreadyExistsError,
  TaskNotFoundError,
  type TaskPatch,
  type TaskRepository,
  type UpdateOptions,
  VersionConflictError,
  type WriteCondition,
} from '@tasks/domain';
import {
  fromIdempotencyItem,
  fromTaskAttributes,
  fromTaskItem,
  STATUS_INDEX,
  statusSortKey,
  TASK_SORT_KEY_CEILING,
  type TaskItem,
  taskKey,
  toIdempotencyItem,
  toTaskAttributes,
  toTaskItem,
} from './item-mapping.js';
import { newWriteToken, watchAttempts } from './lost-answers.js';
import { translateStorageError } from './storage-errors.js';
import { type UpdatedAt, type UpdateWrite, updateExpression } from './update-expression.js';

export interface DynamoDbTaskRepositoryOptions {
  /**
   * The low-level client: the repository marshals its items itself (util-dynamodb), so a
   * task route's bundle carries no document client and each call skips its middleware.
   */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The owner-and-status index (default `ByStatus`, as in infra/template.yaml). */
  readonly indexName?: string;
  /**
   * The signal that ends the store call about to start, read once per call: a Lambda
   * function passes one that fires just before its deadline (SPEC §5), so that a stalled
   * store is a `StorageUnavailableError`, never the platform's timeout. Its retries stop
   * with it: the SDK sends no attempt once it has fired.
   */
  readonly signal?: () => AbortSignal | undefined;
}

const TASK_IS_NEW = 'attribute_not_exists(pk)';

/**
 * Whether `stored` (an item as DynamoDB hands it back, unmarshalled) is exactly `written`,
 * a task item, whose attributes are all strings and numbers. Written out rather than
 * `node:util`'s `isDeepStrictEqual`: importing `node:util` from a bundle costs a cold
 * start about 3 ms (its module namespace is built from every export).
 */
const isSameItem = (stored: Record<string, unknown>, written: TaskItem): boolean => {
  const names = Object.keys(written);
  return (
    Object.keys(stored).length === names.length &&
    names.every((name) => stored[name] === Reflect.get(written, name))
  );
};

/** What a cancelled idempotent create means, from the reasons DynamoDB gives per item. */
const cancelledCreate = (
  task: Task,
  idempotency: IdempotencyRecord,
  error: TransactionCanceledException,
): CreateOutcome => {
  const [recordReason, taskReason] = error.CancellationReasons ?? [];
  // ReturnValuesOnConditionCheckFailure hands back the record that holds the key, so a
  // replay costs no second read (and the function needs no GetItem permission for it).
  if (recordReason?.Code === 'ConditionalCheckFailed' && recordReason.Item !== undefined) {
    // (A retry of our own transaction after a lost answer never lands here: the SDK sends
    // it with the same ClientRequestToken, and DynamoDB answers it as the first.)
    return {
      kind: 'idempotency_record_exists',
      record: fromIdempotencyItem(unmarshall(recordReason.Item)),
    };
  }
  if (taskReason?.Code === 'ConditionalCheckFailed') {
    throw new TaskAlreadyExistsError(task.taskId, { cause: error });
  }
  if (error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict')) {
    throw new IdempotencyKeyInFlightError(idempotency.key, { cause: error });
  }
  throw translateStorageError(error);
};

/**
 * The repository port on one DynamoDB table. Lists are `Query`s on the owner's partition
 * (never a `Scan`); reads of the table are strongly consistent; every write is conditional,
 * and an idempotent create is one transaction. Throttling and outages, once the SDK's
 * retries are spent, reject with `StorageUnavailableError`, as does a call that `signal`
 * ended; no write is half done. A write whose answer was lost and that the SDK retried
 * reports what it did (see `lost-answers.ts`).
 */
export class DynamoDbTaskRepository implements TaskRepository {
  readonly #client: DynamoDBClient;
  readonly #table: string;
  readonly #index: string;
  readonly #signal: () => AbortSignal | undefined;

  constructor({
    client,
    tableName,
    indexName = STATUS_INDEX,
    signal = () => undefined,
  }: DynamoDbTaskRepositoryOptions) {
    this.#client = client;
    this.#table = tableName;
    this.#index = indexName;
    this.#signal = signal;
  }

  /** The options of one `send`: the signal that ends the call, if any. */
  #options(): { abortSignal?: AbortSignal } {
    const abortSignal = this.#signal();
    return abortSignal === undefined ? {} : { abortSignal };
  }

  async create(
    owner: string,
    task: Task,
    { idempotency }: { readonly idempotency?: IdempotencyRecord } = {},
  ): Promise<CreateOutcome> {
    const Item = toTaskAttributes(owner, task);
    try {
      if (idempotency === undefined) {
        await this.#client.send(
          new PutItemCommand({
            TableName: this.#table,
            Item,
            ConditionExpression: TASK_IS_NEW,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
          this.#options(),
        );
      } else {
        await this.#client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.#table,
                  Item: marshall(toIdempotencyItem(owner, idempotency)),
                  // An expired record that TTL has not deleted yet (it is lazy) counts as absent.
                  ConditionExpression: 'attribute_not_exists(pk) OR e <= :now',
                  ExpressionAttributeValues: {
                    ':now': { N: String(Date.parse(idempotency.createdAt)) },
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              { Put: { TableName: this.#table, Item, ConditionExpression: TASK_IS_NEW } },
            ],
          }),
          this.#options(),
        );
      }
      return { kind: 'created' };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        // The SDK retries a put whose answer was lost; finding exactly the item this
        // create writes means that an earlier attempt succeeded.
        if (
          error.Item !== undefined &&
          isSameItem(unmarshall(error.Item), toTaskItem(owner, task))
        ) {
          return { kind: 'created' };
        }
        throw new TaskAlreadyExistsError(task.taskId, { cause: error });
      }
      if (error instanceof TransactionCanceledException && idempotency !== undefined) {
        return cancelledCreate(task, idempotency, error);
      }
      throw translateStorageError(error);
    }
  }

  async get(owner: string, taskId: string): Promise<Task | undefined> {
    try {
      const { Item } = await this.#client.send(
        new GetItemCommand({
          TableName: this.#table,
          Key: marshall(taskKey(owner, taskId)),
          ConsistentRead: true,
        }),
        this.#options(),
      );
      return Item === undefined ? undefined : fromTaskAttributes(Item);
    } catch (error) {
      throw translateStorageError(error);
    }
  }

  async list(owner: string, { limit, after, status }: ListTasksOptions): Promise<ListTasksPage> {
    const query =
      status === undefined
        ? {
            KeyConditionExpression: 'pk = :pk AND sk < :ceiling',
            ExpressionAttributeValues: marshall({
              ':pk': owner,
              ':ceiling': TASK_SORT_KEY_CEILING,
            }),
            ConsistentRead: true,
          }
        : {
            IndexName: this.#index,
            KeyConditionExpression: 'pk = :pk AND begins_with(g, :status)',
            ExpressionAttributeValues: marshall({ ':pk': owner, ':status': `${status}#` }),
          };
    // The position after `after`, which need not exist: DynamoDB starts after it all the same.
    let start: Record<string, AttributeValue> | undefined =
      after === undefined
        ? undefined
        : marshall({
            ...taskKey(owner, after),
            ...(status === undefined ? {} : { g: statusSortKey(status, after) }),
          });
    const items: Task[] = [];
    try {
      // One item more than the page tells whether more follow; a second query runs only
      // when DynamoDB cut the first short (1 MB), never to look for a next page.
      do {
        const output = await this.#client.send(
          new QueryCommand({
            TableName: this.#table,
            ...query,
            ScanIndexForward: false,
            Limit: limit + 1 - items.length,
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
          this.#options(),
        );
        for (const item of output.Items ?? []) items.push(fromTaskAttributes(item));
        start = output.LastEvaluatedKey;
      } while (start !== undefined && items.length <= limit);
    } catch (error) {
      throw translateStorageError(error);
    }
    return pageOf(items, limit);
  }

  async update(
    owner: string,
    taskId: string,
    patch: TaskPatch,
    { updatedAt, expectedVersion }: UpdateOptions,
  ): Promise<Task> {
    const writeToken = newWriteToken();
    const write = (at: UpdatedAt) =>
      this.#write(owner, taskId, patch, { updatedAt: at, expectedVersion, writeToken });
    const first = await write({ ms: Date.parse(updatedAt) });
    if (first.kind === 'written') return first.task;
    // The task is there, at the version asked for, but was last changed at or after this
    // writer's time (the same millisecond, a clock behind, or a write that overtook it).
    const second = await write('past-stored');
    if (second.kind === 'written') return second.task;
    // Unreachable: the second write has no updatedAt condition to fail.
    throw new Error(
      `the UpdateItem of task ${taskId} failed an updatedAt condition it did not have`,
    );
  }

  /**
   * One conditional UpdateItem: the task it wrote; or, when only the `updatedAt` condition
   * failed, `'stored-not-earlier'`; any other failed condition rejects as `update` does.
   */
  async #write(
    owner: string,
    taskId: string,
    patch: TaskPatch,
    write: UpdateWrite,
  ): Promise<{ kind: 'written'; task: Task } | { kind: 'stored-not-earlier' }> {
    try {
      const { UpdateExpression, ConditionExpression, ExpressionAttributeValues } = updateExpression(
        taskId,
        patch,
        write,
      );
      const { Attributes } = await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: marshall(taskKey(owner, taskId)),
          UpdateExpression,
          ConditionExpression,
          ExpressionAttributeValues: marshall(ExpressionAttributeValues),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
        this.#options(),
      );
      const task = fromTaskItem(Attributes === undefined ? undefined : unmarshall(Attributes));
      return { kind: 'written', task };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException && error.Item !== undefined) {
        const current = unmarshall(error.Item);
        // A retry whose earlier attempt landed finds the item carrying this call's token:
        // that item is what the update wrote, and no write came after it.
        if (current['w'] === write.writeToken)
          return { kind: 'written', task: fromTaskItem(current) };
        const { expectedVersion } = write;
        if (expectedVersion === undefined || current['v'] === expectedVersion) {
          return { kind: 'stored-not-earlier' };
        }
      }
      throw this.#conditionalFailure(error, taskId, write.expectedVersion);
    }
  }

  async delete(
    owner: string,
    taskId: string,
    { expectedVersion }: WriteCondition = {},
  ): Promise<void> {
    const command = new DeleteItemCommand({
      TableName: this.#table,
      Key: marshall(taskKey(owner, taskId)),
      ConditionExpression: `attribute_exists(pk)${expectedVersion === undefined ? '' : ' AND v = :expected'}`,
      ...(expectedVersion === undefined
        ? {}
        : { ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } } }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    const attempts = watchAttempts(command);
    try {
      await this.#client.send(command, this.#options());
    } catch (error) {
      // No task left after an earlier attempt that may have been applied: that attempt
      // deleted it, and its answer was lost.
      const deletedByEarlierAttempt =
        error instanceof ConditionalCheckFailedException &&
        error.Item === undefined &&
        attempts.earlierMayHaveApplied();
      if (!deletedByEarlierAttempt) throw this.#conditionalFailure(error, taskId, expectedVersion);
    }
  }

  /** Tells "absent" from "another version" with the item the failed condition returned. */
  #conditionalFailure(
    error: unknown,
    taskId: string,
    expectedVersion: number | undefined,
  ): unknown {
    if (!(error instanceof ConditionalCheckFailedException)) return translateStorageError(error);
    if (error.Item === undefined || expectedVersion === undefined) {
      return new TaskNotFoundError(taskId, { cause: error });
    }
    const current = fromTaskItem(unmarshall(error.Item));
    return new VersionConflictError(taskId, expectedVersion, current.version, { cause: error });
  }
}
