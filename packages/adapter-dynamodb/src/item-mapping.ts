import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { IdempotencyRecord, Task, TaskStatus } from '@tasks/domain';
import { isoTimestamp, TASK_STATUSES } from '@tasks/domain';
import * as v from 'valibot';

/*
 * How tasks and idempotency records sit in the one table (see infra/template.yaml).
 * Names are short on purpose: DynamoDB bills by item bytes, and a page of 20 small
 * tasks must fit one 4 KB read unit.
 *   task:        pk=<owner> sk=<taskId> t=title d=description g=<status>#<taskId>
 *                c=createdAt u=updatedAt (epoch ms) v=version
 *                w=token of the last update (absent until one; see lost-answers.ts)
 *   idempotency: pk=<owner> sk=idempotency#<key> f=fingerprint r=task (as a task item,
 *                without pk) c=createdAt e=expiry (epoch ms) ttl=expiry (epoch s, DynamoDB TTL)
 */

/** The secondary index keyed by owner (`pk`) and `<status>#<taskId>` (`g`). */
export const STATUS_INDEX = 'ByStatus';
/** Task ids are lower-case hex UUIDs: every task's sort key sorts below this, every record above. */
export const TASK_SORT_KEY_CEILING = 'g';
const IDEMPOTENCY_PREFIX = 'idempotency#';

/** An item that does not have the shape this adapter writes: a defect, never bad input. */
export class CorruptItemError extends Error {
  override readonly name = 'CorruptItemError';
}

/**
 * Each problem of a parse as `path: message` (the path dotted, as `c.N`; none for the
 * item itself), for error messages that say which attribute is wrong and how.
 */
export const describeIssues = (issues: readonly v.BaseIssue<unknown>[]): string[] =>
  issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path === null || path === '' ? issue.message : `${path}: ${issue.message}`;
  });

/**
 * `item` parsed with `schema`, or a {@link CorruptItemError} listing every problem, its
 * message starting with `unexpected <what>:`.
 */
export const parseItem = <Schema extends v.GenericSchema>(
  schema: Schema,
  item: unknown,
  what: string,
): v.InferOutput<Schema> => {
  const result = v.safeParse(schema, item);
  if (!result.success) {
    throw new CorruptItemError(`unexpected ${what}: ${describeIssues(result.issues).join('; ')}`);
  }
  return result.output;
};

/** A number attribute: finite, as DynamoDB's numbers are (valibot's number alone takes `Infinity`). */
export const FiniteNumberSchema = v.pipe(v.number(), v.finite());
/** An integer attribute (a version, an order). */
export const SafeIntegerSchema = v.pipe(v.number(), v.safeInteger());

const TaskItemSchema = v.object({
  pk: v.string(),
  sk: v.string(),
  t: v.string(),
  d: v.optional(v.string()),
  g: v.string(),
  c: FiniteNumberSchema,
  u: FiniteNumberSchema,
  v: SafeIntegerSchema,
  w: v.optional(v.string()),
});
export type TaskItem = v.InferOutput<typeof TaskItemSchema>;

const IdempotencyItemSchema = v.object({
  pk: v.string(),
  sk: v.pipe(v.string(), v.startsWith(IDEMPOTENCY_PREFIX)),
  f: v.string(),
  /** The task the key created, a task item without its owner: checked here, so that what is wrong is named under `r`. */
  r: v.omit(TaskItemSchema, ['pk']),
  c: FiniteNumberSchema,
  e: FiniteNumberSchema,
});

export const taskKey = (owner: string, taskId: string) => ({ pk: owner, sk: taskId });
export const idempotencyKey = (owner: string, key: string) => ({
  pk: owner,
  sk: `${IDEMPOTENCY_PREFIX}${key}`,
});
/** The value of `g`, the index's sort key: newest first within one status. */
export const statusSortKey = (status: TaskStatus, taskId: string): string => `${status}#${taskId}`;

/** The status a task's `g` names, or undefined when `g` is no sort key of that task. */
export const statusOfSortKey = (g: string, taskId: string): TaskStatus | undefined =>
  TASK_STATUSES.find((status) => g === statusSortKey(status, taskId));

export const toTaskItem = (owner: string, task: Task): TaskItem => ({
  ...taskKey(owner, task.taskId),
  t: task.title,
  ...(task.description === undefined ? {} : { d: task.description }),
  g: statusSortKey(task.status, task.taskId),
  c: Date.parse(task.createdAt),
  u: Date.parse(task.updatedAt),
  v: task.version,
});

