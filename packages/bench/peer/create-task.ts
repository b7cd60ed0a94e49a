import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod-v3';
import { documentClient, json, ownerOf, peerHandler, tableName } from './peer-runtime.js';

const CreateTask = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
  })
  .strict();

/** The peer's POST /tasks. */
export const handler = peerHandler(async (event) => {
  let input: unknown;
  try {
    input = JSON.parse(event.body ?? '');
  } catch {
    return json(400, { message: 'Malformed JSON' });
  }
  const parsed = CreateTask.safeParse(input);
  if (!parsed.success) return json(400, { message: 'Invalid body', issues: parsed.error.issues });
  const now = new Date().toISOString();
  const task = {
    taskId: randomUUID(),
    ...parsed.data,
    status: 'TODO',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      // `g`, the status index's sort key, as ours writes it: the task is listed by status
      // too, and the create costs what ours costs (two write units, the table's and the
      // index's), the same work.
      Item: { pk: ownerOf(event), sk: task.taskId, g: `${task.status}#${task.taskId}`, ...task },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return json(201, { message: 'Task created', taskId: task.taskId, task });
});
