import type { SamTemplate } from '@tasks/sam-template';
import { InvalidTemplateError } from '../errors.js';
import { pathPatternMatcher } from './behaviours.js';

/** One cache behaviour of the template's distribution, as the runtime imitates it. */
export interface DistributionBehaviour {
  /** `*` for the default behaviour. */
  readonly pathPattern: string;
  readonly matches: (path: string) => boolean;
  /** Its origin: the page's bucket (S3) or the HTTP API (a custom origin). */
  readonly origin: 'page' | 'api';
  readonly allowedMethods: readonly string[];
  /** The logical id of its viewer-request CloudFront Function, if it has one. */
  readonly viewerRequestFunctionId: string | undefined;
  /** The logical id of its response headers policy, if it has one. */
  readonly responseHeadersPolicyId: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The logical id behind `!Ref Id` or `!GetAtt Id.Attribute`. */
const logicalIdOf = (where: string, value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (isRecord(value) && typeof value['Ref'] === 'string') return value['Ref'];
  const getAtt = isRecord(value) ? value['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  throw new InvalidTemplateError(`${where} is not a !Ref or !GetAtt of a resource of the template`);
};

const stringsOf = (where: string, value: unknown): string[] => {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new InvalidTemplateError(`${where} is not a list of strings`);
  }
  return value;
};

/**
 * The cache behaviours of the template's one `AWS::CloudFront::Distribution`, in the order
 * CloudFront tries them (its `CacheBehaviors`, then the default), or `undefined` when the
 * template has none. Throws {@link InvalidTemplateError} for a behaviour the runtime cannot
 * imitate (an origin that is neither S3 nor the API, a function given otherwise than by
 * `!GetAtt`).
 */
export const templateDistribution = (
  template: SamTemplate,
): readonly DistributionBehaviour[] | undefined => {
  const found = Object.entries(template.Resources).filter(
    ([, resource]) => resource.Type === 'AWS::CloudFront::Distribution',
  );
  if (found.length === 0) return undefined;
  const [[id, resource] = ['', undefined], ...others] = found;
  if (others.length > 0) {
    throw new InvalidTemplateError(
      `The template has ${found.length} distributions; the runtime imitates one`,
    );
  }
  const config = resource?.Properties?.['DistributionConfig'];
  if (!isRecord(config)) throw new InvalidTemplateError(`${id} has no DistributionConfig`);
  const origins = new Map<string, 'page' | 'api'>();
  for (const origin of Array.isArray(config['Origins']) ? config['Origins'] : []) {
    if (!isRecord(origin) || typeof origin['Id'] !== 'string') continue;
    if (origin['S3OriginConfig'] !== undefined) origins.set(origin['Id'], 'page');
    else if (origin['CustomOriginConfig'] !== undefined) origins.set(origin['Id'], 'api');
  }
  const behaviourOf = (
    where: string,
    value: unknown,
    pathPattern: string,
  ): DistributionBehaviour => {
    if (!isRecord(value)) throw new InvalidTemplateError(`${where} is not an object`);
    const target = value['TargetOriginId'];
    const origin = typeof target === 'string' ? origins.get(target) : undefined;
    if (origin === undefined) {
      throw new InvalidTemplateError(`${where} targets no S3 or custom origin of ${id}`);
    }
    const associations = Array.isArray(value['FunctionAssociations'])
      ? value['FunctionAssociations']
      : [];
    const viewerRequest = associations.find(
      (association) => isRecord(association) && association['EventType'] === 'viewer-request',
    );
    return {
      pathPattern,
      matches: pathPatternMatcher(pathPattern),
      origin,
      allowedMethods: stringsOf(
        `${where}.AllowedMethods`,
        value['AllowedMethods'] ?? ['GET', 'HEAD'],
      ),
      viewerRequestFunctionId: isRecord(viewerRequest)
        ? logicalIdOf(`${where}'s viewer-request FunctionARN`, viewerRequest['FunctionARN'])
        : undefined,
      responseHeadersPolicyId: logicalIdOf(
        `${where}.ResponseHeadersPolicyId`,
        value['ResponseHeadersPolicyId'],
      ),
    };
  };
  const cacheBehaviors = Array.isArray(config['CacheBehaviors']) ? config['CacheBehaviors'] : [];
  return [
    ...cacheBehaviors.map((behaviour, index) => {
      const where = `${id} CacheBehaviors[${index}]`;
      const pattern = isRecord(behaviour) ? behaviour['PathPattern'] : undefined;
      if (typeof pattern !== 'string')
        throw new InvalidTemplateError(`${where} has no PathPattern`);
      return behaviourOf(where, behaviour, pattern);
    }),
    behaviourOf(`${id} DefaultCacheBehavior`, config['DefaultCacheBehavior'], '*'),
  ];
};
