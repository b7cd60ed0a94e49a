import { marshall } from '@aws-sdk/util-dynamodb';
import { toTaskItem } from '@tasks/adapter-dynamodb';
import type { TaskChange } from '@tasks/domain';
import type { TaskStreamRecord } from '../../src/index.js';

let sequence = 10n ** 20n;

/** A task as the table stores it, in DynamoDB JSON, at the facts of `change`. */
const imageOf = (change: TaskChange) =>
  marshall(
    toTaskItem(change.owner, {
      taskId: change.task.taskId,
      title: 'A task',
      status: change.task.status,
      createdAt: new Date(change.task.createdAtMs).toISOString(),
      updatedAt: new Date(change.task.updatedAtMs).toISOString(),
      version: change.task.version,
    }),
  );

/**
 * The stream record Lambda would deliver for `change`, as the AWS sample events shape it
 * (see packages/local-runtime/test/stream/fixtures): INSERT for a version 1, MODIFY for a
 * later one, REMOVE with the old image for a delete.
 */
export const recordOf = (change: TaskChange): TaskStreamRecord => {
  sequence += 1n;
  const image = imageOf(change);
  const common = {
    ApproximateCreationDateTime: Math.floor(change.atMs / 1000),
    SequenceNumber: String(sequence),
  };
  if (change.kind === 'remove') {
    return { eventName: 'REMOVE', dynamodb: { ...common, OldImage: image } };
  }
  return change.task.version === 1
    ? { eventName: 'INSERT', dynamodb: { ...common, NewImage: image } }
    : { eventName: 'MODIFY', dynamodb: { ...common, NewImage: image } };
};
