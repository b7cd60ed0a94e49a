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

/** The Lambda context of one invocation that must finish by `deadline` (epoch ms). */
export const lambdaContext = (fn: FunctionIdentity, deadline: number): Context => {
  const arn = `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.functionName}`;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
};
