/**
 * infra/github-oidc.yaml, the stack a user deploys once: who may assume each deploy role
 * (exactly one repository's jobs in one GitHub environment), and what the role may do
 * (what deploying and smoke-testing tasks-<stage> needs, scoped to that stack's names).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseTemplate, resolveIntrinsics, type SamTemplate } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import { isRecord, type Json, ROOT, readText, recordAt, recordsAt } from './support/repository.js';

const BOOTSTRAP = 'infra/github-oidc.yaml';
const bootstrap = parseTemplate(readText(BOOTSTRAP));
const application = parseTemplate(readText('infra/template.yaml'));
const PROVIDER_ARN = 'arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com';
const STAGES = ['dev', 'prod'] as const;
type Stage = (typeof STAGES)[number];
const ROLES: Record<Stage, string> = { dev: 'DevDeployRole', prod: 'ProdDeployRole' };

/** A role's properties as CloudFormation would create them for these parameters. */
const roleProperties = (stage: Stage, parameters: Record<string, string>): Json => {
  const resolved = resolveIntrinsics(bootstrap.Resources[ROLES[stage]]?.Properties, bootstrap, {
    parameters,
    resources: { GitHubOidcProvider: PROVIDER_ARN },
  });
  if (!isRecord(resolved)) throw new Error(`${ROLES[stage]} has no properties`);
  return resolved;
};

const REPOSITORY = { GitHubOwner: 'octo-org', GitHubRepository: 'tasks' };

/**
 * Actions that name no resource: the Service Authorization Reference lists no resource type
 * for them, so only a statement on '*' allows them (one naming an ARN never matches).
 */
const NAME_NO_RESOURCE = [
  'cloudformation:ValidateTemplate',
  'logs:DescribeLogGroups',
  'cognito-idp:CreateUserPool',
  'cloudfront:CreateCachePolicy',
  'cloudfront:CreateDistribution',
  'cloudfront:CreateFunction',
  'cloudfront:CreateOriginAccessControl',
  'cloudfront:CreateResponseHeadersPolicy',
];
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Every Allow statement of a role's inline policies. */
const allowStatements = (stage: Stage): Json[] =>
  recordsAt(roleProperties(stage, REPOSITORY), 'Policies').flatMap((policy) =>
    recordsAt(recordAt(policy, 'PolicyDocument'), 'Statement').filter(
      (statement) => statement['Effect'] === 'Allow',
    ),
  );
const allowedActions = (stage: Stage): Set<string> =>
  new Set(allowStatements(stage).flatMap((statement) => asList(statement['Action']).map(String)));

/** A request as IAM sees it: the action, the resource's ARN and the resource's tags. */
interface Request {
  readonly action: string;
  readonly resource: string;
  readonly resourceTags?: Readonly<Record<string, string>>;
}

