/**
 * The alarms and the dashboard of infra/template.yaml (SPEC §13) against what they watch.
 * CloudWatch accepts an alarm on any metric name and dimension, so a typo, a renamed
 * resource or a new function without an alarm would deploy quietly and never fire: each
 * alarm's metric must name a resource of the template, and each resource must be watched.
 */
import {
  loadTemplate,
  resolveIntrinsics,
  type TemplateResource,
  templateRoutes,
} from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import {
  isRecord,
  type Json,
  readText,
  recordAt,
  recordsAt,
  sourceFiles,
} from './support/repository.js';

const template = loadTemplate();
const resources = Object.entries(template.Resources);
const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
const alarms = ofType('AWS::CloudWatch::Alarm');
const functions = ofType('AWS::Serverless::Function').map(([id]) => id);
const tables = ofType('AWS::DynamoDB::Table').map(([id]) => id);
const distributions = ofType('AWS::CloudFront::Distribution').map(([id]) => id);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** The resource a `Ref` or `Fn::GetAtt` names, and how: `Ref`, or the attribute. */
const reference = (value: unknown): { readonly id: string; readonly via: string } | undefined => {
  if (!isRecord(value)) return undefined;
  if (typeof value['Ref'] === 'string') return { id: value['Ref'], via: 'Ref' };
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.length === 2) {
    return { id: String(getAtt[0]), via: String(getAtt[1]) };
  }
  return undefined;
};

/** Every event of the template's functions, with the function it belongs to. */
const events = ofType('AWS::Serverless::Function').flatMap(([functionId, resource]) => {
  const declared = resource.Properties?.['Events'];
  return Object.values(isRecord(declared) ? declared : {}).flatMap((event) =>
    isRecord(event)
      ? [{ functionId, type: String(event['Type']), properties: event['Properties'] }]
      : [],
  );
});
/** The stream events (SAM makes each an event source mapping). */
const streamEvents = events.filter((event) => ['DynamoDB', 'Kinesis'].includes(event.type));

/**
 * The queue each event source mapping sends what it gives up on to: those SAM makes from
 * stream events (`DestinationConfig.OnFailure.Destination`) and any written as such.
 */
const failureQueues = [
  ...new Set(
    [
      ...streamEvents.map((event) => event.properties),
      ...ofType('AWS::Lambda::EventSourceMapping').map(([, mapping]) => mapping.Properties),
    ].map((properties) => {
      const destination = recordAt(recordAt(properties, 'DestinationConfig'), 'OnFailure')[
        'Destination'
      ];
      const target = reference(destination);
      if (target?.via !== 'Arn' || template.Resources[target.id]?.Type !== 'AWS::SQS::Queue') {
        throw new Error(`an on-failure destination is ${JSON.stringify(destination)}, not a queue`);
      }
      return target.id;
    }),
  ),
];

/** Each metric an alarm reads: its own, or each of its metric-math `MetricStat`s. */
const metricsOf = (alarm: TemplateResource): Json[] => {
  const properties = alarm.Properties ?? {};
  if (properties['MetricName'] !== undefined) return [properties];
  return recordsAt(properties, 'Metrics').flatMap((query) =>
    isRecord(query['MetricStat']) ? [recordAt(query['MetricStat'], 'Metric')] : [],
  );
};
const dimensionsOf = (metric: Json): Record<string, unknown> =>
  Object.fromEntries(recordsAt(metric, 'Dimensions').map((d) => [String(d['Name']), d['Value']]));

/**
 * The resource type each dimension must name, by the metric's namespace, and how: `Ref`, or
 * the `Fn::GetAtt` attribute that is the dimension's value (a queue's Ref is its URL).
 */
const DIMENSION_TARGETS: Record<string, Record<string, { type: string; via: string }>> = {
  'AWS/Lambda': { FunctionName: { type: 'AWS::Serverless::Function', via: 'Ref' } },
  'AWS/ApiGateway': { ApiId: { type: 'AWS::Serverless::HttpApi', via: 'Ref' } },
  'AWS/DynamoDB': { TableName: { type: 'AWS::DynamoDB::Table', via: 'Ref' } },
  'AWS/SQS': { QueueName: { type: 'AWS::SQS::Queue', via: 'QueueName' } },
  'AWS/CloudFront': { DistributionId: { type: 'AWS::CloudFront::Distribution', via: 'Ref' } },
};

const alarmsOn = (namespace: string, metricName: string) =>
  alarms.filter(([, alarm]) =>
    metricsOf(alarm).some((m) => m['Namespace'] === namespace && m['MetricName'] === metricName),
  );

