import { type IntrinsicContext, loadTemplate, resolveIntrinsics } from '../../src/index.js';
import { isRecord } from '../../src/load-template.js';

export const template = loadTemplate();

type Json = Record<string, unknown>;

/** What CloudFormation would return for the web resources' Ref and GetAtt, made up. */
export const PHYSICAL: Readonly<Record<string, string>> = {
  WebBucket: 'tasks-webbucket-1a2b3c',
  'WebBucket.Arn': 'arn:aws:s3:::tasks-webbucket-1a2b3c',
  'WebBucket.RegionalDomainName': 'tasks-webbucket-1a2b3c.s3.us-east-1.amazonaws.com',
  WebDistribution: 'E2EXAMPLE',
  'WebDistribution.DomainName': 'd111111abcdef8.cloudfront.net',
  'WebOriginAccessControl.Id': 'E3OAC',
  WebCachePolicy: 'web-cache-policy-id',
  WebResponseHeadersPolicy: 'web-headers-policy-id',
  ApiResponseHeadersPolicy: 'api-headers-policy-id',
  'WebRewriteFunction.FunctionARN': 'arn:aws:cloudfront::000000000000:function/tasks-web-rewrite',
  HttpApi: 'a1b2c3d4e5',
  UserPool: 'us-east-1_pool',
  UserPoolClient: 'client-id',
};

export const DISTRIBUTION_ARN = 'arn:aws:cloudfront::000000000000:distribution/E2EXAMPLE';

/** A resource's properties (or any template value) as CloudFormation would see them. */
export const resolved = (value: unknown, context: IntrinsicContext = {}): Json => {
  const result = resolveIntrinsics(value, template, {
    ...context,
    resources: { ...PHYSICAL, ...context.resources },
  });
  if (!isRecord(result)) throw new Error(`resolved to ${JSON.stringify(result)}, not an object`);
  return result;
};

export const propertiesOf = (id: string, context?: IntrinsicContext): Json =>
  resolved(template.Resources[id]?.Properties ?? {}, context);

/** A member that must be an object. */
export const at = (value: unknown, key: string): Json => {
  const member = isRecord(value) ? value[key] : undefined;
  if (!isRecord(member)) throw new Error(`${key} is not an object in ${JSON.stringify(value)}`);
  return member;
};

/** A member that must be a list of objects. */
export const listAt = (value: unknown, key: string): Json[] => {
  const member = isRecord(value) ? value[key] : undefined;
  if (!Array.isArray(member) || !member.every(isRecord))
    throw new Error(`${key} is not a list of objects in ${JSON.stringify(value)}`);
  return member;
};

/** The distribution's configuration. */
export const distribution = (context?: IntrinsicContext): Json =>
  at(propertiesOf('WebDistribution', context), 'DistributionConfig');

/**
 * Whether a CloudFront path pattern matches a path: `*` is any run of characters (slashes
 * too), `?` one character, case-sensitive; the pattern's leading `/` is optional
 * (CloudFront developer guide, "Path pattern").
 */
export const matchesPathPattern = (pattern: string, path: string): boolean => {
  const body = pattern
    .replace(/^\/?/, '/')
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`).test(path);
};

/** The behaviour CloudFront picks for a path: the first cache behaviour that matches, else the default. */
export const behaviourFor = (config: Json, path: string): Json =>
  listAt(config, 'CacheBehaviors').find((behaviour) =>
    matchesPathPattern(String(behaviour['PathPattern']), path),
  ) ?? at(config, 'DefaultCacheBehavior');

/** A Content-Security-Policy as a map of directive to its sources. */
export const cspDirectives = (policy: string): Record<string, string[]> =>
  Object.fromEntries(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name !== undefined && name !== '')
      .map(([name = '', ...sources]) => [name, sources]),
  );
