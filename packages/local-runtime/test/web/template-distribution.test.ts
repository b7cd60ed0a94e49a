import { loadTemplate, type SamTemplate } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import { InvalidTemplateError, templateDistribution } from '../../src/index.js';
import { pathPatternMatcher } from '../../src/web/behaviours.js';
import { policyHeaders } from '../../src/web/response-headers.js';

// The local runtime imitates the distribution the template deploys: its behaviours, their
// methods, their function and their headers are read from infra/template.yaml, never
// restated, so that what npm start serves is what CloudFront would.
const template = loadTemplate();

describe("the template's distribution, as the runtime reads it", () => {
  const behaviours = templateDistribution(template) ?? [];

  it("sends /tasks and /tasks/* to the API with every method, and every other path to the page's bucket with GET and HEAD", () => {
    expect(
      behaviours.map(({ pathPattern, origin, allowedMethods, viewerRequestFunctionId }) => ({
        pathPattern,
        origin,
        allowedMethods: [...allowedMethods].sort(),
        viewerRequestFunctionId,
      })),
    ).toEqual([
      {
        pathPattern: '/tasks',
        origin: 'api',
        allowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        viewerRequestFunctionId: undefined,
      },
      {
        pathPattern: '/tasks/*',
        origin: 'api',
        allowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        viewerRequestFunctionId: undefined,
      },
      {
        pathPattern: '*',
        origin: 'page',
        allowedMethods: ['GET', 'HEAD'],
        viewerRequestFunctionId: 'WebRewriteFunction',
      },
    ]);
  });

  it("adds the page's security headers to the page, resolved for the stack's region, HSTS left to HTTPS", () => {
    const page = behaviours.find((behaviour) => behaviour.origin === 'page');

    expect(policyHeaders(template, page?.responseHeadersPolicyId ?? '', 'eu-west-1')).toEqual([
      [
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
      ],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Frame-Options', 'DENY'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ]);
  });

  it("adds the API's own headers to the API's answers", () => {
    const api = behaviours.find((behaviour) => behaviour.origin === 'api');

    expect(policyHeaders(template, api?.responseHeadersPolicyId ?? '', 'us-east-1')).toEqual([
      ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Frame-Options', 'DENY'],
    ]);
  });
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object at `keys` in `value`; fails the test when there is none. */
const objectAt = (value: unknown, ...keys: string[]): Record<string, unknown> => {
  let node = value;
  for (const key of keys) node = isRecord(node) ? node[key] : undefined;
  if (!isRecord(node)) throw new Error(`no object at ${keys.join('.')}`);
  return node;
};

/** A copy of the template, `change` made to the properties of resource `id`. */
const changed = (
  id: string,
  change: (properties: Record<string, unknown>) => void,
): SamTemplate => {
  const copy = structuredClone(template);
  change(objectAt(copy.Resources, id, 'Properties'));
  return copy;
};

describe('what the runtime cannot imitate is refused, not ignored', () => {
  it('has no distribution in a template without one', () => {
    expect(templateDistribution({ Resources: {} })).toBeUndefined();
  });

  it('refuses a behaviour whose origin is not in the distribution', () => {
    const broken = changed('WebDistribution', (properties) => {
      objectAt(properties, 'DistributionConfig', 'DefaultCacheBehavior')['TargetOriginId'] =
        'Elsewhere';
    });

    expect(() => templateDistribution(broken)).toThrow(InvalidTemplateError);
  });

  it('refuses a headers policy with settings it does not imitate (CORS)', () => {
    const broken = changed('WebResponseHeadersPolicy', (properties) => {
      objectAt(properties, 'ResponseHeadersPolicyConfig')['CorsConfig'] = {
        AccessControlAllowCredentials: false,
      };
    });

    expect(() => policyHeaders(broken, 'WebResponseHeadersPolicy', 'us-east-1')).toThrow(
      /CorsConfig is not imitated locally/,
    );
  });

  it('adds custom headers as they are configured', () => {
    const custom = changed('ApiResponseHeadersPolicy', (properties) => {
      objectAt(properties, 'ResponseHeadersPolicyConfig')['CustomHeadersConfig'] = {
        Items: [{ Header: 'Permissions-Policy', Value: 'camera=()', Override: true }],
      };
    });

    expect(policyHeaders(custom, 'ApiResponseHeadersPolicy', 'us-east-1')).toContainEqual([
      'Permissions-Policy',
      'camera=()',
    ]);
  });
});

describe('CloudFront path patterns', () => {
  it.each([
    ['/tasks', '/tasks', true],
    ['/tasks', '/tasks/', false],
    ['/tasks', '/Tasks', false],
    ['/tasks', '/tasksboard', false],
    ['/tasks/*', '/tasks/', true],
    ['/tasks/*', '/tasks/a/b', true],
    ['/tasks/*', '/tasks', false],
    ['tasks/*', '/tasks/a', true],
    ['/images/*.jpg', '/images/a/b.jpg', true],
    ['/images/*.jpg', '/images/a.jpgx', false],
    ['/a?c', '/abc', true],
    ['/a?c', '/ac', false],
    ['/a.b', '/aXb', false],
    ['*', '/anything/at/all', true],
  ])('%s matches %s: %s', (pattern, path, matches) => {
    expect(pathPatternMatcher(pattern)(path)).toBe(matches);
  });
});
