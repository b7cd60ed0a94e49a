import type { TaskChange, TaskFacts } from '@tasks/domain';
import * as v from 'valibot';
import { CorruptItemError, parseItem, statusOfSortKey } from '../item-mapping.js';

/**
 * One record of a DynamoDB stream as Lambda delivers it (the fields read here), images in
 * DynamoDB's JSON. The local poller builds the same shape from DynamoDB Local's stream.
 */
export interface TaskStreamRecord {
  readonly eventName?: string;
  readonly dynamodb?: {
    readonly ApproximateCreationDateTime?: number;
    readonly NewImage?: Readonly<Record<string, unknown>>;
    readonly OldImage?: Readonly<Record<string, unknown>>;
    readonly SequenceNumber?: string;
  };
}

const text = v.object({ S: v.string() });
const number = v.object({ N: v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/)) });
/** The attributes of a task item the statistics read (see item-mapping.ts). */
const TaskImageSchema = v.object({ pk: text, sk: text, g: text, c: number, u: number, v: number });

/** True for an image of a task item: idempotency records have no `g` (nor do statistics). */
export const isTaskImage = (image: Readonly<Record<string, unknown>> | undefined): boolean =>
  image !== undefined && 'g' in image;

const factsOf = (image: unknown): { owner: string; task: TaskFacts } => {
  const { pk, sk, g, c, u, v: version } = parseItem(TaskImageSchema, image, 'task image');
  const status = statusOfSortKey(g.S, sk.S);
  if (status === undefined) throw new CorruptItemError(`index key ${g.S} does not match ${sk.S}`);
  return {
    owner: pk.S,
    task: {
      taskId: sk.S,
      status,
      createdAtMs: Number(c.N),
      updatedAtMs: Number(u.N),
      version: Number(version.N),
    },
  };
};

/**
 * The task change a stream record reports, or `undefined` for a record of another item
 * (an idempotency record, created or expired). INSERT and MODIFY count the new image;
 * REMOVE the old one, at the record's approximate time (epoch seconds, as Lambda sends it).
 * A record that is not one of these, or whose image is not a task's, throws
 * `CorruptItemError`: the processor reports it failed, and after its retries the event
 * source mapping sends it to the failure queue.
 */
export const changeOfStreamRecord = (record: TaskStreamRecord): TaskChange | undefined => {
  const { eventName, dynamodb } = record;
  if (eventName === 'INSERT' || eventName === 'MODIFY') {
    if (!isTaskImage(dynamodb?.NewImage)) return undefined;
    const { owner, task } = factsOf(dynamodb?.NewImage);
    return { owner, kind: 'upsert', task, atMs: task.updatedAtMs };
  }
  if (eventName === 'REMOVE') {
    if (!isTaskImage(dynamodb?.OldImage)) return undefined;
    const { owner, task } = factsOf(dynamodb?.OldImage);
    const seconds = dynamodb?.ApproximateCreationDateTime;
    if (seconds === undefined) throw new CorruptItemError('a REMOVE record without its time');
    return { owner, kind: 'remove', task, atMs: seconds * 1000 };
  }
  throw new CorruptItemError(`unexpected stream event ${String(eventName)}`);
};
