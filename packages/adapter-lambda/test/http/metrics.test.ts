/**
 * The business metrics (SPEC §13) as CloudWatch reads them: each line must be valid
 * embedded metric format, or CloudWatch keeps it as a log line and the dashboard stays
 * empty without an error anywhere. So the lines are parsed here the way CloudWatch does.
 */
import { InMemoryTaskRepository } from '@tasks/adapter-inmemory';
import { makeCreateTask, systemClock, uuidV7Generator } from '@tasks/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { composeRouteOn } from '../../src/composition/compose.js';
import { nodeSha256Hex } from '../../src/composition/sha256-hex.js';
import { createTaskController } from '../../src/http/controllers/create-task.js';
import { METRICS_NAMESPACE, recordTaskMetrics, taskMetricsLine } from '../../src/http/metrics.js';
import { httpEvent } from './events.js';
import { createdId, JSON_HEADERS, postTask, setup } from './harness.js';

interface MetricsLine {
  readonly namespace: string;
  /** Metric name to value, as the directive names them and the line carries them. */
  readonly values: Record<string, number>;
  readonly dimensions: Record<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses one line as EMF; throws, saying what is wrong, when CloudWatch would not. */
const parseEmf = (line: string): MetricsLine => {
  const root: unknown = JSON.parse(line);
  if (!isRecord(root) || !isRecord(root['_aws'])) throw new Error('no _aws object');
  const { Timestamp, CloudWatchMetrics } = root['_aws'];
  if (typeof Timestamp !== 'number') throw new Error('_aws.Timestamp is not epoch ms');
  if (!Array.isArray(CloudWatchMetrics) || CloudWatchMetrics.length !== 1) {
    throw new Error('expected one metric directive');
  }
  const [directive]: unknown[] = CloudWatchMetrics;
  if (!isRecord(directive) || typeof directive['Namespace'] !== 'string') {
    throw new Error('a directive without Namespace');
  }
  const dimensionSets = directive['Dimensions'];
  const metrics = directive['Metrics'];
  if (!Array.isArray(dimensionSets) || !Array.isArray(metrics)) {
    throw new Error('a directive without Dimensions or Metrics');
  }
  const dimensions: Record<string, string> = {};
  for (const name of dimensionSets.flat()) {
    const value = root[String(name)];
    if (typeof value !== 'string') throw new Error(`dimension ${name} is not a top-level string`);
    dimensions[String(name)] = value;
  }
  const values: Record<string, number> = {};
  for (const metric of metrics) {
    if (!isRecord(metric) || typeof metric['Name'] !== 'string')
      throw new Error('a nameless metric');
    const value = root[metric['Name']];
    if (typeof value !== 'number')
      throw new Error(`metric ${metric['Name']} has no top-level value`);
    values[metric['Name']] = value;
  }
  return { namespace: directive['Namespace'], values, dimensions };
};

/** Every EMF line the handler writes to standard output (where Lambda ships it) from now on. */
const captureMetrics = (): MetricsLine[] => {
  const lines: MetricsLine[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split('\n')) if (line.includes('"_aws"')) lines.push(parseEmf(line));
    return true;
  });
  return lines;
};

const FUNCTION_NAME = 'tasks-dev-CreateTaskFunction-a1B2c3';

beforeEach(() => {
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', FUNCTION_NAME);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('taskMetricsLine', () => {
  it('is one EMF directive in the Tasks namespace, per function, values at the top level', () => {
    const line = taskMetricsLine({ TasksCreated: 1, TasksCompleted: 1 }, 1_767_225_600_000, 'fn');
    expect(parseEmf(line ?? '')).toEqual({
      namespace: METRICS_NAMESPACE,
      values: { TasksCreated: 1, TasksCompleted: 1 },
      dimensions: { FunctionName: 'fn' },
    });
    expect(JSON.parse(line ?? '')).toMatchObject({ _aws: { Timestamp: 1_767_225_600_000 } });
  });

  it('leaves zero counts out, and writes no line when every count is zero', () => {
    expect(
      parseEmf(taskMetricsLine({ TasksCreated: 1, TasksCompleted: 0 }, 0, 'fn') ?? '').values,
    ).toEqual({ TasksCreated: 1 });
    expect(taskMetricsLine({ TasksCompleted: 0 }, 0, 'fn')).toBeUndefined();
  });

  it('writes nothing off Lambda, where no one would read it (the in-process tests)', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    const sink = vi.fn();
    recordTaskMetrics({ TasksCreated: 1 }, sink);
    expect(sink).not.toHaveBeenCalled();
  });

  it('never fails the request when the sink throws', () => {
    expect(() =>
      recordTaskMetrics({ TasksCreated: 1 }, () => {
        throw new Error('closed');
      }),
    ).not.toThrow();
  });
});