/** IAM's wildcard match of an action or a resource ARN: `*` any run, `?` one character. */
const wildcard = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('')
      .map((character) =>
        character === '*'
          ? '.*'
          : character === '?'
            ? '.'
            : character.replace(/[.+^${}()|[\]\\/]/g, '\\$&'),
      )
      .join('')}$`,
  );

/**
 * Whether a statement's Condition holds for a request, for the operators and keys the
 * roles use on CloudFront and CloudFormation; anything else throws rather than guess.
 */
const conditionHolds = (condition: unknown, request: Request): boolean => {
  if (condition === undefined) return true;
  if (!isRecord(condition)) throw new Error(`a Condition is ${JSON.stringify(condition)}`);
  return Object.entries(condition).every(([operator, keys]) => {
    if (!isRecord(keys)) throw new Error(`${operator} names no keys`);
    return Object.entries(keys).every(([key, expected]) => {
      const tag = /^aws:ResourceTag\/(.+)$/.exec(key)?.[1];
      if (tag === undefined) throw new Error(`no value known for the condition key ${key}`);
      const value = request.resourceTags?.[tag];
      const values = asList(expected).map(String);
      if (operator === 'StringEquals') return value !== undefined && values.includes(value);
      if (operator === 'Null') return values.includes(String(value === undefined));
      throw new Error(`no evaluation known for the condition operator ${operator}`);
    });
  });
};

/** Whether an Allow statement of the stage's role allows the request. */
const allows = (stage: Stage, request: Request): boolean =>
  allowStatements(stage).some(
    (statement) =>
      asList(statement['Action']).some((action) => wildcard(String(action)).test(request.action)) &&
      asList(statement['Resource']).some((resource) =>
        wildcard(String(resource)).test(request.resource),
      ) &&
      conditionHolds(statement['Condition'], request),
  );

/** The ARN of each transform of infra/template.yaml's Transform list (AWS::Name → transform/Name). */
const TRANSFORM_ARNS = asList(application.Transform).map(
  (name) => `arn:aws:cloudformation:us-east-1:aws:transform/${String(name).replace(/^AWS::/, '')}`,
);

/**
 * The CloudFront resources infra/template.yaml makes in the stack tasks-<stage>: their ARNs
 * (made-up ids where CloudFront generates them, names as the template gives them) and tags.
 */
const cloudFrontResourcesOf = (
  stage: Stage,
): { type: string; resource: string; resourceTags: Record<string, string> }[] => {
  const stack = { parameters: { 'AWS::StackName': `tasks-${stage}`, Stage: stage } };
  const arn = (path: string) => `arn:aws:cloudfront::000000000000:${path}`;
  return Object.entries(application.Resources)
    .filter(([, resource]) => resource.Type.startsWith('AWS::CloudFront::'))
    .map(([id, { Type: type, Properties: properties = {} }]) => {
      const tags = resolveIntrinsics(properties['Tags'] ?? [], application, stack);
      const resourceTags = Object.fromEntries(
        asList(tags).map((tag) =>
          isRecord(tag) ? [String(tag['Key']), String(tag['Value'])] : [],
        ),
      );
      const generated = `${stage.toUpperCase()}${id.toUpperCase()}`;
      const path: Record<string, string> = {
        'AWS::CloudFront::Distribution': `distribution/${generated}`,
        'AWS::CloudFront::Function': `function/${String(resolveIntrinsics(properties['Name'], application, stack))}`,
        'AWS::CloudFront::CachePolicy': `cache-policy/${generated}`,
        'AWS::CloudFront::OriginAccessControl': `origin-access-control/${generated}`,
        'AWS::CloudFront::ResponseHeadersPolicy': `response-headers-policy/${generated}`,
      };
      const known = path[type];
      if (known === undefined) throw new Error(`no ARN known for ${type}`);
      return { type, resource: arn(known), resourceTags };
    });
};

describe('infra/github-oidc.yaml', () => {
  it('passes cfn-lint', async () => {
    const lint = await promisify(execFile)('cfn-lint', [`${ROOT}${BOOTSTRAP}`]).then(
      () => 'clean',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(lint).toBe('clean');
  });

  it.each(STAGES)('%s: trusts only the repository jobs of that GitHub environment', (stage) => {
    expect(recordAt(roleProperties(stage, REPOSITORY), 'AssumeRolePolicyDocument')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': `repo:octo-org/tasks:environment:${stage}`,
            },
          },
        },
      ],
    });
  });

  it.each(STAGES)('%s: trusts the immutable subject when the numeric ids are given', (stage) => {
    const properties = roleProperties(stage, {
      ...REPOSITORY,
      GitHubOwnerId: '123456',
      GitHubRepositoryId: '789012',
    });
    expect(JSON.stringify(properties['AssumeRolePolicyDocument'])).toContain(
      `"repo:octo-org@123456/tasks@789012:environment:${stage}"`,
    );
  });

  it('trusts an existing provider when its ARN is given, and creates none then', () => {
    const existing = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
    const properties = roleProperties('dev', { ...REPOSITORY, ExistingOidcProviderArn: existing });
    expect(JSON.stringify(properties)).toContain(`{"Federated":"${existing}"}`);
    expect(bootstrap.Resources['GitHubOidcProvider']).toMatchObject({
      Condition: 'CreateOidcProvider',
      Properties: {
        Url: 'https://token.actions.githubusercontent.com',
        ClientIdList: ['sts.amazonaws.com'],
      },
    });
  });

  it('has no wildcard, no StringLike and no ForAllValues in any trust', () => {
    const ids = { GitHubOwnerId: '123456', GitHubRepositoryId: '789012' };
    for (const stage of STAGES) {
      for (const parameters of [REPOSITORY, { ...REPOSITORY, ...ids }]) {
        const trust = JSON.stringify(roleProperties(stage, parameters)['AssumeRolePolicyDocument']);
        expect(trust).not.toMatch(/ForAllValues|ForAnyValue|StringLike|[*?]/);
      }
    }
  });

  it('gives both stages the same policy, each on its own stack', () => {
    const dev = JSON.stringify(allowStatements('dev')).replaceAll('tasks-dev', 'tasks-STAGE');
    const prod = JSON.stringify(allowStatements('prod')).replaceAll('tasks-prod', 'tasks-STAGE');
    expect(dev).toBe(prod);
  });

  it.each(STAGES)(
    '%s: names only its own stack, SAM’s artifact stack and bucket, and unnameable resources',
    (stage) => {
      // Resources whose names CloudFormation or AWS generate, where a stack prefix is impossible.
      const unscoped = [
        /^arn:aws:cloudformation:us-east-1:000000000000:stack\/aws-sam-cli-managed-default\/\*$/,
        /^arn:aws:s3:::aws-sam-cli-managed-default-samclisourcebucket-\*(\/\*)?$/,
        /^arn:aws:apigateway:us-east-1::\/(apis|apis\/\*|tags\/\*)$/,
        /^arn:aws:cognito-idp:us-east-1:000000000000:userpool\/\*$/,
        /^arn:aws:lambda:us-east-1:000000000000:event-source-mapping:\*$/,
        /^arn:aws:cloudfront::000000000000:(cache-policy|origin-access-control|response-headers-policy)\/\*$/,
        /^arn:aws:acm:us-east-1:000000000000:certificate\/\*$/,
      ];
      // Event source mappings have UUIDs, and creating one names no resource: these actions
      // may be on '*' only when scoped by the function they invoke, one of the stack's.
      const byFunction = new Set([
        'lambda:CreateEventSourceMapping',
        'lambda:DeleteEventSourceMapping',
        'lambda:UpdateEventSourceMapping',
      ]);
      const scopedByFunction = (statement: Json): boolean =>
        asList(statement['Action']).every((action) => byFunction.has(String(action))) &&
        JSON.stringify(statement['Condition']) ===
          JSON.stringify({
            ArnLike: {
              'lambda:FunctionArn': `arn:aws:lambda:us-east-1:000000000000:function:tasks-${stage}-*`,
            },
          });
      // Distributions have generated ids: scoped by the stack's tag, or (to tag the new one)
      // by having no stack tag yet.
      const scopedByTag = (statement: Json): boolean =>
        JSON.stringify(statement['Condition']) ===
          JSON.stringify({ StringEquals: { 'aws:ResourceTag/tasks:stack': `tasks-${stage}` } }) ||
        (JSON.stringify(statement['Action']) === '"cloudfront:TagResource"' &&
          JSON.stringify(statement['Condition']) ===
            JSON.stringify({ Null: { 'aws:ResourceTag/tasks:stack': 'true' } }));
      const everywhere = new Set(NAME_NO_RESOURCE);
      for (const statement of allowStatements(stage)) {
        for (const resource of asList(statement['Resource']).map(String)) {
          const scoped =
            resource.includes(`tasks-${stage}/`) ||
            resource.includes(`tasks-${stage}-`) ||
            unscoped.some((pattern) => pattern.test(resource)) ||
            TRANSFORM_ARNS.includes(resource) ||
            (resource === 'arn:aws:cloudfront::000000000000:distribution/*' &&
              scopedByTag(statement)) ||
            (resource === '*' &&
              (asList(statement['Action']).every((action) => everywhere.has(String(action))) ||
                scopedByFunction(statement)));
          expect({ sid: statement['Sid'], resource, scoped }).toEqual({
            sid: statement['Sid'],
            resource,
            scoped: true,
          });
        }
      }
    },
  );

  it.each(STAGES)('%s: allows on * each action that names no resource', (stage) => {
    const onEverything = new Set(
      allowStatements(stage)
        .filter(
          (statement) => statement['Resource'] === '*' && statement['Condition'] === undefined,
        )
        .flatMap((statement) => asList(statement['Action']).map(String)),
    );
    const granted = [...allowedActions(stage)];
    const unnamed = granted.filter((action) => NAME_NO_RESOURCE.includes(action));
    expect(unnamed.length).toBeGreaterThanOrEqual(5);
    expect(unnamed.filter((action) => !onEverything.has(action))).toEqual([]);
  });

  it.each(STAGES)('%s: may create change sets with each transform the template names', (stage) => {
    expect(TRANSFORM_ARNS).toContain(
      'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31',
    );
    const refused = TRANSFORM_ARNS.filter(
      (resource) => !allows(stage, { action: 'cloudformation:CreateChangeSet', resource }),
    );
    expect(refused).toEqual([]);
  });

  it.each(STAGES)(
    '%s: may change its own stack’s CloudFront resources, and not the other stage’s',
    (stage) => {
      const other: Stage = stage === 'dev' ? 'prod' : 'dev';
      const changing = [...allowedActions(stage)].filter((action) =>
        /^cloudfront:(Update|Delete|Tag|Untag|Publish|Associate|Disassociate)/.test(action),
      );
      expect(changing).toEqual(
        expect.arrayContaining(['cloudfront:UpdateDistribution', 'cloudfront:DeleteFunction']),
      );
      const reachable = (of: Stage): string[] =>
        cloudFrontResourcesOf(of).flatMap(({ type, ...resource }) =>
          changing.some((action) => allows(stage, { action, ...resource }))
            ? [`${type} ${resource.resource}`]
            : [],
        );
      // Its own: every one of them.
      expect(reachable(stage)).toHaveLength(cloudFrontResourcesOf(stage).length);
      // The other stage's: only those that have generated ids and take no tags (README
      // "Limits": one AWS account per stage for full separation).
      expect(
        reachable(other)
          .map((entry) => entry.split(' ')[0])
          .sort(),
      ).toEqual([
        'AWS::CloudFront::CachePolicy',
        'AWS::CloudFront::OriginAccessControl',
        'AWS::CloudFront::ResponseHeadersPolicy',
        'AWS::CloudFront::ResponseHeadersPolicy',
      ]);
    },
  );

  it.each(STAGES)('%s: passes only the stack’s own roles, and only to Lambda', (stage) => {
    const passing = allowStatements(stage).filter((statement) =>
      asList(statement['Action']).some((action) => String(action).startsWith('iam:Pass')),
    );
    expect(passing).toEqual([
      {
        Sid: 'PassOnlyTheStacksRolesToLambda',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::000000000000:role/tasks-${stage}-*`,
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      },
    ]);
  });
});

