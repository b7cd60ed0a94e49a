// A domain of your own needs its certificate, and a certificate its domain: the template's
// Rules refuse one without the other before any resource is touched (HasWebDomain alone
// would leave the *.cloudfront.net name without a word).
import { describe, expect, it } from 'vitest';
import { resolveIntrinsics } from '../src/index.js';
import { isRecord } from '../src/load-template.js';
import { template } from './support/web.js';

const DOMAIN = 'tasks.example.com';
const CERTIFICATE = 'arn:aws:acm:us-east-1:000000000000:certificate/0a1b2c3d';

const truth = (value: unknown, parameters: Record<string, string>): boolean => {
  const resolved = resolveIntrinsics(value, template, { parameters });
  if (typeof resolved !== 'boolean') throw new Error(`${JSON.stringify(value)} is no condition`);
  return resolved;
};

/**
 * The AssertDescription of each assertion that fails for these parameters, as CloudFormation
 * checks Rules: a rule whose RuleCondition is false (or that has none: true) asserts nothing.
 */
const failedAssertions = (parameters: Record<string, string>): string[] =>
  Object.values(template.Rules ?? {}).flatMap((rule) => {
    if (!isRecord(rule)) throw new Error('a rule is not an object');
    const applies = rule['RuleCondition'] === undefined || truth(rule['RuleCondition'], parameters);
    const assertions = rule['Assertions'];
    if (!Array.isArray(assertions)) throw new Error('a rule has no Assertions');
    return assertions.flatMap((assertion) => {
      if (!isRecord(assertion)) throw new Error('an assertion is not an object');
      return applies && !truth(assertion['Assert'], parameters)
        ? [String(assertion['AssertDescription'])]
        : [];
    });
  });

describe('the Rules on the web domain’s parameters', () => {
  it('accept neither, or both', () => {
    expect(failedAssertions({})).toEqual([]);
    expect(failedAssertions({ WebDomainName: DOMAIN, WebCertificateArn: CERTIFICATE })).toEqual([]);
  });

  it('refuse a domain without its certificate, saying which is missing', () => {
    const failed = failedAssertions({ WebDomainName: DOMAIN });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^WebDomainName needs WebCertificateArn/);
  });

  it('refuse a certificate without its domain, saying which is missing', () => {
    const failed = failedAssertions({ WebCertificateArn: CERTIFICATE });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^WebCertificateArn needs WebDomainName/);
  });
});
