/**
 * Business metrics as CloudWatch embedded metric format (EMF) lines: a JSON log line with an
 * `_aws` object becomes metric data points when Lambda ships it to CloudWatch Logs, with no
 * call to CloudWatch and no dependency. Spec:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */

/** The namespace of the stack's own metrics (infra/template.yaml's dashboard reads it). */
export const METRICS_NAMESPACE = 'Tasks';

/** What the handlers count (SPEC §13). */
export type TaskMetricName = 'TasksCreated' | 'TasksCompleted' | 'IdempotentReplays';

export type TaskMetricCounts = Partial<Record<TaskMetricName, number>>;

/** Receives one JSON line, without the line break. */
export type MetricsSink = (line: string) => void;

// Lambda's reserved variable, set in every function (and by the local runtime, which runs
// the bundles as Lambda would): each stage's function has its own name, so dev and prod
// never add up. Where it is unset nothing could read the lines, so none are written.
const lambdaFunctionName = (): string | undefined => process.env['AWS_LAMBDA_FUNCTION_NAME'];

const standardOutput: MetricsSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * The EMF line of `counts` (zero counts left out), or `undefined` when there is nothing to
 * count: one metric directive, in `Tasks` with the `FunctionName` dimension, values as
 * top-level keys.
 */
export const taskMetricsLine = (
  counts: TaskMetricCounts,
  timestamp: number,
  functionName: string,
): string | undefined => {
  const values = Object.entries(counts).filter(([, count]) => count !== undefined && count > 0);
  if (values.length === 0) return undefined;
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['FunctionName']],
          Metrics: values.map(([name]) => ({ Name: name, Unit: 'Count' })),
        },
      ],
    },
    FunctionName: functionName,
    ...Object.fromEntries(values),
  });
};

/** Records what a request counted (zero counts are left out). */
export type RecordTaskMetrics = (counts: TaskMetricCounts) => void;

/**
 * The recorder of a function named `functionName` (Lambda's `AWS_LAMBDA_FUNCTION_NAME`,
 * read once per container by its composition root): it writes the EMF line of `counts`,
 * and nothing where no function name is set. A failing sink loses the line, never the
 * request.
 */
export const taskMetricsFor = (
  functionName: string | undefined,
  sink: MetricsSink = standardOutput,
): RecordTaskMetrics => {
  if (functionName === undefined) return () => undefined;
  return (counts) => {
    const line = taskMetricsLine(counts, Date.now(), functionName);
    if (line === undefined) return;
    try {
      sink(line);
    } catch {
      // Metrics are an observation of the request, never a reason to fail it.
    }
  };
};

/**
 * Writes the EMF line of `counts` on Lambda (nothing elsewhere), reading the function's
 * name now: for callers without a composition root (the tests' controllers).
 */
export const recordTaskMetrics = (
  counts: TaskMetricCounts,
  sink: MetricsSink = standardOutput,
): void => taskMetricsFor(lambdaFunctionName(), sink)(counts);
