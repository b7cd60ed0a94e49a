import { describe, expect, it } from 'vitest';
import { loadTemplate, parseTemplate, resolveIntrinsics, tableDefinition } from '../src/index.js';

describe('the table of infra/template.yaml', () => {
  const template = loadTemplate();

  it('is keyed by owner and task id, with the owner-and-status index projecting the task', () => {
    const { createTable } = tableDefinition(template, { tableName: 'tasks-test' });
    expect(createTable).toMatchObject({
      TableName: 'tasks-test',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByStatus',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'g', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      SSESpecification: { Enabled: true },
    });
  });

  it('has a stream of old and new images, for the statistics (SPEC §10)', () => {
    expect(tableDefinition(template, { tableName: 't' }).createTable.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
  });

  it('keeps the statistics in a table of their own, without a stream', () => {
    const { createTable } = tableDefinition(template, { logicalId: 'StatsTable', tableName: 's' });
    expect(createTable.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(createTable.StreamSpecification).toBeUndefined();
  });

  it('expires idempotency records through TTL', () => {
    expect(tableDefinition(template, { tableName: 't' }).timeToLive).toEqual({
      AttributeName: 'ttl',
      Enabled: true,
    });
  });

  it.each([
    ['dev', false],
    ['prod', true],
  ])('in %s, point-in-time recovery and deletion protection are %s', (stage, on) => {
    const definition = tableDefinition(template, { tableName: 't', parameters: { Stage: stage } });
    expect(definition.pointInTimeRecovery).toBe(on);
    expect(definition.createTable.DeletionProtectionEnabled).toBe(on);
  });
});

describe('resolveIntrinsics', () => {
  const template = parseTemplate(`
Parameters:
  Stage: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Table: { Type: AWS::DynamoDB::Table }
`);

  it('resolves Ref, Sub, If, Equals, Not and Join for the given parameters', () => {
    const value = {
      name: { 'Fn::Sub': 'tasks-${Stage}-${AWS::Region}' },
      size: { 'Fn::If': ['IsProd', 'large', 'small'] },
      dev: { Condition: 'NotProd' },
      joined: { 'Fn::Join': ['/', ['a', { Ref: 'Stage' }]] },
      gone: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] },
    };
    expect(resolveIntrinsics(value, template)).toEqual({
      name: 'tasks-dev-us-east-1',
      size: 'small',
      dev: true,
      joined: 'a/dev',
    });
    expect(resolveIntrinsics(value, template, { parameters: { Stage: 'prod' } })).toMatchObject({
      size: 'large',
      dev: false,
      gone: 'x',
    });
  });

  it('resolves GetAtt, and Sub with its own variables, from what it is given', () => {
    const value = {
      arn: { 'Fn::GetAtt': ['Table', 'Arn'] },
      sub: { 'Fn::Sub': ['${Table.Arn}/${Index}/${Stage}', { Index: { Ref: 'Stage' } }] },
    };
    expect(resolveIntrinsics(value, template, { resources: { 'Table.Arn': 'arn:table' } })).toEqual(
      { arn: 'arn:table', sub: 'arn:table/dev/dev' },
    );
  });

  it('refuses what it cannot resolve, naming it', () => {
    expect(() => resolveIntrinsics({ Ref: 'Table' }, template)).toThrow(/Table/);
    expect(() => resolveIntrinsics({ 'Fn::GetAtt': ['Table', 'Arn'] }, template)).toThrow(
      /Fn::GetAtt/,
    );
  });

  it('parses the short-form tags of CloudFormation', () => {
    const parsed = parseTemplate(
      'Resources:\n  A:\n    Type: X\n    Properties:\n      Arn: !GetAtt T.Arn\n      S: !Sub "${A}"\n',
    );
    expect(parsed.Resources['A']?.Properties).toEqual({
      Arn: { 'Fn::GetAtt': ['T', 'Arn'] },
      S: { 'Fn::Sub': '${A}' },
    });
  });
});
