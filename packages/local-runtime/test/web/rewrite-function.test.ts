import { loadTemplate } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import {
  type IncomingHttpRequest,
  templateDistribution,
  templateViewerRequestFunction,
  viewerRequestEvent,
} from '../../src/index.js';

// Issue 15: "The CloudFront Function's rewrite rule is unit-tested in Node". The code under
// test is the template's own FunctionCode, read from infra/template.yaml and run as the
// local runtime runs it: never a copy that could drift from what deploys.
const template = loadTemplate();
const pageFunction = templateDistribution(template)?.find(
  (behaviour) => behaviour.origin === 'page',
)?.viewerRequestFunctionId;
const rewrite = templateViewerRequestFunction(template, pageFunction ?? '', () => undefined);

const request = (target: string): IncomingHttpRequest => {
  const [rawPath = '', rawQueryString = ''] = target.split('?');
  return {
    method: 'GET',
    rawPath,
    rawQueryString,
    httpVersion: '1.1',
    rawHeaders: ['Host', 'd111111abcdef8.cloudfront.net', 'Accept', 'text/html'],
    sourceIp: '198.51.100.11',
    localPort: 443,
    body: Buffer.alloc(0),
  };
};

const names = { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'E1' };

const uriFor = async (target: string): Promise<string> => {
  const outcome = await rewrite(viewerRequestEvent(request(target), names, 'request-id'));
  if (outcome.kind !== 'request') throw new Error(`the function answered ${outcome.kind}`);
  return outcome.uri;
};

describe("the template's WebRewriteFunction (viewer-request on the page's behaviour)", () => {
  it("is the function the distribution's page behaviour runs", () => {
    expect(pageFunction).toBe('WebRewriteFunction');
  });

  it.each([
    ['/', '/index.html'],
    ['/some/view', '/index.html'],
    ['/some/view/', '/index.html'],
    ['/assets/', '/index.html'],
    ['/tasks.v2/board', '/index.html'],
  ])('answers the deep link %s with %s', async (path, uri) => {
    expect(await uriFor(path)).toBe(uri);
  });

  it.each([
    '/assets/app-abc.js',
    '/assets/app-abc.css',
    '/config.json',
    '/index.html',
    '/favicon.svg',
  ])('leaves the file %s as asked: a missing one stays a 404', async (path) => {
    expect(await uriFor(path)).toBe(path);
  });

  it('keeps query strings aside: they are in querystring, never in the uri', async () => {
    const event = viewerRequestEvent(request('/some/view?tab=stats&tab=all&x='), names, 'id');

    expect(event.request.uri).toBe('/some/view');
    expect(event.request.querystring).toEqual({
      tab: { value: 'stats', multiValue: [{ value: 'stats' }, { value: 'all' }] },
      x: { value: '' },
    });
    expect(await uriFor('/some/view?tab=stats')).toBe('/index.html');
    expect(await uriFor('/assets/app-abc.js?v=1')).toBe('/assets/app-abc.js');
  });
});