/**
 * `toTaskItem` as DynamoDB's attribute values: exactly `marshall(toTaskItem(owner, task))`
 * (a property test holds them equal), written out for the one flat shape a task item has.
 * util-dynamodb's `marshall` inspects each value's type on every call; a create spends
 * this on its PutItem and the local runtime on every stream record.
 */
export const toTaskAttributes = (owner: string, task: Task): Record<string, AttributeValue> => ({
  pk: { S: owner },
  sk: { S: task.taskId },
  t: { S: task.title },
  ...(task.description === undefined ? {} : { d: { S: task.description } }),
  g: { S: statusSortKey(task.status, task.taskId) },
  c: { N: String(Date.parse(task.createdAt)) },
  u: { N: String(Date.parse(task.updatedAt)) },
  v: { N: String(task.version) },
});

export const fromTaskItem = (item: unknown): Task => {
  const { sk, t, d, g, c, u, v: version } = parseItem(TaskItemSchema, item, 'item shape');
  const status = statusOfSortKey(g, sk);
  if (status === undefined) throw new CorruptItemError(`index key ${g} does not match task ${sk}`);
  return {
    taskId: sk,
    title: t,
    ...(d === undefined ? {} : { description: d }),
    status,
    createdAt: isoTimestamp(c),
    updatedAt: isoTimestamp(u),
    version,
  };
};

const TASK_ATTRIBUTES = new Set(['pk', 'sk', 't', 'd', 'g', 'c', 'u', 'v', 'w']);

/** An `N` attribute's number as `unmarshall` reads it, when it is a safe integer. */
const integerOf = (value: AttributeValue | undefined): number | undefined => {
  const text = value?.N;
  if (text === undefined) return undefined;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : undefined;
};

/** The task, when `attributes` have exactly the shape {@link toTaskAttributes} writes. */
const taskOfWrittenShape = (attributes: Record<string, AttributeValue>): Task | undefined => {
  for (const name in attributes) if (!TASK_ATTRIBUTES.has(name)) return undefined;
  const { pk, sk, t, d, g, w } = attributes;
  const c = integerOf(attributes['c']);
  const u = integerOf(attributes['u']);
  const version = integerOf(attributes['v']);
  if (
    pk?.S === undefined ||
    sk?.S === undefined ||
    t?.S === undefined ||
    g?.S === undefined ||
    (d !== undefined && d.S === undefined) ||
    (w !== undefined && w.S === undefined) ||
    c === undefined ||
    u === undefined ||
    version === undefined
  ) {
    return undefined;
  }
  const status = statusOfSortKey(g.S, sk.S);
  if (status === undefined) return undefined;
  return {
    taskId: sk.S,
    title: t.S,
    ...(d?.S === undefined ? {} : { description: d.S }),
    status,
    createdAt: isoTimestamp(c),
    updatedAt: isoTimestamp(u),
    version,
  };
};

/**
 * A task from its item as DynamoDB hands it back: exactly `fromTaskItem(unmarshall(…))`
 * (a property test holds the two equal on any attributes, a corrupt item failing with the
 * same `CorruptItemError`), read straight from the attribute values when they have the
 * shape this adapter writes. A page of 21 items spent about 44 µs in `unmarshall` and the
 * item schema.
 */
export const fromTaskAttributes = (attributes: Record<string, AttributeValue>): Task =>
  taskOfWrittenShape(attributes) ?? fromTaskItem(unmarshall(attributes));

export const toIdempotencyItem = (owner: string, record: IdempotencyRecord) => {
  const { pk: _owner, ...task } = toTaskItem(owner, record.task);
  const expiresAt = Date.parse(record.expiresAt);
  return {
    ...idempotencyKey(owner, record.key),
    f: record.fingerprint,
    r: task,
    c: Date.parse(record.createdAt),
    e: expiresAt,
    ttl: Math.ceil(expiresAt / 1000),
  };
};

export const fromIdempotencyItem = (item: unknown): IdempotencyRecord => {
  const { pk, sk, f, r, c, e } = parseItem(IdempotencyItemSchema, item, 'item shape');
  return {
    key: sk.slice(IDEMPOTENCY_PREFIX.length),
    fingerprint: f,
    task: fromTaskItem({ ...r, pk }),
    createdAt: isoTimestamp(c),
    expiresAt: isoTimestamp(e),
  };
};
