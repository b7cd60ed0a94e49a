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
  templateFunctions,
  templateRoutes,
} from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import { isRecord, type Json, recordAt, recordsAt } from './support/repository.js';

const template = loadTemplate();
const resources = Object.entries(template.Resources);
const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
const alarms = ofType('AWS::CloudWatch::Alarm');
const functions = ofType('AWS::Serverless::Function').map(([id]) => id);

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

/** The resource type each dimension must name, by the metric's namespace. */
const DIMENSION_TARGETS: Record<string, Record<string, string>> = {
  'AWS/Lambda': { FunctionName: 'AWS::Serverless::Function' },
  'AWS/ApiGateway': { ApiId: 'AWS::Serverless::HttpApi' },
  'AWS/DynamoDB': { TableName: 'AWS::DynamoDB::Table' },
};

const alarmsOn = (namespace: string, metricName: string) =>
  alarms.filter(([, alarm]) =>
    metricsOf(alarm).some((m) => m['Namespace'] === namespace && m['MetricName'] === metricName),
  );

describe('the alarms', () => {
  it('exist, each notifying the alarm topic when it fires and when it clears', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(2 * functions.length + 3);
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
          const type = targets[name];
          if (type === undefined) continue;
          const target = isRecord(value) ? String(value['Ref']) : '';
          expect({ id, name, type: template.Resources[target]?.Type }).toEqual({ id, name, type });
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

  it.each(['ThrottledRequests', 'SystemErrors'])(
    "sum the table's %s over every operation the functions may send",
    (metricName) => {
      const sent = [...new Set(templateFunctions(template).flatMap((fn) => fn.actions))]
        .filter((action) => action.startsWith('dynamodb:'))
        .map((action) => action.slice('dynamodb:'.length))
        .sort();
      const [[, alarm] = []] = alarmsOn('AWS/DynamoDB', metricName);
      const metrics = alarm === undefined ? [] : metricsOf(alarm);
      expect(metrics.map((metric) => dimensionsOf(metric)['Operation']).sort()).toEqual(sent);
      for (const metric of metrics) {
        expect(dimensionsOf(metric)['TableName']).toEqual({ Ref: 'TasksTable' });
      }
    },
  );

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
  const physical = Object.fromEntries(resources.map(([id]) => [id, `physical-${id}`]));
  const body: unknown = JSON.parse(
    String(
      resolveIntrinsics(template.Resources['Dashboard']?.Properties?.['DashboardBody'], template, {
        resources: physical,
      }),
    ),
  );
  const widgets = recordsAt(body, 'widgets').map((widget) => recordAt(widget, 'properties'));
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
