// Which behaviour of the web distribution answers which path (issue 15): the API's paths,
// taken from the HttpApi routes, go to the HTTP API with nothing cached and Authorization
// forwarded; every other path is the page's, where alone the rewrite function runs. No
// distribution-wide error page may turn an API error into the page.
import { describe, expect, it } from 'vitest';
import { templateRoutes } from '../src/index.js';
import {
  at,
  behaviourFor,
  distribution,
  listAt,
  matchesPathPattern,
  PHYSICAL,
  propertiesOf,
  resolved,
  template,
} from './support/web.js';

/** Managed cache policy CachingDisabled (CloudFront developer guide, "Use managed cache policies"). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
/**
 * Managed origin request policy AllViewerExceptHostHeader ("Use managed origin request
 * policies"): every viewer header but Host (so Authorization), every query string and cookie.
 */
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const ALL_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'];

const config = distribution();
const origins = listAt(config, 'Origins');
const originOf = (behaviour: Record<string, unknown>) =>
  origins.find((origin) => origin['Id'] === behaviour['TargetOriginId']);
const apiOrigin = origins.find((origin) => origin['CustomOriginConfig'] !== undefined);
const apiBehaviours = listAt(config, 'CacheBehaviors').filter(
  (behaviour) => behaviour['TargetOriginId'] === apiOrigin?.['Id'],
);

/** The routes' paths as a browser sends them: each path variable given a value. */
const routePaths = [
  ...new Set(
    templateRoutes(template)
      .map((route) => route.path)
      .filter((path) => path !== '$default'),
  ),
];
const sent = (path: string) => path.replace(/\{[^}]+\}/g, '0190b5a4-7c1e-7000-8000-000000000000');

describe('the API’s paths on the web distribution', () => {
  it('are the HttpApi routes’ paths (a route added to the template needs its behaviour)', () => {
    expect(routePaths.length).toBeGreaterThanOrEqual(3);
    for (const path of routePaths) {
      expect({ path, origin: originOf(behaviourFor(config, sent(path)))?.['Id'] }).toEqual({
        path,
        origin: apiOrigin?.['Id'],
      });
    }
  });

  it('are nothing else: each API behaviour matches a route’s path', () => {
    for (const behaviour of apiBehaviours) {
      const pattern = String(behaviour['PathPattern']);
      expect({
        pattern,
        matches: routePaths.some((path) => matchesPathPattern(pattern, sent(path))),
      }).toEqual({ pattern, matches: true });
    }
  });

  it.each(['/', '/index.html', '/config.json', '/assets/index-4f9a2c.js', '/tasksearch', '/t/1'])(
    '%s is the page’s',
    (path) => {
      expect(behaviourFor(config, path)).toBe(at(config, 'DefaultCacheBehavior'));
    },
  );

  it('reach the stage’s own HTTP API (the ApiUrl output’s host), over TLS 1.2 only', () => {
    const apiUrl = new URL(String(resolved(template.Outputs?.['ApiUrl'])['Value']));
    expect(apiOrigin).toMatchObject({
      DomainName: apiUrl.host,
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    expect(apiOrigin).not.toHaveProperty('OriginPath');
  });

  it.each(apiBehaviours.map((behaviour) => [String(behaviour['PathPattern']), behaviour]))(
    '%s: every method, nothing cached, Authorization forwarded, no function, HTTPS only',
    (_, behaviour) => {
      expect(behaviour).toMatchObject({
        AllowedMethods: ALL_METHODS,
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        ViewerProtocolPolicy: 'https-only',
      });
      expect(behaviour).not.toHaveProperty('FunctionAssociations');
      expect(behaviour).not.toHaveProperty('LambdaFunctionAssociations');
      expect(behaviour).not.toHaveProperty('ForwardedValues');
    },
  );
});

describe('the page’s behaviour', () => {
  const page = at(config, 'DefaultCacheBehavior');

  it('serves the bucket, GET and HEAD only, redirecting HTTP to HTTPS, compressed', () => {
    expect(originOf(page)?.['S3OriginConfig']).toBeDefined();
    expect(page).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
    });
  });

  it('runs the rewrite function on its viewer requests, the only function of the distribution', () => {
    expect(page['FunctionAssociations']).toEqual([
      { EventType: 'viewer-request', FunctionARN: PHYSICAL['WebRewriteFunction.FunctionARN'] },
    ]);
    const named = JSON.stringify(config).split(PHYSICAL['WebRewriteFunction.FunctionARN'] ?? '');
    expect(named).toHaveLength(2);
    expect(JSON.stringify(config)).not.toContain('LambdaFunctionAssociations');
  });

  it('caches each object as its Cache-Control says: no-cache is not kept, a year is', () => {
    expect(page['CachePolicyId']).toBe(PHYSICAL['WebCachePolicy']);
    const policy = at(propertiesOf('WebCachePolicy'), 'CachePolicyConfig');
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(Number(policy['MaxTTL'])).toBeGreaterThanOrEqual(31_536_000);
    expect(at(policy, 'ParametersInCacheKeyAndForwardedToOrigin')).toEqual({
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    });
  });
});

describe('the web distribution', () => {
  it('has no error pages, which would answer for the API too', () => {
    expect(config).not.toHaveProperty('CustomErrorResponses');
  });

  it('speaks HTTP/2 and HTTP/3 over IPv4 and IPv6, with index.html at the root', () => {
    expect(config).toMatchObject({
      Enabled: true,
      HttpVersion: 'http2and3',
      IPV6Enabled: true,
      DefaultRootObject: 'index.html',
      PriceClass: 'PriceClass_100',
    });
  });
});
