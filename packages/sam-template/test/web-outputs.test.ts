// What scripts/deploy-web.sh reads from a deployed stack: where to upload, where the page
// is, and the page's config.json (WebConfig of packages/web/src/config.ts), one build for
// every stage.
import { describe, expect, it } from 'vitest';
import { cspDirectives, PHYSICAL, propertiesOf, resolved, template } from './support/web.js';

const output = (name: string, parameters: Record<string, string> = {}): string =>
  String(resolved(template.Outputs?.[name], { parameters })['Value']);
const webConfig = (parameters: Record<string, string> = {}): unknown =>
  JSON.parse(output('WebConfig', parameters));

describe('the web outputs', () => {
  it('name the bucket and the distribution', () => {
    expect(output('WebBucketName')).toBe(PHYSICAL['WebBucket']);
    expect(output('WebDistributionId')).toBe(PHYSICAL['WebDistribution']);
  });

  it('give the page’s URL: the distribution’s name, or the domain of your own', () => {
    expect(output('WebUrl')).toBe('https://d111111abcdef8.cloudfront.net');
    expect(
      output('WebUrl', {
        WebDomainName: 'tasks.example.com',
        WebCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/0a1b2c3d',
      }),
    ).toBe('https://tasks.example.com');
  });

  it('give config.json: the API on the page’s own origin, the pool the API trusts', () => {
    expect(webConfig()).toEqual({
      apiUrl: '',
      auth: {
        kind: 'cognito',
        region: 'us-east-1',
        userPoolId: PHYSICAL['UserPool'],
        clientId: PHYSICAL['UserPoolClient'],
      },
    });
  });

  it('give an existing pool’s ids when the stack trusts one', () => {
    const config = webConfig({
      ExistingUserPoolId: 'us-east-1_existing',
      ExistingUserPoolClientId: 'existing-client',
    });
    expect(config).toMatchObject({
      auth: { userPoolId: 'us-east-1_existing', clientId: 'existing-client' },
    });
  });

  it('point the sign-in at the Cognito endpoint the page’s CSP allows', () => {
    for (const region of ['us-east-1', 'ap-southeast-2']) {
      expect(webConfig({ 'AWS::Region': region })).toMatchObject({ auth: { region } });
      const headers = propertiesOf('WebResponseHeadersPolicy', {
        parameters: { 'AWS::Region': region },
      });
      const policy = JSON.stringify(headers).match(/"ContentSecurityPolicy":"([^"]+)"/)?.[1] ?? '';
      expect(cspDirectives(policy)['connect-src']).toContain(
        `https://cognito-idp.${region}.amazonaws.com`,
      );
    }
  });
});
