import type { TaskPatch } from '@tasks/domain';
import { statusSortKey } from './item-mapping.js';

/**
 * The `UpdateItem` expressions that apply a merge patch as the domain's `applyPatch`
 * does, in one conditional call: the task must exist, and have `expectedVersion` when
 * one is given. The version is incremented by DynamoDB itself, so concurrent updates
 * without an expected version are never lost.
 */
export const updateExpression = (
  taskId: string,
  patch: TaskPatch,
  updatedAtMs: number,
  expectedVersion: number | undefined,
) => {
  const set = ['u = :u', 'v = v + :one'];
  const remove: string[] = [];
  const values: Record<string, string | number> = { ':u': updatedAtMs, ':one': 1 };
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
    ConditionExpression: `attribute_exists(pk)${expectedVersion === undefined ? '' : ' AND v = :expected'}`,
    ExpressionAttributeValues: values,
  };
};
