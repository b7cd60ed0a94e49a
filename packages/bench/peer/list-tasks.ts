import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod-v3';
import { documentClient, json, ownerOf, peerHandler, tableName } from './peer-runtime.js';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

/** The peer's GET /tasks. */
export const handler = peerHandler(async (event) => {
  const query = ListQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) return json(400, { message: 'Invalid query', issues: query.error.issues });
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ownerOf(event) },
      ScanIndexForward: false,
      Limit: query.data.limit,
      // As ours: a list right after a create shows it (SPEC §5), the same read units.
      ConsistentRead: true,
    }),
  );
  const items = Items.map(({ pk: _pk, sk: _sk, g: _g, ...task }) => task);
  // The popular cursor: DynamoDB's LastEvaluatedKey, handed back as it is.
  const nextKey: unknown = LastEvaluatedKey?.['sk'];
  return json(200, typeof nextKey === 'string' ? { items, nextKey } : { items });
});
