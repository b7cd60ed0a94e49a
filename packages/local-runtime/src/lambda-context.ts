import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** What a function's invocations share: its names and limits, from the template. */
export interface FunctionIdentity {
  /** The template's logical id, `CreateTaskFunction`. */
  readonly functionId: string;
  /** The deployed name it stands for locally, `tasks-local-CreateTaskFunction`. */
  readonly functionName: string;
  readonly memoryMb: number;
  readonly timeoutMs: number;
  readonly region: string;
  readonly accountId: string;
}

const unsupported = (name: string) => (): never => {
  // The nodejs24.x runtime has no callback-style handlers; the bundles are async.
  throw new Error(`context.${name}() is not supported by the nodejs24.x runtime`);
};

/** What every invocation of one execution environment shares: Lambda writes one log stream per environment. */
interface EnvironmentFields {
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

const environments = new WeakMap<FunctionIdentity, EnvironmentFields>();

/** The fields of `fn`'s environment, made at its first invocation (its stream's date). */
const environmentOf = (fn: FunctionIdentity): EnvironmentFields => {
  let fields = environments.get(fn);
  if (fields === undefined) {
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    fields = {
      invokedFunctionArn: `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.functionName}`,
      memoryLimitInMB: String(fn.memoryMb),
      logGroupName: `/aws/lambda/${fn.functionName}`,
      logStreamName: `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    };
    environments.set(fn, fields);
  }
  return fields;
};

const done = unsupported('done');
const fail = unsupported('fail');
const succeed = unsupported('succeed');

/**
 * The Lambda context of one invocation that must finish by `deadline` (epoch ms): a
 * request id of its own; the log stream of its function's environment, as Lambda names
 * one stream per execution environment, not per invocation.
 */
export const lambdaContext = (fn: FunctionIdentity, deadline: number): Context => {
  const environment = environmentOf(fn);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: environment.invokedFunctionArn,
    memoryLimitInMB: environment.memoryLimitInMB,
    awsRequestId: randomUUID(),
    logGroupName: environment.logGroupName,
    logStreamName: environment.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done,
    fail,
    succeed,
  };
};