describe('a composed function', () => {
  const composeCreate = (env: Record<string, string>) =>
    composeRouteOn(
      () => new InMemoryTaskRepository(),
      (tasks, { metrics }) =>
        createTaskController(
          makeCreateTask({
            tasks,
            clock: systemClock,
            newTaskId: uuidV7Generator,
            sha256Hex: nodeSha256Hex,
          }),
          metrics,
        ),
      { TABLE_NAME: 'tasks', AUTH_MODE: 'none', LOG_LEVEL: 'warn', ...env },
    );
  const create = httpEvent({
    method: 'POST',
    rawPath: '/tasks',
    body: '{"title":"Pay rent"}',
    headers: JSON_HEADERS,
  });
  const context = { awsRequestId: 'a-1', getRemainingTimeInMillis: () => 20_000 };

  it('names its metrics after the function its environment named when it was composed', async () => {
    const handler = composeCreate({ AWS_LAMBDA_FUNCTION_NAME: 'tasks-prod-Create' });
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'changed-later');
    const lines = captureMetrics();
    expect((await handler(create, context)).statusCode).toBe(201);
    expect(lines.map((line) => line.dimensions)).toEqual([{ FunctionName: 'tasks-prod-Create' }]);
  });

  it('writes none when its environment names no function', async () => {
    const handler = composeCreate({});
    const lines = captureMetrics();
    expect((await handler(create, context)).statusCode).toBe(201);
    expect(lines).toEqual([]);
  });
});

describe('the handlers count what happened', () => {
  it('counts a created task, and a created-done task as completed too', async () => {
    const harness = setup();
    const lines = captureMetrics();
    await postTask(harness, { title: 'Pay rent' });
    await postTask(harness, { title: 'Paid already', status: 'DONE' });
    expect(lines.map((line) => line.values)).toEqual([
      { TasksCreated: 1 },
      { TasksCreated: 1, TasksCompleted: 1 },
    ]);
    expect(lines[0]?.dimensions).toEqual({ FunctionName: FUNCTION_NAME });
  });

  it('counts an idempotent replay as a replay, not as a created task', async () => {
    const harness = setup();
    const lines = captureMetrics();
    await postTask(harness, { title: 'Pay rent' }, { 'Idempotency-Key': 'k-1' });
    await postTask(harness, { title: 'Pay rent' }, { 'Idempotency-Key': 'k-1' });
    expect(lines.map((line) => line.values)).toEqual([
      { TasksCreated: 1 },
      { IdempotentReplays: 1 },
    ]);
  });

  it('counts a patch that sets DONE as completed, and any other patch (on a done task too) not at all', async () => {
    const harness = setup();
    const lines = captureMetrics();
    const taskId = createdId(await postTask(harness, { title: 'Pay rent' }));
    const patch = (body: unknown) =>
      harness.invoke(
        httpEvent({
          method: 'PATCH',
          rawPath: `/tasks/${taskId}`,
          body: JSON.stringify(body),
          headers: { ...JSON_HEADERS, 'content-type': 'application/merge-patch+json' },
        }),
      );
    expect((await patch({ title: 'Pay the rent' })).status).toBe(200);
    expect((await patch({ status: 'IN_PROGRESS' })).status).toBe(200);
    expect((await patch({ status: 'DONE' })).status).toBe(200);
    expect((await patch({ title: 'Paid the rent' })).status).toBe(200);
    expect(lines.map((line) => line.values)).toEqual([{ TasksCreated: 1 }, { TasksCompleted: 1 }]);
  });

  it('counts nothing for a request that fails', async () => {
    const harness = setup();
    const lines = captureMetrics();
    expect((await postTask(harness, { title: '' })).status).toBe(400);
    expect(lines).toEqual([]);
  });
});
