import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest, startFakeGateway } from '../support/fake-gateway.js';

type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;

const REQUEST_ID = /^[A-Za-z0-9+/]{15}=$/;
const TIME =
  /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

describe('the payload 2.0 event the local API Gateway builds', () => {
  let gateway: FakeGateway;
  afterEach(async () => {
    await gateway.close();
  });

  it('has every field API Gateway sends for GET /tasks/{taskId}, and no null ones', async () => {
    gateway = await startFakeGateway();
    const before = Date.now();

    await rawRequest(gateway.port, [
      'GET /tasks/abc?limit=5&tag=a&tag=b%20c HTTP/1.1',
      `Host: 127.0.0.1:${gateway.port}`,
      'User-Agent: curl/8.7.1',
      'X-Multi: one',
      'x-multi: two',
      'Cookie: session=s1; theme=dark',
      'Cookie: lang=en',
    ]);

    const { functionId, event } = gateway.only();
    expect(functionId).toBe('Get');
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /tasks/{taskId}',
      rawPath: '/tasks/abc',
      rawQueryString: 'limit=5&tag=a&tag=b%20c',
      cookies: ['session=s1', 'theme=dark', 'lang=en'],
      headers: {
        host: `127.0.0.1:${gateway.port}`,
        'user-agent': 'curl/8.7.1',
        'x-multi': 'one,two',
        'content-length': '0',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': String(gateway.port),
        'x-forwarded-proto': 'http',
        'x-amzn-trace-id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
      },
      queryStringParameters: { limit: '5', tag: 'a,b c' },
      pathParameters: { taskId: 'abc' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/tasks/abc',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8.7.1',
        },
        requestId: expect.stringMatching(REQUEST_ID),
        routeKey: 'GET /tasks/{taskId}',
        stage: '$default',
        time: expect.stringMatching(TIME),
        timeEpoch: expect.any(Number),
      },
      isBase64Encoded: false,
    });
    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
  });

  it('leaves out cookies, queryStringParameters, pathParameters and body when there are none', async () => {
    gateway = await startFakeGateway();

    await fetch(`${gateway.url}/tasks`);

    const { event } = gateway.only();
    expect(event.routeKey).toBe('GET /tasks');
    expect(Object.keys(event)).toEqual([
      'version',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'headers',
      'requestContext',
      'isBase64Encoded',
    ]);
    expect(event.headers).not.toHaveProperty('connection');
  });

  it.each([
    ['GET', '/tasks/special', 'Special', 'GET /tasks/special'],
    ['GET', '/tasks/0193', 'Get', 'GET /tasks/{taskId}'],
    ['PUT', '/tasks/0193', 'Fallback', 'ANY /tasks/{taskId}'],
    ['DELETE', '/tasks', 'Fallback', 'ANY /tasks'],
    ['GET', '/tasks/0193/notes', 'Fallback', '$default'],
    ['GET', '/tasks/', 'Fallback', '$default'],
    ['GET', '/', 'Fallback', '$default'],
  ])(
    'routes %s %s to %s as %s: the most specific route wins',
    async (method, path, functionId, routeKey) => {
      gateway = await startFakeGateway();

      await fetch(`${gateway.url}${path}`, { method });

      expect(gateway.only()).toMatchObject({
        functionId,
        event: { routeKey, requestContext: { routeKey, http: { method, path } } },
      });
    },
  );

  it('decodes the path as API Gateway does, except %25, before routing on it', async () => {
    gateway = await startFakeGateway();

    await rawRequest(gateway.port, ['GET /tasks/a%20b%2541%C3%A9 HTTP/1.1', 'Host: localhost']);

    expect(gateway.only().event).toMatchObject({
      rawPath: '/tasks/a b%2541é',
      pathParameters: { taskId: 'a b%2541é' },
    });
  });

  it('appends the client address to an X-Forwarded-For the client sent', async () => {
    gateway = await startFakeGateway();

    await fetch(`${gateway.url}/tasks`, { headers: { 'x-forwarded-for': '192.0.2.10' } });

    expect(gateway.only().event.headers['x-forwarded-for']).toBe('192.0.2.10, 127.0.0.1');
  });

  it('gives each request its own request id, and each invocation a Lambda context', async () => {
    gateway = await startFakeGateway({ timeoutMs: 12_000 });

    const replies = [await fetch(`${gateway.url}/tasks`), await fetch(`${gateway.url}/tasks`)];

    const [first, second] = gateway.invocations;
    expect(first?.event.requestContext.requestId).not.toBe(second?.event.requestContext.requestId);
    expect(replies[0]?.headers.get('apigw-requestid')).toBe(first?.event.requestContext.requestId);
    expect(first?.context).toMatchObject({
      functionName: 'tasks-local-List',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:tasks-local-List',
      memoryLimitInMB: '512',
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(first?.context.awsRequestId).not.toBe(second?.context.awsRequestId);
    // One log stream per execution environment, as Lambda names them, not per invocation.
    expect(first?.context.logGroupName).toBe('/aws/lambda/tasks-local-List');
    expect(first?.context.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(second?.context.logStreamName).toBe(first?.context.logStreamName);
    const remaining = first?.context.getRemainingTimeInMillis() ?? 0;
    expect(remaining).toBeLessThanOrEqual(12_000);
    expect(remaining).toBeGreaterThan(10_000);
  });
});
