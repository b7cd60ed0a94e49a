import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod-v3';
import { documentClient, json, ownerOf, peerHandler, tableName } from './peer-runtime.js';

const TaskId = z.string().uuid();

/** The peer's GET /tasks/{taskId}. */
export const handler = peerHandler(async (event) => {
  const taskId = TaskId.safeParse(event.pathParameters?.['taskId']);
  if (!taskId.success) return json(404, { message: 'Task not found' });
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: ownerOf(event), sk: taskId.data },
      // As ours: a read right after a write sees it (SPEC §5), the same read units.
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) return json(404, { message: 'Task not found' });
  const { pk: _pk, sk: _sk, g: _g, ...task } = Item;
  return json(200, task);
});