/** The table a policy statement's resource names: `!GetAtt X.Arn` or `!Sub ${X.Arn}/index/*`. */
const tableNamed = (resource: unknown): string => {
  const target = reference(resource);
  if (target?.via === 'Arn') return target.id;
  const sub = isRecord(resource) ? resource['Fn::Sub'] : undefined;
  const index = typeof sub === 'string' ? /^\$\{([A-Za-z0-9]+)\.Arn\}\/index\/\*$/.exec(sub) : null;
  if (index?.[1] !== undefined) return index[1];
  throw new Error(`a DynamoDB statement names ${JSON.stringify(resource)}, not one table`);
};

/**
 * The DynamoDB operations a function's inline policies allow on a table (`GetItem`, …): the
 * actions of the statements whose Resource names it. A policy this reader does not know
 * (a SAM policy template, a managed policy) throws rather than hide what it allows.
 */
const tableActions = (functionId: string, table: string): string[] => {
  const policies = template.Resources[functionId]?.Properties?.['Policies'];
  const statements = asList(policies ?? []).flatMap((policy) => {
    if (!isRecord(policy) || policy['Statement'] === undefined) {
      throw new Error(`${functionId} has a policy this test cannot read`);
    }
    return asList(policy['Statement']).filter(isRecord);
  });
  return [
    ...new Set(
      statements.flatMap((statement) => {
        const actions = asList(statement['Action'])
          .map(String)
          .filter((action) => action.startsWith('dynamodb:'));
        if (statement['Effect'] !== 'Allow' || actions.length === 0) return [];
        const named = asList(statement['Resource']).map(tableNamed);
        return named.includes(table)
          ? actions.map((action) => action.slice('dynamodb:'.length))
          : [];
      }),
    ),
  ].sort();
};

/**
 * CloudWatch reports a transaction under `Operation: TransactWriteItems`, an operation without
 * an IAM action of its own (its items need PutItem, UpdateItem, …), so no policy shows it.
 * These are the functions that send one, to which table, from which code: the test above
 * finds every `new Transact…Command(` of the packages' sources in this list.
 */
const TRANSACTIONS = [
  // POST /tasks with an Idempotency-Key: the idempotency record and the task, both or neither.
  {
    functionId: 'CreateTaskFunction',
    table: 'TasksTable',
    source: 'packages/adapter-dynamodb/src/dynamodb-task-repository.ts',
  },
  // Counting a change: its task's tally, the owner's totals and the day's counters at once.
  {
    functionId: 'StatsProcessorFunction',
    table: 'StatsTable',
    source: 'packages/adapter-dynamodb/src/stats/dynamodb-stats-store.ts',
  },
] as const;

