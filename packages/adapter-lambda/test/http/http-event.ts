import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

type HttpApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface HttpEventOverrides extends Partial<Omit<HttpApiEvent, 'requestContext'>> {
  /** `requestContext.http.method`; defaults to GET. */
  readonly method?: string;
  /** The JWT `sub` claim; `null` sends an authorizer whose claims have no `sub`. */
  readonly sub?: string | null;
  readonly requestContext?: Partial<HttpApiEvent['requestContext']>;
}

/** Payload 2.0 joins repeated query parameters with commas, as API Gateway does. */
const joinedQuery = (rawQueryString: string): Record<string, string> | undefined => {
  const joined: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    joined[name] = joined[name] === undefined ? value : `${joined[name]},${value}`;
  }
  return Object.keys(joined).length === 0 ? undefined : joined;
};

/** The claims of an ID token from Cognito; `null` leaves `sub` out. */
export const claimsOf = (sub: string | null) => ({
  ...(sub === null ? {} : { sub }),
  iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example',
  aud: 'tasks-web',
  token_use: 'id',
  exp: '1767229200',
  iat: '1767225600',
});

/** An HTTP API event (payload format 2.0) from the `$default` stage, JWT authorizer on. */
export const httpEvent = (overrides: HttpEventOverrides = {}): HttpApiEvent => {
  const { method = 'GET', sub = 'user-alice', requestContext, headers, ...rest } = overrides;
  const rawPath = rest.rawPath ?? '/tasks';
  const rawQueryString = rest.rawQueryString ?? '';
  const queryStringParameters = joinedQuery(rawQueryString);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: {
      accept: 'application/json',
      'content-length': String(rest.body?.length ?? 0),
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'curl/8.7.1',
      'x-amzn-trace-id': 'Root=1-67a1b2c3-0123456789abcdef01234567',
      'x-forwarded-for': '192.0.2.10',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...headers,
    },
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    isBase64Encoded: false,
    ...rest,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: { jwt: { claims: claimsOf(sub), scopes: null } },
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.10',
        userAgent: 'curl/8.7.1',
      },
      requestId: 'KmHc1jV4liAEJvQ=',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1767225600000,
      ...requestContext,
    },
  };
};
