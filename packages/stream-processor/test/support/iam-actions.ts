import type { SentCommand } from './local-tables.js';

/** What one command asks IAM for: an action on a table. */
export interface Access {
  readonly action: string;
  readonly table: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A transaction is authorised item by item (DynamoDB developer guide, "Using IAM with
// DynamoDB transactions"); as in packages/adapter-lambda/test/handlers/support/iam-actions.ts.
const TRANSACT_ITEM_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

const tableOf = (input: Record<string, unknown>, command: string): string => {
  const table = input['TableName'];
  if (typeof table !== 'string') throw new Error(`${command} names no table`);
  return table;
};

/**
 * The IAM actions a recorded command needs, per table: a transaction the action of each
 * item, a BatchWriteItem `dynamodb:BatchWriteItem` on each table it names.
 */
export const accessOf = (command: SentCommand): Access[] => {
  const operation = command.name.replace(/Command$/, '');
  const input = isRecord(command.input) ? command.input : {};
  if (operation === 'TransactWriteItems') {
    const items = input['TransactItems'];
    if (!Array.isArray(items)) throw new Error(`${command.name} has no TransactItems`);
    return items.flatMap((item: unknown) =>
      Object.entries(isRecord(item) ? item : {}).map(([kind, write]) => {
        const action = TRANSACT_ITEM_ACTIONS[kind];
        if (action === undefined || !isRecord(write)) throw new Error(`unknown item kind ${kind}`);
        return { action, table: tableOf(write, command.name) };
      }),
    );
  }
  if (operation === 'BatchWriteItem') {
    const tables = Object.keys(isRecord(input['RequestItems']) ? input['RequestItems'] : {});
    return tables.map((table) => ({ action: 'dynamodb:BatchWriteItem', table }));
  }
  if (operation.startsWith('Batch') || operation.startsWith('Transact')) {
    throw new Error(`no IAM mapping for ${command.name}`);
  }
  return [{ action: `dynamodb:${operation}`, table: tableOf(input, command.name) }];
};