describe('the alarms', () => {
  it('exist, each notifying the alarm topic when it fires and when it clears', () => {
    const expected =
      1 +
      2 * functions.length +
      2 * tables.length +
      streamEvents.length +
      failureQueues.length +
      distributions.length;
    expect(alarms.length).toBeGreaterThanOrEqual(expected);
    expect(template.Resources['AlarmTopic']?.Type).toBe('AWS::SNS::Topic');
    for (const [id, alarm] of alarms) {
      expect({ id, actions: alarm.Properties?.['AlarmActions'] }).toEqual({
        id,
        actions: [{ Ref: 'AlarmTopic' }],
      });
      expect({ id, actions: alarm.Properties?.['OKActions'] }).toEqual({
        id,
        actions: [{ Ref: 'AlarmTopic' }],
      });
    }
  });

  it.each(['Errors', 'Throttles'])('watch the %s of every function', (metricName) => {
    const watched = alarmsOn('AWS/Lambda', metricName).flatMap(([, alarm]) =>
      metricsOf(alarm).map((metric) => dimensionsOf(metric)['FunctionName']),
    );
    expect(watched).toEqual(functions.map((id) => ({ Ref: id })));
  });

  it('name, in every dimension they key on, a resource of the template of the right type', () => {
    for (const [id, alarm] of alarms) {
      for (const metric of metricsOf(alarm)) {
        const targets = DIMENSION_TARGETS[String(metric['Namespace'])] ?? {};
        for (const [name, value] of Object.entries(dimensionsOf(metric))) {
          const expected = targets[name];
          if (expected === undefined) continue;
          const target = reference(value);
          expect({
            id,
            name,
            type: template.Resources[target?.id ?? '']?.Type,
            via: target?.via,
          }).toEqual({ id, name, ...expected });
        }
      }
    }
  });

  it('compute the API 5xx rate from 5xx and Count of the HTTP API stage', () => {
    const [[, alarm] = []] = alarmsOn('AWS/ApiGateway', '5xx');
    const queries = recordsAt(alarm?.Properties, 'Metrics');
    const byId = Object.fromEntries(queries.map((query) => [String(query['Id']), query]));
    const [expression] = queries.filter((query) => query['ReturnData'] === true);
    expect(expression?.['Expression']).toBe('IF(requests > 0, 100 * errors / requests, 0)');
    for (const [id, metricName] of [
      ['errors', '5xx'],
      ['requests', 'Count'],
    ] as const) {
      const metric = recordAt(recordAt(byId[id], 'MetricStat'), 'Metric');
      expect(metric['MetricName']).toBe(metricName);
      expect(dimensionsOf(metric)).toEqual({ ApiId: { Ref: 'HttpApi' }, Stage: '$default' });
    }
  });

  it('reference only metric ids they define in their expressions', () => {
    for (const [id, alarm] of alarms) {
      const queries = alarm.Properties?.['Metrics'];
      if (!Array.isArray(queries)) continue;
      const ids = new Set(queries.filter(isRecord).map((query) => String(query['Id'])));
      for (const query of queries.filter(isRecord)) {
        const used = String(query['Expression'] ?? '').match(/\b[a-z][A-Za-z0-9_]*\b/g) ?? [];
        const unknown = used.filter((name) => !ids.has(name) && !['IF', 'SUM'].includes(name));
        expect({ id, unknown }).toEqual({ id, unknown: [] });
      }
    }
  });

  it('name the code that sends each transaction, and no code sends another', () => {
    const sending = sourceFiles()
      .filter((path) => /\bnew Transact[A-Za-z]*Command\(/.test(readText(path)))
      .sort();
    expect(sending).toEqual([...new Set(TRANSACTIONS.map((sent) => sent.source))].sort());
    for (const sent of TRANSACTIONS) {
      // A transaction's items need their own actions: its sender may write to its table.
      expect({ ...sent, writes: tableActions(sent.functionId, sent.table) }).toEqual({
        ...sent,
        writes: expect.arrayContaining([
          expect.stringMatching(/^(PutItem|UpdateItem|DeleteItem)$/),
        ]),
      });
    }
  });

  describe.each(tables)('on %s', (table) => {
    const sent = [
      ...new Set([
        ...functions.flatMap((functionId) => tableActions(functionId, table)),
        ...TRANSACTIONS.filter((transaction) => transaction.table === table).map(
          () => 'TransactWriteItems',
        ),
      ]),
    ].sort();

    it.each(['ThrottledRequests', 'SystemErrors'])(
      'sum its %s over every operation the functions may send to it',
      (metricName) => {
        const onTable = alarmsOn('AWS/DynamoDB', metricName).filter(([, alarm]) =>
          metricsOf(alarm).some((m) => reference(dimensionsOf(m)['TableName'])?.id === table),
        );
        expect(onTable).toHaveLength(1);
        const [[, alarm] = []] = onTable;
        const metrics = alarm === undefined ? [] : metricsOf(alarm);
        expect(metrics.map((metric) => dimensionsOf(metric)['Operation']).sort()).toEqual(sent);
        for (const metric of metrics) {
          expect(dimensionsOf(metric)['TableName']).toEqual({ Ref: table });
        }
        // CloudWatch evaluates an alarm's expression over at most 10 metrics.
        expect(metrics.length).toBeLessThanOrEqual(10);
      },
    );
  });

  it.each(streamEvents)(
    "watch the IteratorAge of $functionId, alarming before the mapping's maximum record age",
    ({ functionId, properties }) => {
      const watching = alarmsOn('AWS/Lambda', 'IteratorAge').filter(([, alarm]) =>
        metricsOf(alarm).some(
          (metric) => reference(dimensionsOf(metric)['FunctionName'])?.id === functionId,
        ),
      );
      expect(watching).toHaveLength(1);
      const [[, alarm] = []] = watching;
      // Without MaximumRecordAgeInSeconds a record waits until the stream drops it (24 h).
      const maximumAge = isRecord(properties) ? properties['MaximumRecordAgeInSeconds'] : undefined;
      const maximumAgeMs = 1000 * Number(maximumAge ?? 86_400);
      expect(alarm?.Properties).toMatchObject({
        Statistic: 'Maximum',
        ComparisonOperator: 'GreaterThanThreshold',
      });
      const threshold = Number(alarm?.Properties?.['Threshold']);
      expect(threshold).toBeGreaterThan(0);
      expect(threshold).toBeLessThan(maximumAgeMs / 2);
    },
  );

  it.each(failureQueues)('fire on any message in %s, the on-failure queue', (queue) => {
    const watching = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible').filter(([, alarm]) =>
      metricsOf(alarm).some((metric) => reference(dimensionsOf(metric)['QueueName'])?.id === queue),
    );
    expect(watching).toHaveLength(1);
    const [[, alarm] = []] = watching;
    expect(alarm?.Properties).toMatchObject({
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  // CloudFront publishes its metrics in us-east-1 only, with the dimension Region = Global,
  // and an alarm reads only its own region's metrics: elsewhere the alarm would never fire.
  it.each(distributions)("watch %s's 5xx rate, in the stacks of us-east-1 only", (distribution) => {
    const watching = alarmsOn('AWS/CloudFront', '5xxErrorRate').filter(([, alarm]) =>
      metricsOf(alarm).some(
        (metric) => reference(dimensionsOf(metric)['DistributionId'])?.id === distribution,
      ),
    );
    expect(watching).toHaveLength(1);
    const [[, alarm] = []] = watching;
    expect(alarm?.Properties).toMatchObject({
      Dimensions: [
        { Name: 'DistributionId', Value: { Ref: distribution } },
        { Name: 'Region', Value: 'Global' },
      ],
      Statistic: 'Average',
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const created = (region: string) =>
      alarm?.Condition === undefined ||
      resolveIntrinsics({ Condition: alarm.Condition }, template, {
        parameters: { 'AWS::Region': region },
      });
    expect(created('us-east-1')).toBe(true);
    expect(created('eu-west-1')).toBe(false);
  });

  it('e-mail the topic only when AlarmEmail is given', () => {
    expect(template.Resources['AlarmEmailSubscription']).toEqual({
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasAlarmEmail',
      Properties: {
        TopicArn: { Ref: 'AlarmTopic' },
        Protocol: 'email',
        Endpoint: { Ref: 'AlarmEmail' },
      },
    });
    const subscribes = (parameters: Record<string, string>) =>
      resolveIntrinsics({ Condition: 'HasAlarmEmail' }, template, { parameters });
    expect(subscribes({})).toBe(false);
    expect(subscribes({ AlarmEmail: 'ops@example.com' })).toBe(true);
  });
});

describe('the dashboard', () => {
  const physical = Object.fromEntries([
    ...resources.map(([id]) => [id, `physical-${id}`]),
    ...ofType('AWS::SQS::Queue').map(([id]) => [`${id}.QueueName`, `physical-${id}`]),
  ]);
  /** The widgets' properties of the dashboard of a stack in that region. */
  const widgetsIn = (region: string): Json[] => {
    const body: unknown = JSON.parse(
      String(
        resolveIntrinsics(
          template.Resources['Dashboard']?.Properties?.['DashboardBody'],
          template,
          {
            parameters: { 'AWS::Region': region },
            resources: physical,
          },
        ),
      ),
    );
    return recordsAt(body, 'widgets').map((widget) => recordAt(widget, 'properties'));
  };
  const widgets = widgetsIn('us-east-1');
  // A stack outside us-east-1: CloudFront's widgets must still read us-east-1.
  const widgetsElsewhere = widgetsIn('eu-west-1');
  const widget = (title: string): unknown[][] => {
    const found = widgets.find((properties) => properties['title'] === title);
    return Array.isArray(found?.['metrics']) ? found['metrics'].filter(Array.isArray) : [];
  };

  it('shows requests and latency for every route of the template', () => {
    const routes = templateRoutes(template)
      .filter((route) => route.path !== '$default')
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    for (const [title, metricName] of [
      ['Requests per route', 'Count'],
      ['Latency per route (p90, ms)', 'Latency'],
    ] as const) {
      const shown = widget(title).map((metric) => {
        const [namespace, name, ...rest] = metric;
        const dimensions = Object.fromEntries(
          Array.from({ length: Math.floor(rest.length / 2) }, (_, i) => [
            rest[2 * i],
            rest[2 * i + 1],
          ]),
        );
        expect([namespace, name, dimensions['ApiId'], dimensions['Stage']]).toEqual([
          'AWS/ApiGateway',
          metricName,
          'physical-HttpApi',
          '$default',
        ]);
        return `${dimensions['Method']} ${dimensions['Resource']}`;
      });
      expect(shown.sort()).toEqual(routes);
    }
  });

  it('needs the stage to publish per-route metrics', () => {
    const settings = recordAt(template.Resources['HttpApi']?.Properties, 'DefaultRouteSettings');
    expect(settings['DetailedMetricsEnabled']).toBe(true);
  });

  it("shows every function's errors and throttles, the alarms' figures", () => {
    for (const title of ['Functions: errors', 'Functions: throttles']) {
      expect(widget(title).map((metric) => metric[3])).toEqual(
        functions.map((id) => `physical-${id}`),
      );
    }
  });

  it.each(tables)(
    "shows %s's throttled requests and system errors, the alarms' figures",
    (table) => {
      const metrics = widget(`DynamoDB ${table}: throttled requests and system errors`);
      const alarmed = (metricName: string) =>
        alarmsOn('AWS/DynamoDB', metricName)
          .flatMap(([, alarm]) => metricsOf(alarm))
          .filter((metric) => reference(dimensionsOf(metric)['TableName'])?.id === table)
          .map((metric) => String(dimensionsOf(metric)['Operation']))
          .sort();
      for (const metricName of ['ThrottledRequests', 'SystemErrors']) {
        const shown = metrics.filter(
          (metric) => metric[0] === 'AWS/DynamoDB' && metric[1] === metricName,
        );
        expect(shown.map((metric) => metric[3])).toEqual(shown.map(() => `physical-${table}`));
        expect(shown.map((metric) => String(metric[5])).sort()).toEqual(alarmed(metricName));
      }
    },
  );

  it("shows every stream function's iterator age", () => {
    const shown = widget('Stream: iterator age (maximum, ms)').map((metric) => metric.slice(0, 4));
    expect(shown).toEqual(
      streamEvents.map((event) => [
        'AWS/Lambda',
        'IteratorAge',
        'FunctionName',
        `physical-${event.functionId}`,
      ]),
    );
  });

  it('shows the messages in every on-failure queue', () => {
    const shown = widget('Failure queue: messages visible').map((metric) => metric.slice(0, 4));
    expect(shown).toEqual(
      failureQueues.map((queue) => [
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        'QueueName',
        `physical-${queue}`,
      ]),
    );
  });

  it.each(distributions)(
    "shows %s's requests and 4xx and 5xx rates, read where CloudFront publishes them",
    (distribution) => {
      const shown = widgetsElsewhere
        .filter((properties) => JSON.stringify(properties['metrics']).includes('"AWS/CloudFront"'))
        .filter((properties) => JSON.stringify(properties).includes(`physical-${distribution}`));
      for (const properties of shown) expect(properties['region']).toBe('us-east-1');
      const metrics = shown
        .flatMap((properties) =>
          Array.isArray(properties['metrics']) ? properties['metrics'] : [],
        )
        .filter(Array.isArray);
      for (const metricName of ['Requests', '4xxErrorRate', '5xxErrorRate']) {
        expect(metrics.map((metric) => metric.slice(0, 6))).toContainEqual([
          'AWS/CloudFront',
          metricName,
          'DistributionId',
          `physical-${distribution}`,
          'Region',
          'Global',
        ]);
      }
    },
  );

  it("shows the CloudFront functions' errors, by their names", () => {
    const names = ofType('AWS::CloudFront::Function').map(([, fn]) =>
      String(resolveIntrinsics(fn.Properties?.['Name'], template)),
    );
    expect(names.length).toBeGreaterThan(0);
    const shown = widgetsElsewhere
      .filter((properties) => properties['region'] === 'us-east-1')
      .flatMap((properties) => (Array.isArray(properties['metrics']) ? properties['metrics'] : []))
      .filter(
        (metric): metric is unknown[] => Array.isArray(metric) && metric[2] === 'FunctionName',
      );
    for (const name of names) {
      for (const metricName of ['FunctionExecutionErrors', 'FunctionThrottles']) {
        expect(shown.map((metric) => metric.slice(0, 6))).toContainEqual([
          'AWS/CloudFront',
          metricName,
          'FunctionName',
          name,
          'Region',
          'Global',
        ]);
      }
    }
  });

  it('shows the business metrics of the functions that emit them', () => {
    const business = widget('Tasks created, completed, idempotent replays').filter(
      (metric) => metric[0] === 'Tasks',
    );
    expect(business.map((metric) => `${metric[1]} ${metric[3]}`)).toEqual([
      'TasksCreated physical-CreateTaskFunction',
      'TasksCompleted physical-CreateTaskFunction',
      'TasksCompleted physical-UpdateTaskFunction',
      'IdempotentReplays physical-CreateTaskFunction',
    ]);
  });
});
