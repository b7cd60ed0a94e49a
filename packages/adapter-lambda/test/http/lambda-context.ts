import type { Context } from 'aws-lambda';

/** The Lambda context of one invocation. */
export const lambdaContext = (overrides: Partial<Context> = {}): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'tasks-dev-http',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:tasks-dev-http',
  memoryLimitInMB: '512',
  awsRequestId: '7f1c3a52-9a8d-4d2e-8a43-0c2f7b9e1d11',
  logGroupName: '/aws/lambda/tasks-dev-http',
  logStreamName: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
  // The template's function timeout: composed handlers end their store calls by it, and
  // a shared, loaded machine must not turn a slow DynamoDB Local into a 503.
  getRemainingTimeInMillis: () => 20_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
  ...overrides,
});
