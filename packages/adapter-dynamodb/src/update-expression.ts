import type { TaskPatch } from '@tasks/domain';
import { statusSortKey } from './item-mapping.js';

/**
 * The `updatedAt` an update writes: the caller's time in epoch milliseconds, on condition
 * that the stored `updatedAt` is earlier; or 1 ms past the stored one, for the update that
 * found it was not (see `nextUpdatedAt` in the domain).
 */
export type UpdatedAt = { readonly ms: number } | 'past-stored';

/** What one update call writes besides the patch. */
export interface UpdateWrite {
  readonly updatedAt: UpdatedAt;
  readonly expectedVersion: number | undefined;
  /** This call's token (`newWriteToken`), the same in every attempt of the call. */
  readonly writeToken: string;
}

/**
 * The `UpdateItem` expressions that apply a merge patch as the domain's `applyPatch`
 * does, in one conditional call: the task must exist, have `expectedVersion` when one is
 * given, and not carry `writeToken` yet, which the update stores in `w` (so that a retry
 * of a call already applied fails, see `lost-answers.ts`). The version is incremented by
 * DynamoDB itself, so concurrent updates without an expected version are never lost.
 * DynamoDB has no `max`: the caller's time is written on condition that the stored one is
 * earlier, and the update that fails that condition is sent again with `'past-stored'`,
 * which DynamoDB computes from the stored value, whatever was written in between.
 */
export const updateExpression = (
  taskId: string,
  patch: TaskPatch,
  { updatedAt, expectedVersion, writeToken }: UpdateWrite,
) => {
  const set = [updatedAt === 'past-stored' ? 'u = u + :one' : 'u = :u', 'v = v + :one', 'w = :w'];
  const remove: string[] = [];
  const values: Record<string, string | number> = { ':one': 1, ':w': writeToken };
  if (updatedAt !== 'past-stored') values[':u'] = updatedAt.ms;
  if (patch.title !== undefined) {
    set.push('t = :t');
    values[':t'] = patch.title;
  }
  if (patch.description === null) remove.push('d');
  else if (patch.description !== undefined) {
    set.push('d = :d');
    values[':d'] = patch.description;
  }
  if (patch.status !== undefined) {
    set.push('g = :g');
    values[':g'] = statusSortKey(patch.status, taskId);
  }
  if (expectedVersion !== undefined) values[':expected'] = expectedVersion;
  return {
    UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ConditionExpression: `attribute_exists(pk)${expectedVersion === undefined ? '' : ' AND v = :expected'} AND (attribute_not_exists(w) OR w <> :w)${updatedAt === 'past-stored' ? '' : ' AND u < :u'}`,
    ExpressionAttributeValues: values,
  };
};
