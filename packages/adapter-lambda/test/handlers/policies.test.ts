/**
 * Least privilege, proven both ways (SPEC §6, issue 5): each function's template policy
 * allows exactly the DynamoDB actions its code sends, no more (a leaked credential does
 * less) and no fewer (a rarely taken path, such as an idempotent replay, would fail with
 * AccessDenied only in AWS). Neither side is written down here: the template side is read
 * by @tasks/sam-template, the code side is recorded while each function's routes, read
 * from the template, run down every path against DynamoDB Local.
 */
import { loadTemplate, type TemplateFunction, templateFunctions } from '@tasks/sam-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerOver } from './support/handler-over.js';
import { type Access, accessOf, actionsOf } from './support/iam-actions.js';
import { freshTable, type SentCommand } from './support/local-table.js';
import { scenarioFor } from './support/route-scenarios.js';

const template = loadTemplate();
/** The HTTP API's functions; the stream processor's are proven in packages/stream-processor. */
const functions = templateFunctions(template).filter((fn) =>
  fn.codeUri.startsWith('../packages/adapter-lambda/'),
);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const keysOfRecord = (value: unknown): string[] => (isRecord(value) ? Object.keys(value) : []);

/** The Allow statements of a function's inline policies, as the template writes them. */
const statementsOf = (functionId: string): { actions: string[]; resources: unknown[] }[] =>
  listOf(template.Resources[functionId]?.Properties?.['Policies']).flatMap((policy) =>
    listOf(isRecord(policy) ? policy['Statement'] : undefined)
      .filter(isRecord)
      .filter((statement) => statement['Effect'] === 'Allow')
      .map((statement) => ({
        actions: listOf(statement['Action']).filter((action) => typeof action === 'string'),
        resources: listOf(statement['Resource']),
      })),
  );

const TABLE_ARN = { 'Fn::GetAtt': ['TasksTable', 'Arn'] };
const STATS_TABLE_ARN = { 'Fn::GetAtt': ['StatsTable', 'Arn'] };
const INDEX_ARN_PREFIX = '${TasksTable.Arn}/index/';
const sameJson = (left: unknown, right: unknown): boolean =>
  JSON.stringify(left) === JSON.stringify(right);
const indexArnOf = (resource: unknown): string | undefined => {
  const sub = isRecord(resource) ? resource['Fn::Sub'] : undefined;
  return typeof sub === 'string' && sub.startsWith(INDEX_ARN_PREFIX) ? sub : undefined;
};
/** Whether `resources` cover `index` of the table, by name or by `index/*`. */
const coversIndex = (resources: readonly unknown[], index: string): boolean =>
  resources.some((resource) =>
    [`${INDEX_ARN_PREFIX}*`, `${INDEX_ARN_PREFIX}${index}`].includes(indexArnOf(resource) ?? ''),
  );

let table: Awaited<ReturnType<typeof freshTable>>;
beforeAll(async () => {
  table = await freshTable();
});
afterAll(async () => {
  await table?.drop();
});

/** Runs every route of `fn` down every path, and returns what its code sent. */
const exercise = async (fn: TemplateFunction): Promise<SentCommand[]> => {
  const sent: SentCommand[] = [];
  const owner = `owner-${fn.functionId}`;
  const subject = handlerOver(table.repository(sent), owner, table.stats(sent));
  const seed = handlerOver(table.repository(), owner, table.stats());
  for (const route of fn.routes) await scenarioFor(route)({ subject, seed });
  return sent;
};

describe.each(functions)('$functionId', (fn) => {
  let accesses: Access[];
  let sent: SentCommand[];
  beforeAll(async () => {
    sent = await exercise(fn);
    accesses = sent.flatMap(accessOf);
  });

  it('is allowed exactly the DynamoDB actions its routes send, on every path', () => {
    expect(actionsOf(sent)).toEqual(fn.actions);
  });

  /** The one table of the stage the function sends to: the tasks', or the statistics'. */
  const tableArnOf = (): unknown =>
    accesses.some((access) => access.table === table.statsTableName) ? STATS_TABLE_ARN : TABLE_ARN;

  it('sends commands to one table of the stage only', () => {
    const tables = new Set(accesses.map((access) => access.table));
    expect(tables.size).toBeLessThanOrEqual(1);
    for (const name of tables) expect([table.tableName, table.statsTableName]).toContain(name);
  });

  it('is allowed its actions on that table, and on the indexes it queries, only', () => {
    const statements = statementsOf(fn.functionId);
    const queriesAnIndex = accesses.some((access) => access.index !== undefined);
    const tableArn = tableArnOf();
    for (const { resources } of statements) {
      expect(resources).toContainEqual(tableArn);
      const others = resources.filter((resource) => !sameJson(resource, tableArn));
      expect(others.every((resource) => indexArnOf(resource) !== undefined)).toBe(true);
      if (!queriesAnIndex) expect(others, 'no index is queried').toEqual([]);
    }
    for (const { action, index } of accesses) {
      if (index === undefined) continue;
      const allowing = statements.filter((statement) => statement.actions.includes(action));
      expect(
        allowing.some((statement) => coversIndex(statement.resources, index)),
        `${action} on index ${index}`,
      ).toBe(true);
    }
  });
});

describe('the policies of infra/template.yaml', () => {
  // A managed policy, a SAM policy template (DynamoDBCrudPolicy…) or a role of its own would
  // grant actions that neither @tasks/sam-template nor this test can see.
  it('are inline statements only, on every function and in Globals', () => {
    const globals = template.Globals?.['Function'];
    expect(isRecord(globals) && ('Policies' in globals || 'Role' in globals)).toBe(false);
    for (const fn of functions) {
      const properties = template.Resources[fn.functionId]?.Properties ?? {};
      const policies = properties['Policies'];
      expect(properties['Role'], fn.functionId).toBeUndefined();
      for (const policy of policies === undefined ? [] : listOf(policies)) {
        const keys = keysOfRecord(policy).filter((key) => key !== 'Version');
        expect(keys, fn.functionId).toEqual(['Statement']);
      }
    }
  });
});

describe('the fallback function', () => {
  const fallbacks = functions.filter((fn) =>
    fn.routes.some((route) => route.method === 'ANY' || route.path === '$default'),
  );

  it('is one function, allowed no action and sending no command', async () => {
    expect(fallbacks.map((fn) => fn.functionId)).toHaveLength(1);
    for (const fn of fallbacks) {
      expect(fn.actions).toEqual([]);
      expect(statementsOf(fn.functionId)).toEqual([]);
      expect(await exercise(fn)).toEqual([]);
    }
  });
});
