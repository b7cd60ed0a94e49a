import type { SentCommand } from './local-table.js';

/** What one command asks IAM for: an action on a table, or on one of its indexes. */
export interface Access {
  readonly action: string;
  readonly table: string;
  readonly index?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A transaction is authorised item by item: there is no `dynamodb:TransactWriteItems`
 * action, each Put needs `dynamodb:PutItem` and so on (DynamoDB developer guide,
 * "Using IAM with DynamoDB transactions").
 */
const TRANSACT_ITEM_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

const tableOf = (input: Record<string, unknown>, command: string): string => {
  const table = input['TableName'];
  if (typeof table !== 'string') throw new Error(`${command} names no table`);
  return table;
};

const transactItems = (command: SentCommand): Access[] => {
  const items = isRecord(command.input) ? command.input['TransactItems'] : undefined;
  if (!Array.isArray(items)) throw new Error(`${command.name} has no TransactItems`);
  return items.flatMap((item: unknown) =>
    Object.entries(isRecord(item) ? item : {}).map(([kind, operation]) => {
      const action = TRANSACT_ITEM_ACTIONS[kind];
      if (action === undefined || !isRecord(operation))
        throw new Error(`${command.name} has an item of unknown kind ${kind}`);
      return { action, table: tableOf(operation, command.name) };
    }),
  );
};

/**
 * The IAM actions (and resources) a recorded command needs: `GetItemCommand` needs
 * `dynamodb:GetItem` on its table, a `QueryCommand` with an `IndexName` needs
 * `dynamodb:Query` on that index, a transaction needs the action of each of its items,
 * a BatchWriteItem (the statistics' rebuild) `dynamodb:BatchWriteItem` on each table it
 * names. Other batch commands are not used: they throw until they are mapped.
 */
export const accessOf = (command: SentCommand): Access[] => {
  const operation = command.name.replace(/Command$/, '');
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    return transactItems(command);
  }
  if (operation === 'BatchWriteItem' && isRecord(command.input)) {
    const requests = command.input['RequestItems'];
    return Object.keys(isRecord(requests) ? requests : {}).map((table) => ({
      action: 'dynamodb:BatchWriteItem',
      table,
    }));
  }
  if (!isRecord(command.input) || operation.startsWith('Batch')) {
    throw new Error(`no IAM mapping for ${command.name}`);
  }
  const index = command.input['IndexName'];
  return [
    {
      action: `dynamodb:${operation}`,
      table: tableOf(command.input, command.name),
      ...(typeof index === 'string' ? { index } : {}),
    },
  ];
};

/** The distinct actions of `commands`, sorted, as `templateFunctions` lists a policy's. */
export const actionsOf = (commands: readonly SentCommand[]): string[] =>
  [...new Set(commands.flatMap(accessOf).map((access) => access.action))].sort();
