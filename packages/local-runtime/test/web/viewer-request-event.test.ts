import { describe, expect, it } from 'vitest';
import { type IncomingHttpRequest, viewerRequestEvent } from '../../src/index.js';

const base: IncomingHttpRequest = {
  method: 'GET',
  rawPath: '/some/view',
  rawQueryString: 'a=1&b=%20x&a=2&flag',
  httpVersion: '1.1',
  rawHeaders: [
    'Host',
    '127.0.0.1:3000',
    'Accept',
    'text/html',
    'accept',
    'application/json',
    'Cookie',
    'theme=dark; session=abc',
    'Cookie',
    'theme=light',
  ],
  sourceIp: '127.0.0.1',
  localPort: 3000,
  body: Buffer.alloc(0),
};

// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
describe('the viewer-request event of a request', () => {
  const event = viewerRequestEvent(
    base,
    { distributionDomainName: '127.0.0.1:3000', distributionId: 'LOCAL' },
    'req-1',
  );

  it('has version 1.0, the context of a viewer-request and the viewer ip', () => {
    expect(event.version).toBe('1.0');
    expect(event.context).toEqual({
      distributionDomainName: '127.0.0.1:3000',
      distributionId: 'LOCAL',
      eventType: 'viewer-request',
      requestId: 'req-1',
    });
    expect(event.viewer).toEqual({ ip: '127.0.0.1' });
    expect(event.request.method).toBe('GET');
    expect(event.request.uri).toBe('/some/view');
  });

  it('lower-cases header names and collapses repeats into multiValue, the Cookie header aside', () => {
    expect(event.request.headers).toEqual({
      host: { value: '127.0.0.1:3000' },
      accept: {
        value: 'text/html',
        multiValue: [{ value: 'text/html' }, { value: 'application/json' }],
      },
    });
  });

  it('puts each cookie in cookies, repeats in multiValue', () => {
    expect(event.request.cookies).toEqual({
      theme: { value: 'dark', multiValue: [{ value: 'dark' }, { value: 'light' }] },
      session: { value: 'abc' },
    });
  });

  it('keeps query parameters as sent, a name without a value as ""', () => {
    expect(event.request.querystring).toEqual({
      a: { value: '1', multiValue: [{ value: '1' }, { value: '2' }] },
      b: { value: '%20x' },
      flag: { value: '' },
    });
  });
});