// What creating each of infra/template.yaml's resource types takes (SAM expands a function
// into a function and its role; an HTTP API into an API, its stage and its routes). A type
// not listed fails the test below: give the deploy roles what it needs, then list it here.
const NEEDED_TO_CREATE: Record<string, readonly string[]> = {
  'AWS::DynamoDB::Table': [
    'dynamodb:CreateTable',
    'dynamodb:UpdateTable',
    'dynamodb:UpdateTimeToLive',
  ],
  'AWS::Cognito::UserPool': ['cognito-idp:CreateUserPool', 'cognito-idp:UpdateUserPool'],
  'AWS::Cognito::UserPoolClient': ['cognito-idp:CreateUserPoolClient'],
  'AWS::Serverless::HttpApi': ['apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'],
  'AWS::Serverless::Function': [
    'lambda:CreateFunction',
    'lambda:UpdateFunctionCode',
    'lambda:AddPermission',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:AttachRolePolicy',
    'iam:PassRole',
  ],
  'AWS::Lambda::EventSourceMapping': [
    'lambda:CreateEventSourceMapping',
    'lambda:GetEventSourceMapping',
    'lambda:UpdateEventSourceMapping',
    'lambda:DeleteEventSourceMapping',
  ],
  'AWS::SQS::Queue': [
    'sqs:CreateQueue',
    'sqs:GetQueueAttributes',
    'sqs:SetQueueAttributes',
    'sqs:DeleteQueue',
  ],
  'AWS::Logs::LogGroup': ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
  'AWS::SNS::Topic': ['sns:CreateTopic'],
  'AWS::SNS::Subscription': ['sns:Subscribe'],
  'AWS::CloudWatch::Alarm': ['cloudwatch:PutMetricAlarm'],
  'AWS::CloudWatch::Dashboard': ['cloudwatch:PutDashboard'],
  'AWS::CloudFront::Function': [
    'cloudfront:CreateFunction',
    'cloudfront:UpdateFunction',
    'cloudfront:PublishFunction',
  ],
  'AWS::S3::Bucket': [
    's3:CreateBucket',
    's3:PutBucketOwnershipControls',
    's3:PutBucketPublicAccessBlock',
    's3:PutBucketVersioning',
    's3:PutEncryptionConfiguration',
    's3:PutLifecycleConfiguration',
    // CloudFormation tags every bucket it creates with its aws:cloudformation:* tags.
    's3:PutBucketTagging',
    's3:GetBucketTagging',
    's3:DeleteBucket',
  ],
  'AWS::S3::BucketPolicy': ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'],
  'AWS::CloudFront::OriginAccessControl': [
    'cloudfront:CreateOriginAccessControl',
    'cloudfront:GetOriginAccessControl',
    'cloudfront:UpdateOriginAccessControl',
    'cloudfront:DeleteOriginAccessControl',
  ],
  'AWS::CloudFront::CachePolicy': [
    'cloudfront:CreateCachePolicy',
    'cloudfront:GetCachePolicy',
    'cloudfront:UpdateCachePolicy',
    'cloudfront:DeleteCachePolicy',
  ],
  'AWS::CloudFront::ResponseHeadersPolicy': [
    'cloudfront:CreateResponseHeadersPolicy',
    'cloudfront:GetResponseHeadersPolicy',
    'cloudfront:UpdateResponseHeadersPolicy',
    'cloudfront:DeleteResponseHeadersPolicy',
  ],
  'AWS::CloudFront::Distribution': [
    'cloudfront:CreateDistribution',
    'cloudfront:GetDistribution',
    'cloudfront:UpdateDistribution',
    'cloudfront:DeleteDistribution',
    // Created with its tasks:stack tag (CreateDistributionWithTags: CreateDistribution and
    // TagResource); CloudFormation adds none of its own to distributions.
    'cloudfront:TagResource',
    'cloudfront:ListTagsForResource',
  ],
};

