import { type IntrinsicContext, resolveIntrinsics } from './intrinsics.js';
import { isRecord, type SamTemplate } from './load-template.js';

export interface KeySchemaElement {
  readonly AttributeName: string;
  readonly KeyType: 'HASH' | 'RANGE';
}

/** The arguments of DynamoDB's `CreateTable` that the template's table resource describes. */
export interface CreateTableInput {
  readonly TableName: string;
  readonly BillingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly AttributeDefinitions: {
    AttributeName: string;
    AttributeType: 'S' | 'N' | 'B';
  }[];
  readonly KeySchema: KeySchemaElement[];
  readonly GlobalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: KeySchemaElement[];
    Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  }[];
  readonly SSESpecification?: { Enabled: boolean };
  /** The table's stream, as CreateTable takes it (DynamoDB Local serves it too). */
  readonly StreamSpecification?: {
    StreamEnabled: boolean;
    StreamViewType: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY';
  };
  readonly DeletionProtectionEnabled?: boolean;
}

/** A table as the template defines it for one stage, in the DynamoDB API's terms. */
export interface TableDefinition {
  readonly createTable: CreateTableInput;
  /** For `UpdateTimeToLive` (CreateTable does not take it). */
  readonly timeToLive?: { readonly AttributeName: string; readonly Enabled: boolean };
  readonly pointInTimeRecovery: boolean;
}

const fail = (message: string): never => {
  throw new Error(`table definition: ${message}`);
};
const record = (value: unknown, what: string): Record<string, unknown> =>
  isRecord(value) ? value : fail(`${what} is not a map`);
const text = (value: unknown, what: string): string =>
  typeof value === 'string' ? value : fail(`${what} is not a string`);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[], what: string): T =>
  allowed.find((item) => item === value) ?? fail(`${what} must be one of ${allowed.join(', ')}`);
const items = (value: unknown, what: string): unknown[] =>
  Array.isArray(value) ? value : fail(`${what} is not a list`);

const keySchema = (value: unknown, what: string): KeySchemaElement[] =>
  items(value, what).map((element) => {
    const key = record(element, what);
    return {
      AttributeName: text(key['AttributeName'], `${what}.AttributeName`),
      KeyType: oneOf(key['KeyType'], ['HASH', 'RANGE'], `${what}.KeyType`),
    };
  });

/**
 * The `AWS::DynamoDB::Table` resource `logicalId`, resolved for `parameters` (such as
 * `{ Stage: 'dev' }`) and named `tableName`: what a test harness or the local runtime
 * creates, so that the table is described once, in the template.
 */
export const tableDefinition = (
  template: SamTemplate,
  {
    logicalId = 'TasksTable',
    tableName,
    parameters = {},
  }: {
    logicalId?: string;
    tableName: string;
    parameters?: IntrinsicContext['parameters'];
  },
): TableDefinition => {
  const resource = template.Resources[logicalId] ?? fail(`no resource ${logicalId}`);
  if (resource.Type !== 'AWS::DynamoDB::Table') fail(`${logicalId} is a ${resource.Type}`);
  const properties = record(
    resolveIntrinsics(resource.Properties, template, { parameters }),
    'Properties',
  );

  const indexes = properties['GlobalSecondaryIndexes'];
  const sse = properties['SSESpecification'];
  const stream = properties['StreamSpecification'];
  const ttl = properties['TimeToLiveSpecification'];
  const pitr = properties['PointInTimeRecoverySpecification'];
  const deletionProtection = properties['DeletionProtectionEnabled'];
  return {
    createTable: {
      TableName: tableName,
      BillingMode: oneOf(
        properties['BillingMode'] ?? 'PROVISIONED',
        ['PAY_PER_REQUEST', 'PROVISIONED'],
        'BillingMode',
      ),
      AttributeDefinitions: items(properties['AttributeDefinitions'], 'AttributeDefinitions').map(
        (item) => {
          const definition = record(item, 'AttributeDefinitions');
          return {
            AttributeName: text(definition['AttributeName'], 'AttributeName'),
            AttributeType: oneOf(definition['AttributeType'], ['S', 'N', 'B'], 'AttributeType'),
          };
        },
      ),
      KeySchema: keySchema(properties['KeySchema'], 'KeySchema'),
      ...(indexes === undefined
        ? {}
        : {
            GlobalSecondaryIndexes: items(indexes, 'GlobalSecondaryIndexes').map((item) => {
              const index = record(item, 'GlobalSecondaryIndexes');
              const projection = record(index['Projection'], 'Projection');
              return {
                IndexName: text(index['IndexName'], 'IndexName'),
                KeySchema: keySchema(index['KeySchema'], 'GlobalSecondaryIndexes.KeySchema'),
                Projection: {
                  ProjectionType: oneOf(
                    projection['ProjectionType'],
                    ['ALL', 'KEYS_ONLY', 'INCLUDE'],
                    'ProjectionType',
                  ),
                  ...(Array.isArray(projection['NonKeyAttributes'])
                    ? {
                        NonKeyAttributes: projection['NonKeyAttributes'].map((name) =>
                          text(name, 'NonKeyAttributes'),
                        ),
                      }
                    : {}),
                },
              };
            }),
          }),
      ...(sse === undefined
        ? {}
        : {
            SSESpecification: { Enabled: record(sse, 'SSESpecification')['SSEEnabled'] === true },
          }),
      ...(stream === undefined
        ? {}
        : {
            StreamSpecification: {
              StreamEnabled: true,
              StreamViewType: oneOf(
                record(stream, 'StreamSpecification')['StreamViewType'],
                ['NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'OLD_IMAGE', 'KEYS_ONLY'],
                'StreamViewType',
              ),
            },
          }),
      ...(typeof deletionProtection === 'boolean'
        ? { DeletionProtectionEnabled: deletionProtection }
        : {}),
    },
    ...(ttl === undefined
      ? {}
      : {
          timeToLive: {
            AttributeName: text(
              record(ttl, 'TimeToLiveSpecification')['AttributeName'],
              'TimeToLive AttributeName',
            ),
            Enabled: record(ttl, 'TimeToLiveSpecification')['Enabled'] === true,
          },
        }),
    pointInTimeRecovery:
      pitr !== undefined &&
      record(pitr, 'PointInTimeRecoverySpecification')['PointInTimeRecoveryEnabled'] === true,
  };
};
