/**
 * The peer (issue 12): create, get and list written the way popular examples write them,
 * to measure ours beside. A middy handler with Powertools' Logger (its middleware adds
 * the Lambda context to every line), zod's classic v3 API, the DocumentClient built at
 * module scope. Bundled with the deployed bundles' esbuild options, imported and driven
 * exactly as ours; it stores tasks in the same table, under keys of its own.
 *
 * It asks DynamoDB for the same work as ours (SPEC §9: "doing the same work"): gets and
 * lists strongly consistent, as SPEC §5 requires of ours. Where a popular example differs
 * by design it is left so: its list reads 20 items and hands back DynamoDB's
 * LastEvaluatedKey (which may promise a page that turns out empty), where ours reads 21 to
 * know.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

export const logger = new Logger({ serviceName: 'tasks-peer' });
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const tableName = process.env['TABLE_NAME'] ?? '';

export type PeerResult = APIGatewayProxyResultV2 & { statusCode: number };
type Route = (event: APIGatewayProxyEventV2) => Promise<PeerResult>;

export const json = (statusCode: number, body: unknown): PeerResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The owner: the JWT's `sub`, or one fixed owner without an authorizer. */
export const ownerOf = (event: APIGatewayProxyEventV2): string => {
  const claims = Reflect.get(Object(Reflect.get(event.requestContext, 'authorizer')), 'jwt');
  const sub: unknown = Reflect.get(Object(Reflect.get(Object(claims), 'claims')), 'sub');
  return typeof sub === 'string' ? sub : 'peer';
};

/** The handler of one route: middy, the logger's middleware, a try/catch to 500. */
export const peerHandler = (route: Route) =>
  middy<APIGatewayProxyEventV2, PeerResult, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      try {
        const result = await route(event);
        logger.info('request', { path: event.rawPath, status: result.statusCode });
        return result;
      } catch (error) {
        logger.error('request failed', error instanceof Error ? error : String(error));
        return json(500, { message: 'Internal Server Error' });
      }
    });