/**
 * The IAM actions of the S3 commands the scripts run: the CLI's `s3` and `s3api` are not
 * IAM services, and `s3 cp` from local files to a bucket is a PutObject per file.
 */
const S3_COMMANDS: Record<string, readonly string[]> = {
  's3 cp': ['s3:PutObject'],
  's3 rm': ['s3:DeleteObject'],
  's3api list-objects-v2': ['s3:ListBucket'],
  's3api list-object-versions': ['s3:ListBucketVersions'],
};

/** `aws <service> <command>` calls of a script, as the IAM actions they need. */
const awsCallsOf = (script: string): string[] =>
  [...script.matchAll(/\baws ([a-z0-9-]+) ([a-z0-9-]+)/g)].flatMap(
    ([, service = '', command = '']) => {
      if (service === 's3' || service === 's3api') {
        return (
          S3_COMMANDS[`${service} ${command}`] ?? [
            `(no IAM action known for aws ${service} ${command})`,
          ]
        );
      }
      return [
        `${service}:${command.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`,
      ];
    },
  );

/**
 * What SAM makes of each event type of a function besides the function and its role
 * (samtranslator's model/eventsources): the resource types it adds, and the AWS managed
 * policy it attaches to the function's role. An event type not listed fails the tests below.
 */
const SAM_EVENTS: Record<string, { readonly types: readonly string[]; readonly policy?: string }> =
  {
    // A route of the HTTP API (AWS::Serverless::HttpApi) and a lambda:AddPermission.
    HttpApi: { types: [] },
    DynamoDB: {
      types: ['AWS::Lambda::EventSourceMapping'],
      policy: 'service-role/AWSLambdaDynamoDBExecutionRole',
    },
  };

