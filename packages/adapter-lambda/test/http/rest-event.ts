import type { APIGatewayProxyEvent } from 'aws-lambda';
import { claimsOf } from './http-event.js';

export interface RestEventOverrides extends Partial<Omit<APIGatewayProxyEvent, 'requestContext'>> {
  /** The Cognito authorizer's `sub` claim; `null` sends claims without one. */
  readonly sub?: string | null;
  readonly requestContext?: Partial<APIGatewayProxyEvent['requestContext']>;
}

const lastValues = (
  multi: Record<string, string[] | undefined> | null,
): Record<string, string> | null =>
  multi === null
    ? null
    : Object.fromEntries(
        Object.entries(multi).flatMap(([name, values]) => {
          const last = values?.at(-1);
          return last === undefined ? [] : [[name, last]];
        }),
      );

/** A REST API proxy event (payload format 1.0) from the `prod` stage, Cognito authorizer on. */
export const restEvent = (overrides: RestEventOverrides = {}): APIGatewayProxyEvent => {
  const { sub = 'user-alice', requestContext, headers, ...rest } = overrides;
  const path = rest.path ?? '/tasks';
  const httpMethod = rest.httpMethod ?? 'GET';
  const allHeaders: Record<string, string | undefined> = {
    Accept: 'application/json',
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'curl/8.7.1',
    'X-Forwarded-For': '192.0.2.10',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...headers,
  };
  const multiValueQueryStringParameters = rest.multiValueQueryStringParameters ?? null;
  return {
    body: null,
    resource: path.startsWith('/tasks/') ? '/tasks/{taskId}' : path,
    path,
    httpMethod,
    isBase64Encoded: false,
    queryStringParameters: lastValues(multiValueQueryStringParameters),
    multiValueQueryStringParameters,
    pathParameters: null,
    stageVariables: null,
    headers: allHeaders,
    multiValueHeaders: Object.fromEntries(
      Object.entries(allHeaders).map(([name, value]) => [name, value === undefined ? [] : [value]]),
    ),
    ...rest,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: { claims: claimsOf(sub) },
      httpMethod,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '192.0.2.10',
        user: null,
        userAgent: 'curl/8.7.1',
        userArn: null,
      },
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1767225600000,
      resourceId: 'a1b2c3',
      resourcePath: path.startsWith('/tasks/') ? '/tasks/{taskId}' : path,
      stage: 'prod',
      ...requestContext,
    },
  };
};
