import { randomUUID } from 'node:crypto';
import { createLocalDynamoDbClient, ensureTable } from '@tasks/adapter-dynamodb';
import { loadTemplate, tableDefinition } from '@tasks/sam-template';
import { toReply } from '../http/harness.js';
import { httpEvent } from '../http/http-event.js';
import { lambdaContext } from '../http/lambda-context.js';
import { composeApi } from '../support/api-handler.js';

type EventOverrides = Parameters<typeof httpEvent>[0];

/** Creates a table from the template on `endpoint` (when it is missing). */
export const createTable = async (endpoint: string, tableName: string, logicalId?: string) => {
  const client = createLocalDynamoDbClient(endpoint);
  await ensureTable(
    client,
    tableDefinition(loadTemplate(), {
      tableName,
      ...(logicalId === undefined ? {} : { logicalId }),
    }),
  );
  client.destroy();
};

// The template's function timeout (Globals): each invocation may use its store that long.
const FUNCTION_TIMEOUT = { getRemainingTimeInMillis: () => 20_000 };

/**
 * A deployed function's handler, composed by its own composition root from the
 * environment, on a table of DynamoDB Local created from the template.
 */
export const dynamoDbHandler = async (endpoint: string, tableName = `tasks-${randomUUID()}`) => {
  await createTable(endpoint, tableName);
  const handler = composeApi({
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    AUTH_MODE: 'jwt',
    LOG_LEVEL: 'error',
  });
  return {
    tableName,
    invoke: async (overrides: EventOverrides) =>
      toReply(await handler(httpEvent(overrides), lambdaContext(FUNCTION_TIMEOUT))),
  };
};

export const postTask = (title: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  rawPath: '/tasks',
  body: JSON.stringify({ title }),
  headers: { 'content-type': 'application/json', ...headers },
});