const eventTypesOf = (template: SamTemplate): string[][] =>
  Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::Serverless::Function')
    .map((resource) => {
      const events = resource.Properties?.['Events'];
      return Object.values(isRecord(events) ? events : {}).map((event) =>
        isRecord(event) ? String(event['Type']) : '(not an event)',
      );
    });

describe('the deploy roles can deploy infra/template.yaml and smoke-test it', () => {
  const types = (template: SamTemplate) =>
    [
      ...new Set([
        ...Object.values(template.Resources).map((resource) => resource.Type),
        ...eventTypesOf(template)
          .flat()
          .flatMap((event) => SAM_EVENTS[event]?.types ?? [`(nothing known for event ${event})`]),
      ]),
    ].sort();

  it.each(STAGES)('%s: every resource type of the template is covered', (stage) => {
    const allowed = allowedActions(stage);
    for (const type of types(application)) {
      const needed = NEEDED_TO_CREATE[type] ?? [`(nothing known for ${type})`];
      expect({ type, missing: needed.filter((action) => !allowed.has(action)) }).toEqual({
        type,
        missing: [],
      });
    }
  });

  // The role-wide check above would pass with an action granted on another resource (the
  // artifact bucket's s3:PutBucketTagging, say): the web resources' actions, on them.
  it.each(STAGES)('%s: may do what creating the web resources takes, on them', (stage) => {
    const bucket = {
      type: 'AWS::S3::Bucket',
      // CloudFormation's name: the stack's, the logical id in lower case, a suffix.
      resource: `arn:aws:s3:::tasks-${stage}-webbucket-1a2b3c4d5e6f`,
      resourceTags: {},
    };
    const refused = [bucket, ...cloudFrontResourcesOf(stage)].flatMap(({ type, ...resource }) =>
      (NEEDED_TO_CREATE[type] ?? [`(nothing known for ${type})`])
        .filter((action) => !allows(stage, { action, ...resource }))
        .map((action) => `${action} on ${resource.resource}`),
    );
    expect(refused).toEqual([]);
    // The distribution is tagged as it is created, before it has its tasks:stack tag.
    const [distribution] = cloudFrontResourcesOf(stage).filter(
      ({ type }) => type === 'AWS::CloudFront::Distribution',
    );
    expect(
      allows(stage, { action: 'cloudfront:TagResource', resource: String(distribution?.resource) }),
    ).toBe(true);
  });

  it.each(STAGES)(
    '%s: may attach exactly the managed policies SAM gives the functions',
    (stage) => {
      const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;
      const given = [
        ...new Set(
          eventTypesOf(application).flatMap((events) => [
            managed('service-role/AWSLambdaBasicExecutionRole'),
            ...events.flatMap((event) => {
              const policy = SAM_EVENTS[event]?.policy;
              return policy === undefined ? [] : [managed(policy)];
            }),
          ]),
        ),
      ].sort();
      const attaching = allowStatements(stage).filter((statement) =>
        asList(statement['Action']).includes('iam:AttachRolePolicy'),
      );
      expect(attaching).toHaveLength(1);
      const [statement] = attaching;
      const allowed = recordAt(recordAt(statement, 'Condition'), 'StringEquals')['iam:PolicyARN'];
      expect(asList(allowed).map(String).sort()).toEqual(given);
    },
  );

  it.each(STAGES)(
    '%s: may make every AWS call of the smoke script, and describe the stack',
    (stage) => {
      const calls = awsCallsOf(readText('scripts/smoke-users.sh'))
        // Signing in is a public call of the app client: no IAM permission at all.
        .filter((action) => action !== 'cognito-idp:InitiateAuth');
      expect(calls).toEqual(
        expect.arrayContaining(['cloudformation:DescribeStacks', 'cognito-idp:AdminCreateUser']),
      );
      const allowed = allowedActions(stage);
      expect(calls.filter((action) => !allowed.has(action))).toEqual([]);
    },
  );

  it.each(STAGES)(
    '%s: may make every AWS call of the web upload, on the stack’s bucket',
    (stage) => {
      const calls = awsCallsOf(readText('scripts/deploy-web.sh'));
      expect(calls).toEqual(
        expect.arrayContaining([
          'cloudformation:DescribeStacks',
          's3:PutObject',
          's3:ListBucket',
          's3:ListBucketVersions',
          's3:DeleteObject',
        ]),
      );
      const onBucket = allowStatements(stage).filter((statement) =>
        asList(statement['Resource']).some((resource) =>
          String(resource).startsWith(`arn:aws:s3:::tasks-${stage}-`),
        ),
      );
      const onItsBucket = new Set(
        onBucket.flatMap((statement) => asList(statement['Action']).map(String)),
      );
      const allowed = allowedActions(stage);
      const missing = calls.filter((action) =>
        action.startsWith('s3:') ? !onItsBucket.has(action) : !allowed.has(action),
      );
      expect(missing).toEqual([]);
    },
  );
});
